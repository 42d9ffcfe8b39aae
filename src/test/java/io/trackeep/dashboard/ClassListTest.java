package io.trackeep.dashboard;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code installer/classes.lst} (the classes the installed program archives for a faster start)
 * still names this code: when classes are renamed or moved, the archive quietly covers less and
 * the start gets slower. A failure here means: run {@code installer/make-classlist.sh}.
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
}
