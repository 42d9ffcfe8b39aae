package io.trackeep.dashboard.service.admin;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class LocalAuditLogTest {

    @TempDir
    Path dir;

    private LocalAuditLog log(long maxBytes) {
        return new LocalAuditLog(dir.resolve(LocalAuditLog.FILE_NAME), Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC), maxBytes);
    }

    private static void append(LocalAuditLog log, int n) {
        log.append("ann@ws1", "session.kill", "target " + n, "ok", "redis://127.0.0.1:6379 (prefix tk)");
    }

    @Test
    void rotatesAtTheLimitKeepsTwoOlderFilesAndReadsAcrossThem() throws IOException {
        LocalAuditLog log = log(1_000); // some 7 entries per file
        for (int i = 0; i < 60; i++) {
            append(log, i);
        }

        assertThat(Files.size(log.file())).isLessThan(1_000 + 200);
        assertThat(dir.resolve("audit.jsonl.1")).exists();
        assertThat(dir.resolve("audit.jsonl.2")).exists();
        assertThat(dir.resolve("audit.jsonl.3")).as("the oldest generation is dropped").doesNotExist();
        long kept = IntStream.rangeClosed(0, 2).mapToLong(g -> lines(g == 0 ? log.file() : dir.resolve("audit.jsonl." + g))).sum();
        assertThat(kept).isLessThan(60);

        List<LocalAuditLog.Entry> latest = log.latest(100);
        assertThat(latest).hasSize((int) kept);
        assertThat(latest.get(0).target()).isEqualTo("target 59");
        assertThat(latest).extracting(LocalAuditLog.Entry::target)
                .as("newest first, without gaps across the files")
                .containsExactlyElementsOf(IntStream.range(0, (int) kept).mapToObj(i -> "target " + (59 - i)).toList());
        assertThat(log.latest(3)).extracting(LocalAuditLog.Entry::target).containsExactly("target 59", "target 58", "target 57");
    }

    @Test
    void aTornLineAfterACrashIsSkipped() throws IOException {
        LocalAuditLog log = log(LocalAuditLog.MAX_BYTES);
        append(log, 1);
        Files.writeString(log.file(), "{\"when\":\"2026-", StandardOpenOption.APPEND);
        append(log, 2);

        assertThat(log.latest(10)).extracting(LocalAuditLog.Entry::target).containsExactly("target 2", "target 1");
        assertThat(LocalAuditLog.in(dir).latest(10)).as("the same file").hasSize(2);
    }

    /** The command line wrote it 0644 in a 0755 folder, while the window keeps its folders 0700. */
    @Test
    void folderAndFileAreOwnerOnlyWhoeverCreatesThem() throws IOException {
        Path data = dir.resolve("new-data-folder");
        LocalAuditLog.in(data).append("ann@ws1", "session.kill", "t", "ok", "redis://h:1");

        assertThat(Files.getPosixFilePermissions(data)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(data.resolve(LocalAuditLog.FILE_NAME)))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void aFileAnOlderVersionLeftReadableByOthersIsRestrictedBeforeItGrows() throws IOException {
        Path file = dir.resolve(LocalAuditLog.FILE_NAME);
        Files.writeString(file, "");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        LocalAuditLog.in(dir).append("ann@ws1", "session.kill", "t", "ok", "redis://h:1");

        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(LocalAuditLog.in(dir).latest(5)).hasSize(1);
    }

    private static long lines(Path f) {
        try (var lines = Files.lines(f)) {
            return lines.count();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
