package io.trackeep.dashboard;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code installer/classes.lst} (the classes the build's and the installed program's class-data
 * sharing archives hold, for a faster start) still names this code, of the window and of the
 * commands: when classes are renamed or moved, the archive quietly covers less and the start gets
 * slower. A failure here means: run {@code installer/make-classlist.sh}.
 */
class ClassListTest {

    private static final Path LIST = Path.of("installer", "classes.lst");
    private static final Path CLASSES = Path.of("target", "classes");

    @Test
    void theClassListNamesTheWindowsClassesAsTheyAreNow() throws IOException {
        List<String> ours = Files.readAllLines(LIST).stream().filter(l -> l.startsWith("io/trackeep/")).toList();
        long existing = ours.stream().filter(c -> Files.exists(CLASSES.resolve(c + ".class"))).count();

        assertThat(ours).as("application classes in " + LIST).hasSizeGreaterThan(200)
                .contains("io/trackeep/dashboard/ui/shell/DashboardWindow", "io/trackeep/dashboard/ui/overview/OverviewPanel",
                        "io/trackeep/dashboard/ui/pubsub/PubSubPanel", "io/trackeep/dashboard/ui/audit/AuditPanel");
        assertThat((double) existing / ours.size())
                .as("share of the listed classes that still exist; below 90 percent, run installer/make-classlist.sh")
                .isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void theClassListNamesTheCommandsClassesToo() throws IOException {
        assertThat(Files.readAllLines(LIST)).contains("io/trackeep/dashboard/ConsoleLogging",
                "io/trackeep/dashboard/cli/RateLimitCommand", "io/trackeep/dashboard/cli/SessionsCommand",
                "io/trackeep/dashboard/cli/SnapshotCommand", "io/trackeep/dashboard/ui/WindowStart",
                "io/trackeep/dashboard/local/http/ApiServer", "io/netty/handler/codec/http/HttpServerCodec");
    }

    @Test
    void theBuildMakesTheJarsArchiveFromIt() throws IOException {
        assertThat(Files.readString(Path.of("pom.xml")))
                .contains("-XX:SharedClassListFile=${project.basedir}/installer/classes.lst")
                .contains("-XX:SharedArchiveFile=${project.build.directory}/${project.build.finalName}.jsa");
    }
}
