package io.trackeep.dashboard.service.admin;

import io.trackeep.dashboard.service.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * This workstation's own record of admin actions: one JSON object per line in a file in the
 * user's data folder. It holds what the shared {@code P:audit} stream may lack (actions refused in
 * read-only mode, actions taken while the audit stream could not be written). Targets are already
 * masked by the plans; no secret is ever written here.
 */
public final class LocalAuditLog {

    /** One line of the log. */
    public record Entry(Instant when, String who, String action, String target, String result, String connection) {
    }

    private final Path file;
    private final Clock clock;

    public LocalAuditLog(Path file) {
        this(file, Clock.systemUTC());
    }

    public LocalAuditLog(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    public Path file() {
        return file;
    }

    /** Appends one entry; a failure to write is reported, not swallowed. */
    public synchronized void append(String who, String action, String target, String result, String connection) {
        Entry e = new Entry(clock.instant(), who, action, target, result, connection);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, Json.write(e) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot write the local audit log " + file + ": " + ex.getMessage(), ex);
        }
    }

    /** The newest {@code max} entries, newest first; unreadable lines are skipped. */
    public synchronized List<Entry> latest(int max) {
        if (!Files.exists(file)) {
            return List.of();
        }
        Deque<Entry> newest = new ArrayDeque<>(max);
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            lines.forEach(line -> {
                try {
                    Entry e = Json.read(line, Entry.class);
                    if (newest.size() == max) {
                        newest.removeFirst();
                    }
                    newest.addLast(e);
                } catch (RuntimeException malformed) {
                    // a torn last line after a crash: skip it
                }
            });
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot read the local audit log " + file + ": " + ex.getMessage(), ex);
        }
        List<Entry> result = new java.util.ArrayList<>(newest);
        java.util.Collections.reverse(result);
        return result;
    }
}
