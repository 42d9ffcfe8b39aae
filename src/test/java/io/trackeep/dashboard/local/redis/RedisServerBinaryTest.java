package io.trackeep.dashboard.local.redis;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class RedisServerBinaryTest {

    @Test
    void aConfiguredExecutableIsRunWhereItIsAndNothingIsCopied(@TempDir Path dir) throws Exception {
        Path bin = Files.createFile(dir.resolve("my-redis-server"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path folder = Files.createDirectory(dir.resolve("private"));

        assertThat(RedisServerBinary.resolve(bin, folder)).isEqualTo(bin);
        assertThat(folder).isEmptyDirectory();
    }

    @Test
    void aConfiguredFileThatIsNotExecutableIsAClearError(@TempDir Path dir) throws Exception {
        Path notABinary = Files.writeString(dir.resolve("redis-server"), "not a program");

        assertThatThrownBy(() -> RedisServerBinary.resolve(notABinary, dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The configured redis-server is not an executable file: " + notABinary);
    }

    @Test
    void withoutOneTheEmbeddedBinaryIsCopiedIntoThePrivateFolderForItsOwnerOnly(@TempDir Path folder) throws Exception {
        String env = System.getenv("REDIS_SERVER");
        assumeTrue(env == null || env.isBlank(), "REDIS_SERVER names the binary to run");

        Path bin = RedisServerBinary.resolve(null, folder);

        assertThat(bin).isEqualTo(folder.resolve("redis-server"));
        assertThat(Files.isExecutable(bin)).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(bin))).isEqualTo("rwx------");
        assertThat(RedisServerBinary.class.getClassLoader().getResource(RedisServerBinary.embeddedResourceName())).isNotNull();
    }
}
