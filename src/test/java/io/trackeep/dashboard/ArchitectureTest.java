package io.trackeep.dashboard;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The layer rules of DESIGN.md section 3, checked on the sources. */
class ArchitectureTest {

    private static final Path ROOT = Path.of("src/main/java/io/trackeep/dashboard");

    @Test
    void serviceImportsNeitherJavaFxNorAnotherLayer() throws IOException {
        assertThat(violations("service", Pattern.compile(
                "^import (static )?(javafx\\.|org\\.controlsfx|atlantafx|io\\.trackeep\\.dashboard\\.(monitor|local|ui|cli)\\.)")))
                .isEmpty();
    }

    @Test
    void monitorImportsNoJavaFxAndOnlyTheServiceLayer() throws IOException {
        assertThat(violations("monitor", Pattern.compile(
                "^import (static )?(javafx\\.|org\\.controlsfx|atlantafx|io\\.trackeep\\.dashboard\\.(local|ui|cli)\\.)")))
                .isEmpty();
    }

    @Test
    void localDoesNotReachUpIntoUiOrCli() throws IOException {
        assertThat(violations("local", Pattern.compile(
                "^import (static )?(javafx\\.|io\\.trackeep\\.dashboard\\.(ui|cli)\\.)")))
                .isEmpty();
    }

    // KEYS takes a pattern; RedisConnections.keys() (the KeySchema) takes nothing and is allowed.
    private static final Pattern KEYS_COMMAND = Pattern.compile("\\.keys\\((?!\\))");

    @Test
    void noCodeSendsKeys() throws IOException {
        // KEYS blocks Redis on a large keyspace; enumeration must use SCAN.
        assertThat(violations("", KEYS_COMMAND))
                .isEmpty();
    }

    @Test
    void keysGuardTellsTheCommandFromTheSchemaAccessor() {
        assertThat(KEYS_COMMAND.matcher("redis.sync().keys(\"tk:*\")").find()).isTrue();
        assertThat(KEYS_COMMAND.matcher("redis.sync().keys(").find()).isTrue();
        assertThat(KEYS_COMMAND.matcher("this.keys = redis.keys();").find()).isFalse();
    }

    private static List<String> violations(String layer, Pattern forbidden) throws IOException {
        List<String> found = new ArrayList<>();
        Path dir = ROOT.resolve(layer);
        if (!Files.isDirectory(dir)) {
            return found;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    if (forbidden.matcher(lines.get(i).strip()).find()) {
                        found.add(f + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        }
        return found;
    }
}
