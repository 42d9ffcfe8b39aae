package io.trackeep.dashboard.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parts of {@code bench startup} that decide what is run and what is reported; the timing
 * itself needs the built jar and fresh JVMs (run {@code bench startup}).
 */
class StartupBenchTest {

    @Test
    void theMinimalPingProgramRunsOnLettuceAndItsOwnJarsOnly(@TempDir Path lib) throws IOException {
        for (String jar : List.of("lettuce-core-7.7.0.RELEASE.jar", "netty-handler-4.2.13.Final.jar", "reactor-core-3.6.6.jar",
                "reactive-streams-1.0.4.jar", "redis-authx-core-0.1.1-beta2.jar", "slf4j-api-2.0.17.jar",
                "logback-classic-1.5.18.jar", "picocli-4.7.7.jar", "jackson-databind-2.23.0.jar", "javafx-base-21.0.11-linux.jar")) {
            Files.createFile(lib.resolve(jar));
        }

        String cp = StartupBench.classPath(Path.of("/b"), lib, StartupBench.LETTUCE_JARS);

        assertThat(cp.split(File.pathSeparator)).containsExactly("/b",
                lib.resolve("lettuce-core-7.7.0.RELEASE.jar").toString(), lib.resolve("netty-handler-4.2.13.Final.jar").toString(),
                lib.resolve("reactive-streams-1.0.4.jar").toString(), lib.resolve("reactor-core-3.6.6.jar").toString(),
                lib.resolve("redis-authx-core-0.1.1-beta2.jar").toString(), lib.resolve("slf4j-api-2.0.17.jar").toString());
        assertThat(StartupBench.classPath(Path.of("/b"), lib, List.of("javafx-")).split(File.pathSeparator))
                .containsExactly("/b", lib.resolve("javafx-base-21.0.11-linux.jar").toString());
    }

    @Test
    void aCommandsCpuTimeIsWhatTheShellsTimesSaysOfItsChildren() {
        assertThat(StartupBench.childCpuMillis("some warning\n0m0.001s 0m0.002s\n0m1.250s 0m0.125s\n")).isEqualTo(1375);
        assertThat(StartupBench.childCpuMillis("0m0.00s 0m0.00s\n1m2.5s 0m0.0s")).isEqualTo(62_500);
        assertThat(StartupBench.childCpuMillis("")).isEqualTo(-1);
        assertThat(StartupBench.childCpuMillis("error: Redis is unreachable")).isEqualTo(-1);
    }

    @Test
    void theWindowsLogLinesMarkItsPhases() {
        assertThat(StartupBench.phaseOf("12:00:01.000 INFO  i.t.d.l.r.RedisServerProcess - redis-server started on 127.0.0.1:4000 (pid 7)"))
                .contains("redis-server up");
        assertThat(StartupBench.phaseOf("12:00:02.000 INFO  i.t.d.u.c.ConnectionController - Connected to the local instance in 900 ms"))
                .contains("connected");
        assertThat(StartupBench.phaseOf("12:00:03.000 INFO  i.t.d.u.o.OverviewPanel - Overview live 2745 ms after the JVM started"))
                .contains("Overview live");
        assertThat(StartupBench.phaseOf("WARNING: Unsupported JavaFX configuration")).isEmpty();
        assertThat(StartupBench.archiveOf(Path.of("/t/trackeep-redis-dashboard.jar"))).isEqualTo(Path.of("/t/trackeep-redis-dashboard.jsa"));
    }

    @Test
    void rowsAreReportedAsMediansAndRatiosToTheirGroupsBaselineWithTheGoals() {
        Map<StartupBench.Row, List<StartupBench.Sample>> samples = new LinkedHashMap<>();
        StartupBench.Row ping = StartupBench.Row.baseline(StartupBench.Group.COMMAND, StartupBench.PING_BASELINE, List.of("java"));
        StartupBench.Row list = StartupBench.Row.of(StartupBench.Group.COMMAND, "ratelimit list · java -jar", List.of("java"), Map.of());
        StartupBench.Row bare = StartupBench.Row.baseline(StartupBench.Group.WINDOW, StartupBench.WINDOW_BASELINE, List.of("java"));
        StartupBench.Row window = StartupBench.Row.of(StartupBench.Group.WINDOW, "window · java -jar", List.of("java"), Map.of());
        samples.put(ping, List.of(sample(1000, 900), sample(1200, 1000), sample(5000, 950)));
        samples.put(list, List.of(sample(1300, 1000), sample(1100, 1100), sample(1150, 1050)));
        samples.put(bare, List.of(sample(1500, 1200), sample(1400, 1100), sample(1600, 1300)));
        samples.put(window, List.of(live(3100), live(3300), live(3200)));

        StartupBench.Report report = StartupBench.Report.of(samples);

        StartupBench.Report.RowResult command = report.rows().get(1);
        assertThat(command.medianWall()).isEqualTo(1150);
        assertThat(command.ratio()).isEqualTo(1150 / 1200.0);
        assertThat(command.cpuRatio()).isEqualTo(1050 / 950.0);
        assertThat(command.met()).isTrue();
        StartupBench.Report.RowResult win = report.rows().get(3);
        assertThat(win.ratio()).isEqualTo(3200 / 1500.0);
        assertThat(win.met()).as("over 2 × the bare window").isFalse();
        assertThat(win.medianPhases()).containsEntry("connected", 3000L).containsEntry("Overview live", 3200L);
        assertThat(report.rows().get(0).met()).as("a baseline has no goal").isNull();

        StringWriter out = new StringWriter();
        report.print(new PrintWriter(out), 3, "17", ":90");
        assertThat(out.toString()).contains("ratelimit list · java -jar", "0.96", "met", "MISSED", "1300 1100 1150",
                "connected 3000, Overview live 3200");
    }

    private static StartupBench.Sample sample(long wall, long cpu) {
        return new StartupBench.Sample(wall, cpu, Map.of());
    }

    private static StartupBench.Sample live(long wall) {
        return new StartupBench.Sample(wall, wall / 2, Map.of("connected", wall - 200, "Overview live", wall));
    }
}
