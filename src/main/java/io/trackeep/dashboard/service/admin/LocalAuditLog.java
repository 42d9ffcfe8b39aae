package io.trackeep.dashboard.service.admin;

import io.trackeep.dashboard.service.json.Json;
import io.trackeep.dashboard.service.profile.PrivateFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * This workstation's own record of admin actions: one JSON object per line in {@value #FILE_NAME}
 * in the user's data folder. It holds what the shared {@code P:audit} stream may lack (actions
 * refused in read-only mode, actions taken while the audit stream could not be written). Targets
 * are already masked by the plans; no secret is ever written here.
 *
 * <p>The file is rotated when it reaches {@link #MAX_BYTES} (8 MiB, some 40,000 actions): it
 * becomes {@code audit.jsonl.1}, the previous {@code .1} becomes {@code .2}, and the oldest
 * generation is dropped, so the log never takes more than about 24 MiB.
 *
 * <p>Folder and files are owner-only ({@link PrivateFiles}), whoever creates them first: the
 * window, or a command of the command line.
 */
public final class LocalAuditLog {

    public static final String FILE_NAME = "audit.jsonl";
    public static final long MAX_BYTES = 8L << 20;
    /** Rotated files kept besides the current one. */
    static final int GENERATIONS = 2;

    /** One line of the log. */
    public record Entry(Instant when, String who, String action, String target, String result, String connection) {
    }

    private final Path file;
    private final Clock clock;
    private final long maxBytes;

    /** The log in a data folder (the window's, the command line's: both write the same file). */
    public static LocalAuditLog in(Path dataFolder) {
        return new LocalAuditLog(dataFolder.resolve(FILE_NAME));
    }

    public LocalAuditLog(Path file) {
        this(file, Clock.systemUTC(), MAX_BYTES);
    }

    public LocalAuditLog(Path file, Clock clock) {
        this(file, clock, MAX_BYTES);
    }

    LocalAuditLog(Path file, Clock clock, long maxBytes) {
        this.file = file;
        this.clock = clock;
        this.maxBytes = maxBytes;
    }

    public Path file() { return file; }

    /** Appends one entry, rotating first when the file is full; a failure to write is reported, not swallowed. */
    public synchronized void append(String who, String action, String target, String result, String connection) {
        Entry e = new Entry(clock.instant(), who, action, target, result, connection);
        try {
            if (Files.exists(file) && Files.size(file) >= maxBytes) {
                rotate();
            }
            // After a crash mid-write the torn line must not swallow this entry: start a new line.
            String line = (endsInsideALine() ? "\n" : "") + Json.write(e) + "\n";
            PrivateFiles.append(file, line.getBytes(StandardCharsets.UTF_8));
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot write the local audit log " + file + ": " + ex.getMessage(), ex);
        }
    }

    private boolean endsInsideALine() throws IOException {
        if (!Files.exists(file)) {
            return false;
        }
        try (SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ)) {
            if (channel.size() == 0) {
                return false;
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            channel.position(channel.size() - 1).read(last);
            return last.get(0) != '\n';
        }
    }

    private void rotate() throws IOException {
        Files.deleteIfExists(generation(GENERATIONS));
        for (int g = GENERATIONS - 1; g >= 1; g--) {
            if (Files.exists(generation(g))) {
                Files.move(generation(g), generation(g + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(file, generation(1), StandardCopyOption.REPLACE_EXISTING);
    }

    private Path generation(int g) {
        return file.resolveSibling(file.getFileName() + "." + g);
    }

    /** The newest {@code max} entries, newest first, from the current file and then the rotated ones; unreadable lines are skipped. */
    public synchronized List<Entry> latest(int max) {
        List<Entry> newestFirst = new ArrayList<>(Math.min(max, 1024));
        try {
            for (int g = 0; g <= GENERATIONS && newestFirst.size() < max; g++) {
                Path f = g == 0 ? file : generation(g);
                if (Files.exists(f)) {
                    List<Entry> entries = read(f);
                    for (int i = entries.size() - 1; i >= 0 && newestFirst.size() < max; i--) {
                        newestFirst.add(entries.get(i));
                    }
                }
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot read the local audit log " + file + ": " + ex.getMessage(), ex);
        }
        return Collections.unmodifiableList(newestFirst);
    }

    private static List<Entry> read(Path f) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (var lines = Files.lines(f, StandardCharsets.UTF_8)) {
            lines.forEach(line -> {
                try {
                    entries.add(Json.read(line, Entry.class));
                } catch (RuntimeException malformed) {
                    // a torn last line after a crash: skip it
                }
            });
        }
        return entries;
    }
}
