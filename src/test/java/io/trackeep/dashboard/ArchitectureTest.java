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

/** The layer rules of docs/ARCHITECTURE.md §2, checked on the sources. */
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

    @Test
    void everyDialogIsMadeByTheKitInOneShape() throws IOException {
        // owner, modality, theme, primary button and problem line in one place (ui/kit/Dialogs); the
        // one exception is the error shown when the profiles cannot be read, before any window or theme
        assertThat(violations("ui", Pattern.compile("new (Dialog|Alert)\\s*[<(]")))
                .allMatch(v -> v.contains("kit/Dialogs.java") || v.contains("ui/DashboardApp.java") && v.contains("AlertType.ERROR"))
                .hasSize(2);
    }

    @Test
    void noFileOfTheProjectCitesADocumentOutsideTheRepository() throws IOException {
        // a clone has only what is in it: the design lives in docs/ARCHITECTURE.md
        Pattern outside = Pattern.compile("\\.\\./shared|DESIGN\\.md|TOOLCHAIN\\.md|TOPOLOGIES\\.md|STYLE\\.md|ISSUE-\\d");
        List<String> found = new ArrayList<>();
        for (String top : List.of("src", "installer", "docs", "README.md", ".ci", "pom.xml")) {
            Path p = Path.of(top);
            if (!Files.exists(p)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(p)) {
                for (Path f : files.filter(Files::isRegularFile).filter(ArchitectureTest::isText).toList()) {
                    List<String> lines = Files.readAllLines(f);
                    for (int i = 0; i < lines.size(); i++) {
                        if (outside.matcher(lines.get(i)).find() && !f.endsWith("ArchitectureTest.java")) {
                            found.add(f + ":" + (i + 1) + ": " + lines.get(i).strip());
                        }
                    }
                }
            }
        }
        assertThat(found).isEmpty();
        assertThat(Files.readString(Path.of("README.md"))).contains("docs/ARCHITECTURE.md");
    }

    private static boolean isText(Path f) {
        String name = f.getFileName().toString();
        return name.endsWith(".java") || name.endsWith(".md") || name.endsWith(".sh") || name.endsWith(".xml")
                || name.endsWith(".fxml") || name.endsWith(".css") || name.endsWith(".args") || name.endsWith(".lua")
                || name.equals("run");
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
