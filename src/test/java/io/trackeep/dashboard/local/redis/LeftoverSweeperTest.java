package io.trackeep.dashboard.local.redis;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class LeftoverSweeperTest {

    @TempDir
    Path tmp;

    @Test
    void stopsTheServerOfADeadOwnerAndRemovesItsFolder() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("trackeep-redis-1"));
        // a stand-in "server": a copy of sleep living in the folder, as the extracted redis-server does
        Path fakeServer = dir.resolve("redis-server");
        Files.copy(Path.of("/bin/sleep"), fakeServer);
        fakeServer.toFile().setExecutable(true);
        Process server = new ProcessBuilder(fakeServer.toString(), "60").start();
        long deadOwner = deadPid();
        Files.writeString(dir.resolve("owner"), deadOwner + " " + server.pid() + "\n");

        LeftoverSweeper.sweep(tmp, "trackeep-redis-");

        assertThat(server.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(dir).doesNotExist();
    }

    @Test
    void leavesFoldersOfLiveOwnersAndUnrelatedProcessesAlone() throws Exception {
        Path live = Files.createDirectory(tmp.resolve("trackeep-redis-live"));
        Files.writeString(live.resolve("owner"), ProcessHandle.current().pid() + " 1\n");
        Process unrelated = new ProcessBuilder("/bin/sleep", "60").start();
        Path dead = Files.createDirectory(tmp.resolve("trackeep-redis-dead"));
        Files.writeString(dead.resolve("owner"), deadPid() + " " + unrelated.pid() + "\n");
        Path fresh = Files.createDirectory(tmp.resolve("trackeep-redis-starting"));
        Path old = Files.createDirectory(tmp.resolve("trackeep-redis-old"));
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofHours(2))));

        LeftoverSweeper.sweep(tmp, "trackeep-redis-");

        assertThat(live).exists();
        assertThat(unrelated.isAlive()).as("not the folder's binary: never killed").isTrue();
        assertThat(dead).doesNotExist();
        assertThat(fresh).exists();
        assertThat(old).doesNotExist();
        unrelated.destroy();
    }

    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("/bin/true").start();
        p.waitFor();
        return p.pid();
    }
}
