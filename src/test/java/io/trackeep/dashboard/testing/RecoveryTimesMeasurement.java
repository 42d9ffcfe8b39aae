package io.trackeep.dashboard.testing;

import io.trackeep.dashboard.local.LocalInstance;
import io.trackeep.dashboard.local.http.Api;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.local.sim.SimulatorSettings;
import io.trackeep.dashboard.local.sim.TrafficSimulator;
import io.trackeep.dashboard.service.profile.ProfileStore;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.ui.connect.ConnectionState;
import io.trackeep.dashboard.ui.connect.LocalInstanceStarter;
import io.trackeep.dashboard.ui.shell.DashboardWindow;
import io.trackeep.dashboard.ui.task.FxUiExecutor;
import io.trackeep.dashboard.ui.task.RefreshLoop;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures recovery: from the moment Redis answers again after an outage to the first success of
 * each layer, all watching one local instance at once: the service layer (a PING on its own
 * {@link RedisConnections}), the HTTP API ({@code GET /health} 200), the traffic simulator (a 2xx),
 * and the window (connected, no banner, and a read by the panels' refresh loop).
 *
 * <p>Not part of the suite (the name does not end in {@code Test}); run it on a quiet machine:
 * <pre>
 *   ./mvnw -q test -Dtest=RecoveryTimesMeasurement -Dsurefire.failIfNoSpecifiedTests=false \
 *          [-Doutages=10,45] [-Dfaults=stop,stall,kill]
 * </pre>
 * {@code stop}: redis-server stopped, restarted after the outage (connections refused meanwhile);
 * {@code stall}: SIGSTOP, SIGCONT after the outage (nothing answers meanwhile); {@code kill}:
 * {@code kill -9}, after which the instance's supervisor restarts it (the outage is however long
 * that takes). Prints one line per outage and writes them to {@code target/recovery-times.txt}.
 */
class RecoveryTimesMeasurement extends FxTestSupport {

    private static final Duration RECOVERY = Duration.ofSeconds(120);

    private FxUiExecutor executor;
    private LocalInstanceStarter local;
    private DashboardWindow window;
    private RefreshLoop.Registration probe;
    private final AtomicLong lastPanelRead = new AtomicLong();

    @Start
    void start(Stage stage) {
        useTemporaryConfig();
        executor = new FxUiExecutor();
        local = new LocalInstanceStarter(LocalInstance.Options.defaults().withSimulator(SimulatorSettings.defaults()));
        window = new DashboardWindow(stage, ProfileStore.open(), executor, local);
        probe = window.refreshLoop().register("recovery-probe", redis -> {
            redis.sync().ping();
            lastPanelRead.set(System.nanoTime());
        });
        window.show(true);
    }

    @AfterEach
    void close() {
        probe.close();
        onFx(() -> {
            window.close();
            window.stage().hide();
        });
        local.close();
        executor.close();
        clearTemporaryConfig();
    }

    @Test
    void measure() throws Exception {
        waitUntil("the window on the local instance", RECOVERY, () -> window.connection().state() == ConnectionState.CONNECTED);
        LocalInstance instance = local.instance().orElseThrow();
        RedisServerProcess redis = local.server().orElseThrow();
        TrafficSimulator simulator = instance.simulator().orElseThrow();
        Api api = new Api(instance.httpBaseUrl(), "192.0.2.99");
        List<String> lines = new ArrayList<>();
        try (RedisConnections service = RedisConnections.open(instance.redisSettings())) {
            for (String fault : System.getProperty("faults", "stop,stall,kill").split(",")) {
                List<String> outages = fault.equals("kill") ? List.of("0") : List.of(System.getProperty("outages", "10,45").split(","));
                for (String seconds : outages) {
                    awaitAllLive(api, service, simulator);
                    Duration outage = Duration.ofSeconds(Long.parseLong(seconds.strip()));
                    long simulated = simulator.stats().succeeded();
                    long answering = inject(fault, outage, redis);
                    List<FirstSuccess> watchers = List.of(
                            FirstSuccess.watch("service layer", () -> "PONG".equals(service.sync().ping())),
                            FirstSuccess.watch("HTTP API", () -> api.get("/health").statusCode() == 200),
                            FirstSuccess.watch("simulator", () -> simulator.stats().succeeded() > simulated),
                            FirstSuccess.watch("window", () -> panelsLiveSince(answering)));
                    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-5s outage %2d s: Redis answering -> first success:",
                            fault, outage.toSeconds()));
                    for (FirstSuccess w : watchers) {
                        long at = w.await(RECOVERY);
                        line.append(String.format(Locale.ROOT, " %s %.2f s,", w.name(), Math.max(0, at - answering) / 1e9));
                    }
                    lines.add(line.substring(0, line.length() - 1));
                    System.out.println("[recovery] " + lines.get(lines.size() - 1));
                }
            }
        }
        Path out = Path.of("target", "recovery-times.txt");
        Files.write(out, lines);
        System.out.println("[recovery] written to " + out.toAbsolutePath());
    }

    /** Does the fault; returns when Redis answers again ({@link System#nanoTime()}). */
    private static long inject(String fault, Duration outage, RedisServerProcess redis) throws InterruptedException {
        switch (fault) {
            case "stop" -> {
                redis.stop();
                Thread.sleep(outage.toMillis()); // the outage itself, not a wait for a condition
                redis.restart(); // returns once the new server answers PING
                return System.nanoTime();
            }
            case "stall" -> {
                Faults.Stall stall = Faults.stall(redis);
                Thread.sleep(outage.toMillis());
                stall.close();
                return System.nanoTime();
            }
            case "kill" -> {
                long pid = redis.pid();
                Faults.kill9(redis);
                WaitFor.condition(RECOVERY, "the supervisor's restart", () -> redis.isRunning() && redis.pid() != pid);
                return System.nanoTime();
            }
            default -> throw new IllegalArgumentException("faults: stop, stall or kill, not " + fault);
        }
    }

    /** Connected, no banner, and the panels' refresh loop has read Redis since {@code nanos}. */
    private boolean panelsLiveSince(long nanos) {
        return lastPanelRead.get() - nanos > 0
                && callFx(() -> window.connection().state() == ConnectionState.CONNECTED && window.viewModel().banners().isEmpty());
    }

    private void awaitAllLive(Api api, RedisConnections service, TrafficSimulator simulator) {
        WaitFor.condition(RECOVERY, "everything live before the next fault", () -> "PONG".equals(service.sync().ping())
                && api.get("/health").statusCode() == 200 && panelsLiveSince(System.nanoTime() - Duration.ofSeconds(2).toNanos()));
        long simulated = simulator.stats().succeeded();
        WaitFor.condition(RECOVERY, "the simulator succeeding", () -> simulator.stats().succeeded() > simulated);
    }
}
