package io.trackeep.dashboard.cli;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.trackeep.dashboard.local.redis.ClusterTopology;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.monitor.census.CensusPace;
import io.trackeep.dashboard.monitor.census.CensusSnapshot;
import io.trackeep.dashboard.monitor.census.CensusTracker;
import io.trackeep.dashboard.monitor.census.KeyKind;
import io.trackeep.dashboard.monitor.census.KeyspaceCensus;
import io.trackeep.dashboard.monitor.sessions.SessionCensus;
import io.trackeep.dashboard.monitor.sessions.SessionFigures;
import io.trackeep.dashboard.monitor.sessions.SessionsProbe;
import io.trackeep.dashboard.service.health.CommandStats;
import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisNode;
import io.trackeep.dashboard.service.redis.RedisSettings;
import io.trackeep.dashboard.service.session.RedisSessionStore;
import io.trackeep.dashboard.service.session.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The dashboard's load on a large keyspace (bounded commands per tick, none over a millisecond): fills a throw-away redis-server
 * with N sessions (Go layout plus the project's expiry index) and M other keys, then measures
 * (a) the session count and newest page through the index, (b) the Sessions panel's first refresh
 * (count and top users, which come from the index until the paced scan of user sets completes), and (c) a full keyspace census by
 * SCAN, keys only and with the sessions detail, paced by its own round trips ({@link CensusPace}) and run tick after tick as
 * the command line runs it, while a second client measures its own PING latency. Baselines of the same run: that latency probe
 * with nothing else running, and a full SCAN at COUNT 1000 back to back (with the probe beside it). Prints the census's round
 * trips by command (its own measurement: p99, max, how many over 1 ms) and the dashboard's commands that Redis logged as slower
 * than 1 ms. With {@code --cluster}, then the same on a local Cluster of 3 masters filled with the same keys (the same session
 * ids), and the Cluster's figures as ratios to the standalone run's.
 */
@Command(name = "census", mixinStandardHelpOptions = true,
        description = "Session count via the index and a full SCAN census on a large keyspace, with other clients' latency.")
final class CensusBench extends Benchmark {

    private static final long SEED = 20_261_127L;
    /** Slow log entries kept and read per node. */
    private static final int SLOW_LOG_KEPT = 100_000;
    /** Filling pipelines thousands of writes: on a busy machine one may wait longer than the usual 2 s. */
    private static final Duration FILL_TIMEOUT = Duration.ofSeconds(60);

    @Option(names = "--sessions", defaultValue = "1000000", description = "Sessions to create (default ${DEFAULT-VALUE}).")
    int sessions;

    @Option(names = "--other", defaultValue = "1000000", description = "Other keys to create (default ${DEFAULT-VALUE}).")
    int other;

    @Option(names = "--probe-seconds", defaultValue = "5", description = "Length of the idle latency baseline (default ${DEFAULT-VALUE}).")
    int probeSeconds;

    @Option(names = "--pace-ms", defaultValue = "0",
            description = "Pause between census ticks besides the census's own pacing, as the window's refresh ticks do "
                    + "(default ${DEFAULT-VALUE}: tick after tick, as the command line runs it).")
    int paceMillis;

    @Option(names = "--cluster",
            description = "Then the same on a local Cluster of 3 masters (no replicas: the census reads masters only), "
                    + "with the same data; prints both and the Cluster's figures as ratios to the standalone run's.")
    boolean cluster;

    @Override
    public Integer call() throws Exception {
        if (sessions < 1 || other < 0 || probeSeconds < 1 || paceMillis < 0) {
            throw badOption("--sessions must be positive, --other 0 or more");
        }
        Result standalone;
        try (RedisServerProcess server = RedisServerProcess.start(redisServer.options())) {
            standalone = run("a throw-away redis-server", server.settings());
        }
        if (!cluster) {
            report(standalone, null);
            return 0;
        }
        Result onCluster;
        try (ClusterTopology nodes = ClusterTopology.start(ClusterTopology.Options.defaults().withShape(3, 0)
                .withBinary(redisServer.binary))) {
            onCluster = run("a throw-away Cluster of 3 masters", nodes.settings());
        }
        report(standalone, onCluster);
        return 0;
    }

    /** One run on the Redis {@code settings} name, through its own three connections (closed before the Redis stops). */
    private Result run(String where, RedisSettings settings) throws Exception {
        try (RedisConnections redis = RedisConnections.open(settings.withTimeouts(null, FILL_TIMEOUT));
             RedisConnections dashboard = RedisConnections.openForMonitoring(settings);
             RedisConnections probeConnection = RedisConnections.open(settings)) {
            return run(where, redis, dashboard, probeConnection);
        }
    }

    /**
     * Fills through {@code redis}, then measures the dashboard's reads through {@code dashboard}, a
     * monitoring connection as the window and the command line use; on a Cluster every per-node
     * reading (slow log, command stats) is taken on every master.
     */
    private Result run(String where, RedisConnections redis, RedisConnections dashboard, RedisConnections probeConnection) throws Exception {
        PrintWriter err = err();
        long fillStart = System.nanoTime();
        fill(redis);
        err.printf(Locale.ROOT, "filled %,d keys on %s in %.1f s%n", redis.sync().dbsize(), where, (System.nanoTime() - fillStart) / 1e9);
        err.flush();
        redis.onEveryNode("Setting the slow log threshold", r -> r.configSet("slowlog-log-slower-than", "1000"));
        // long enough to keep every slow command of the run: at the default 128 the count stopped there
        redis.onEveryNode("Setting the slow log length", r -> r.configSet("slowlog-max-len", String.valueOf(SLOW_LOG_KEPT)));

        Latency idle = Latency.measure(probeConnection, () -> sleepSeconds(probeSeconds));

        RedisSessionStore store = new RedisSessionStore(dashboard, "bench");
        redis.onEveryNode("Resetting the slow log", r -> r.slowlogReset());
        redis.onEveryNode("Resetting the statistics", r -> r.configResetstat());
        long t0 = System.nanoTime();
        long count = store.indexedCount().orElse(-1);
        int newest = store.page(0, 50).size();
        double indexMillis = (System.nanoTime() - t0) / 1e6;

        long t1 = System.nanoTime();
        SessionFigures first = new SessionsProbe(new CensusTracker()).figures(dashboard); // the Sessions panel's first refresh
        double firstRefreshMillis = (System.nanoTime() - t1) / 1e6;

        CensusRun keysOnly = census(dashboard, probeConnection, false);
        CensusRun withSessions = census(dashboard, probeConnection, true);
        // Since the reset only the dashboard's reads and the latency probe's PINGs ran.
        Map<String, CommandStats.Totals> callsAndMicros = new TreeMap<>();
        for (String stats : redis.onEveryNode("Reading command statistics", r -> r.info("commandstats")).values()) {
            CommandStats.parse(stats).forEach((command, t) -> callsAndMicros.merge(command.toUpperCase(Locale.ROOT), t, CommandStats.Totals::plus));
        }
        Map<String, Double> meanMicros = new TreeMap<>();
        callsAndMicros.forEach((command, t) -> meanMicros.put(command, t.calls() == 0 ? 0.0 : round((double) t.micros() / t.calls())));
        Map<String, SlowCommands> slowDashboardCommands = new TreeMap<>();
        for (List<Object> log : redis.onEveryNode("Reading the slow log", r -> r.slowlogGet(SLOW_LOG_KEPT)).values()) {
            for (Object e : log) {
                if (e instanceof List<?> l && l.size() > 3 && l.get(2) instanceof Number micros
                        && l.get(3) instanceof List<?> args && !args.isEmpty()
                        && !"PING".equalsIgnoreCase(String.valueOf(args.get(0)))) { // the PINGs are the latency probe's
                    slowDashboardCommands.merge(String.valueOf(args.get(0)).toUpperCase(Locale.ROOT),
                            new SlowCommands(1, micros.longValue()), SlowCommands::plus);
                }
            }
        }
        ScanBaseline baseline = scanBaseline(redis, probeConnection); // after the slow log was read: these SCANs are not the dashboard's
        return new Result(where, redis.masters().size(), count, newest, indexMillis, first, firstRefreshMillis, keysOnly, idle,
                withSessions, baseline, slowDashboardCommands, meanMicros);
    }

    /** A full SCAN at COUNT 1000 of every master, back to back, on a plain connection, with the latency probe beside it. */
    private static ScanBaseline scanBaseline(RedisConnections redis, RedisConnections probeConnection) throws InterruptedException {
        RoundTrips trips = new RoundTrips();
        long[] keys = {0};
        long start = System.nanoTime();
        Latency latency = Latency.measure(probeConnection, () -> {
            ScanArgs args = ScanArgs.Builder.limit(1_000);
            for (RedisNode master : redis.masters()) {
                ScanCursor cursor = ScanCursor.INITIAL;
                do {
                    ScanCursor from = cursor;
                    long t = System.nanoTime();
                    KeyScanCursor<String> page = redis.onNode(master.address(), "Scanning keys", r -> r.scan(from, args));
                    trips.took("SCAN", 1_000, System.nanoTime() - t);
                    keys[0] += page.getKeys().size();
                    cursor = page;
                } while (!cursor.isFinished());
            }
        });
        return new ScanBaseline((System.nanoTime() - start) / 1e9, keys[0], trips, latency);
    }

    /** The back-to-back SCAN of the same run: its time, the keys it returned, its round trips, the probe's latency meanwhile. */
    private record ScanBaseline(double seconds, long keys, RoundTrips roundTrips, Latency latency) {
    }

    /** What one run measured; {@code sessions} is the census pass with the sessions detail the Sessions panel asks for. */
    private record Result(String where, int masters, long count, int newest, double indexMillis, SessionFigures first,
                          double firstRefreshMillis, CensusRun keys, Latency idle, CensusRun sessions, ScanBaseline baseline,
                          Map<String, SlowCommands> slowCommands, Map<String, Double> meanMicros) {

        CensusSnapshot census() {
            return keys.result();
        }

        double censusSeconds() {
            return keys.seconds();
        }

        Latency busy() {
            return keys.latency();
        }
    }

    /** A census pass (with the sessions detail, or keys only), its round trips, and other clients' latency meanwhile. */
    private record CensusRun(CensusSnapshot result, int ticks, double seconds, Latency latency, RoundTrips roundTrips,
                             double scanServerPart, Cpu cpu) {

        SessionCensus.Figures sessions() {
            return result.detail(SessionCensus.DETAIL);
        }
    }

    private CensusRun census(RedisConnections redis, RedisConnections probeConnection, boolean sessionsDetail) throws InterruptedException {
        RoundTrips trips = new RoundTrips();
        CensusPace pace = CensusPace.adaptive(CensusPace.DEFAULTS, trips::took);
        KeyspaceCensus census = new KeyspaceCensus(redis, pace);
        if (sessionsDetail) {
            census.want(SessionCensus.DETAIL);
        }
        CensusSnapshot[] result = new CensusSnapshot[1];
        int[] ticks = {0};
        Cpu.Reading cpuBefore = Cpu.read(redis);
        long start = System.nanoTime();
        Latency busy = Latency.measure(probeConnection, () -> {
            do {
                census.tick(); // as the command line runs it: no view of the partial figures per tick
                ticks[0]++;
                if (paceMillis > 0) {
                    sleepMillis(paceMillis);
                }
            } while (!(sessionsDetail ? census.completedWith(SessionCensus.DETAIL) : census.completedOnce()));
            result[0] = census.current();
        });
        Cpu cpu = Cpu.since(cpuBefore, Cpu.read(redis));
        return new CensusRun(result[0], ticks[0], (System.nanoTime() - start) / 1e9, busy, trips, pace.serverPart("SCAN"), cpu);
    }

    /**
     * CPU spent while a census ran, to tell the client's part from the server's on a machine that runs both: this JVM's (the
     * census, its connection's decoding, the latency probe, the JIT and GC), the census's own thread, the JIT compilers'
     * elapsed time, and the redis-servers' (INFO cpu, all masters).
     */
    record Cpu(double jvmSeconds, double censusThreadSeconds, double jitSeconds, double redisSeconds) {

        record Reading(long jvmNanos, long threadNanos, long jitMillis, double redisSeconds) {
        }

        static Reading read(RedisConnections redis) {
            double server = 0;
            for (String info : redis.onEveryNode("Reading CPU use", r -> r.info("cpu")).values()) {
                for (String line : info.split("\r?\n")) {
                    if (line.startsWith("used_cpu_sys:") || line.startsWith("used_cpu_user:")) {
                        server += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
                    }
                }
            }
            long jvm = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                    ? os.getProcessCpuTime() : 0;
            return new Reading(jvm, ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime(),
                    ManagementFactory.getCompilationMXBean().getTotalCompilationTime(), server);
        }

        static Cpu since(Reading a, Reading b) {
            return new Cpu((b.jvmNanos() - a.jvmNanos()) / 1e9, (b.threadNanos() - a.threadNanos()) / 1e9,
                    (b.jitMillis() - a.jitMillis()) / 1e3, b.redisSeconds() - a.redisSeconds());
        }

        Map<String, Double> summary() {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("jvm_cpu_s", round2(jvmSeconds));
            m.put("census_thread_cpu_s", round2(censusThreadSeconds));
            m.put("jit_compiling_s", round2(jitSeconds));
            m.put("redis_server_cpu_s", round2(redisSeconds));
            return m;
        }

        private static double round2(double v) {
            return Math.round(v * 100) / 100.0;
        }
    }

    private void fill(RedisConnections redis) {
        KeySchema keys = redis.keys();
        RedisClusterAsyncCommands<String, String> async = redis.async();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        long expiry = System.currentTimeMillis() + 86_400_000L;
        List<RedisFuture<?>> batch = new ArrayList<>(3_000);
        Random ids = new Random(SEED); // the same session ids in every run, so a Cluster run has the standalone run's data
        byte[] idBytes = new byte[32];
        for (int i = 0; i < sessions; i++) {
            ids.nextBytes(idBytes);
            String sid = Base64.getUrlEncoder().withoutPadding().encodeToString(idBytes);
            long uid = i % Math.max(1, sessions / 3);
            Session s = new Session(uid, "u" + uid + "@example.com", "user" + uid, "user", sid, "10.0.0.1", "bench",
                    now, now);
            batch.add(async.setex(keys.session(sid), 86_400, s.toJson()));
            batch.add(async.zadd(keys.sessionsExpiry(), expiry, sid));
            batch.add(async.sadd(keys.userSessions(uid), sid));
            if (batch.size() >= 3_000) {
                await(batch);
            }
        }
        for (int i = 0; i < other; i++) {
            batch.add(async.set("other:" + i, "x"));
            if (batch.size() >= 3_000) {
                await(batch);
            }
        }
        await(batch);
    }

    private static void await(List<RedisFuture<?>> batch) {
        for (RedisFuture<?> f : batch) {
            try {
                f.get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("Filling Redis failed: " + e.getMessage(), e);
            }
        }
        batch.clear();
    }

    private void report(Result standalone, Result onCluster) {
        report(() -> {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("sessions", sessions);
            doc.put("other_keys", other);
            doc.putAll(figures(standalone));
            if (onCluster != null) {
                doc.put("cluster", figures(onCluster));
                doc.put("cluster_to_standalone", ratios(onCluster, standalone));
            }
            return doc;
        }, out -> {
            print(out, standalone);
            if (onCluster != null) {
                out.println();
                print(out, onCluster);
                out.println();
                out.printf(Locale.ROOT, "Cluster / standalone, same data, same run: %s%n", ratios(onCluster, standalone).entrySet().stream()
                        .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%.2f", e.getValue())).collect(Collectors.joining(", ")));
            }
        });
    }

    private Map<String, Object> figures(Result r) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("masters", r.masters());
        doc.put("index_count", r.count());
        doc.put("index_count_and_newest_page_ms", round(r.indexMillis()));
        doc.put("first_refresh_ms", round(r.firstRefreshMillis()));
        doc.put("first_refresh_sessions_so_far", r.first().snapshot().total());
        doc.put("first_refresh_top_users", r.first().snapshot().topUsers().size());
        doc.put("first_refresh_scan_progress", r.first().snapshot().scan().progress());
        doc.put("census_seconds", round(r.censusSeconds()));
        doc.put("census_ticks", r.keys().ticks());
        doc.put("census_scan_server_part", Math.round(r.keys().scanServerPart() * 100) / 100.0);
        doc.put("census_pause_between_ticks_ms", paceMillis);
        doc.put("census_sessions", r.census().count(KeyKind.SESSION));
        doc.put("census_scanned", r.census().scannedKeys());
        doc.put("census_keys_per_master", r.census().keysPerMaster());
        doc.put("census_round_trips", r.keys().roundTrips().summary());
        doc.put("census_cpu", r.keys().cpu().summary());
        doc.put("session_census_cpu", r.sessions().cpu().summary());
        SessionCensus.Figures sessionFigures = r.sessions().sessions();
        doc.put("session_census_seconds", round(r.sessions().seconds()));
        doc.put("session_census_ticks", r.sessions().ticks());
        doc.put("session_census_sessions", sessionFigures.sessions());
        doc.put("session_census_users", sessionFigures.users());
        doc.put("session_census_index_complete", sessionFigures.index().complete());
        doc.put("session_census_round_trips", r.sessions().roundTrips().summary());
        doc.put("scan_baseline_seconds", round(r.baseline().seconds()));
        doc.put("scan_baseline_keys", r.baseline().keys());
        doc.put("scan_baseline_round_trips", r.baseline().roundTrips().summary());
        doc.put("latency", Map.of(
                "idle", r.idle().summary(),
                "census", r.busy().summary(),
                "session_census", r.sessions().latency().summary(),
                "scan_baseline", r.baseline().latency().summary()));
        doc.put("ratios", sameRunRatios(r));
        doc.put("dashboard_commands_over_1ms", r.slowCommands());
        doc.put("server_time_per_call_us", r.meanMicros());
        return doc;
    }

    /** The census against the same run's baselines: its time to the back-to-back SCAN's, the probe's latency to idle. */
    private static Map<String, Double> sameRunRatios(Result r) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("census_to_scan_baseline_time", ratio(r.censusSeconds(), r.baseline().seconds()));
        m.put("session_census_to_scan_baseline_time", ratio(r.sessions().seconds(), r.baseline().seconds()));
        m.put("ping_p50_census_to_idle", ratio(r.busy().p50Micros(), r.idle().p50Micros()));
        m.put("ping_p99_census_to_idle", ratio(r.busy().p99Micros(), r.idle().p99Micros()));
        m.put("ping_p99_session_census_to_idle", ratio(r.sessions().latency().p99Micros(), r.idle().p99Micros()));
        m.put("ping_p99_scan_baseline_to_idle", ratio(r.baseline().latency().p99Micros(), r.idle().p99Micros()));
        return m;
    }

    /** The Cluster's figures divided by the standalone run's: below 1 is faster. */
    private static Map<String, Double> ratios(Result c, Result s) {
        Map<String, Double> r = new LinkedHashMap<>();
        r.put("index_count_and_newest_page", ratio(c.indexMillis(), s.indexMillis()));
        r.put("first_refresh", ratio(c.firstRefreshMillis(), s.firstRefreshMillis()));
        r.put("census", ratio(c.censusSeconds(), s.censusSeconds()));
        r.put("session_census", ratio(c.sessions().seconds(), s.sessions().seconds()));
        r.put("scan_baseline", ratio(c.baseline().seconds(), s.baseline().seconds()));
        r.put("latency_census_p99", ratio(c.busy().p99Micros(), s.busy().p99Micros()));
        r.put("latency_idle_p99", ratio(c.idle().p99Micros(), s.idle().p99Micros()));
        return r;
    }

    private static double ratio(double a, double b) {
        return b <= 0 ? 0 : Math.round(a / b * 100) / 100.0;
    }

    private void print(PrintWriter out, Result r) {
        CensusSnapshot census = r.census();
        ScanBaseline baseline = r.baseline();
        Map<String, Double> ratios = sameRunRatios(r);
        out.printf(Locale.ROOT, "%,d sessions + %,d other keys on %s%n", sessions, other, r.where());
        out.printf(Locale.ROOT, "session count via index: %,d, plus the newest page of %d, in %.1f ms%n", r.count(), r.newest(),
                r.indexMillis());
        out.printf(Locale.ROOT, "Sessions panel's first refresh (%,d sessions so far, top %d users, %.0f %% scanned): %.1f ms%n",
                r.first().snapshot().total(), r.first().snapshot().topUsers().size(), 100 * r.first().snapshot().scan().progress(),
                r.firstRefreshMillis());
        String ticks = paceMillis > 0 ? "ticks " + paceMillis + " ms apart" : "ticks back to back";
        out.printf(Locale.ROOT, "full census by SCAN, paced by the server's time: %.1f s over %d %s (%,d keys scanned, %,d sessions; per master %s;"
                        + " server's part of a SCAN round trip at the end %.2f)%n",
                r.censusSeconds(), r.keys().ticks(), ticks, census.scannedKeys(), census.count(KeyKind.SESSION),
                census.keysPerMaster().values(), r.keys().scanServerPart());
        SessionCensus.Figures sessionFigures = r.sessions().sessions();
        out.printf(Locale.ROOT, "full census with the sessions detail: %.1f s over %d ticks (%,d sessions, %,d users, index complete: %s)%n",
                r.sessions().seconds(), r.sessions().ticks(), sessionFigures.sessions(), sessionFigures.users(),
                sessionFigures.index().complete());
        out.printf(Locale.ROOT, "baseline, full SCAN COUNT 1000 back to back: %.2f s (%,d keys); census %.1f x, with the sessions detail %.1f x%n",
                baseline.seconds(), baseline.keys(), ratios.get("census_to_scan_baseline_time"),
                ratios.get("session_census_to_scan_baseline_time"));
        out.println("round trips, as the census measured them (client side: send to last reply; a batch is pipelined):");
        out.printf(Locale.ROOT, "  %-34s %-14s %8s %9s %8s %8s %8s %9s%n", "", "commands", "calls", "mean size", "p50 us", "p99 us",
                "max us", "over 1 ms");
        printTrips(out, "census", r.keys().roundTrips());
        printTrips(out, "census with the sessions detail", r.sessions().roundTrips());
        printTrips(out, "baseline SCAN", baseline.roundTrips());
        out.printf(Locale.ROOT, "%-34s %10s %10s %10s %8s %12s %14s%n", "other client's PING latency", "p50 us", "p99 us", "max us", "samples",
                "p99 / idle", "p99 after 1 s");
        printLatency(out, "idle (nothing else running)", r.idle(), r.idle());
        printLatency(out, "during the census", r.busy(), r.idle());
        printLatency(out, "during the sessions census", r.sessions().latency(), r.idle());
        printLatency(out, "during the back-to-back SCAN", baseline.latency(), r.idle());
        printCpu(out, "during the census", r.keys());
        printCpu(out, "during the sessions census", r.sessions());
        out.printf(Locale.ROOT, "server time per call, mean: %s%n", r.meanMicros().entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %.0f us", e.getKey(), e.getValue())).collect(Collectors.joining(", ")));
        out.printf(Locale.ROOT, "dashboard commands Redis logged as slower than 1 ms: %d %s%n",
                r.slowCommands().values().stream().mapToLong(SlowCommands::count).sum(), r.slowCommands().isEmpty() ? "" : r.slowCommands());
    }

    private static void printTrips(PrintWriter out, String what, RoundTrips trips) {
        String label = what;
        for (Map.Entry<String, RoundTrips.Summary> e : trips.summary().entrySet()) {
            RoundTrips.Summary t = e.getValue();
            out.printf(Locale.ROOT, "  %-34s %-14s %8d %9s %8d %8d %8d %9d%n", label, e.getKey(), t.calls(),
                    t.meanSize() == 0 ? "-" : String.format(Locale.ROOT, "%.0f", t.meanSize()), t.p50Micros(), t.p99Micros(),
                    t.maxMicros(), t.over1ms());
            label = "";
        }
    }

    private static void printCpu(PrintWriter out, String what, CensusRun run) {
        Cpu c = run.cpu();
        out.printf(Locale.ROOT, "CPU %s (%.1f s): this JVM %.2f s (census thread %.2f s; JIT compiling %.2f s elapsed; the probe's"
                + " threads too), redis-server %.2f s%n", what, run.seconds(), c.jvmSeconds(), c.censusThreadSeconds(), c.jitSeconds(),
                c.redisSeconds());
    }

    private static void printLatency(PrintWriter out, String what, Latency l, Latency idle) {
        out.printf(Locale.ROOT, "%-34s %10d %10d %10d %8d %12.2f %14s%n", what, l.p50Micros(), l.p99Micros(), l.maxMicros(), l.samples(),
                ratio(l.p99Micros(), idle.p99Micros()),
                l.afterFirstSecond().length == 0 ? "-" : String.valueOf(l.p99AfterFirstSecondMicros()));
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static void sleepSeconds(int s) {
        sleepMillis(s * 1000L);
    }

    private static void sleepMillis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** PING round trips of a second client (to every master in turn), measured while {@code work} runs on this thread. */
    private record Latency(long[] micros, long[] afterFirstSecond) {

        static Latency measure(RedisConnections probe, Runnable work) throws InterruptedException {
            AtomicBoolean stop = new AtomicBoolean();
            long[] samples = new long[2_000_000];
            long[] at = new long[2_000_000];
            int[] n = {0};
            long t0 = System.nanoTime();
            // every master in turn: on a Cluster the census loads one master at a time
            List<String> masters = probe.masters().stream().map(RedisNode::address).toList();
            Thread t = new Thread(() -> {
                while (!stop.get() && n[0] < samples.length) {
                    String master = masters.get(n[0] % masters.size());
                    long s = System.nanoTime();
                    probe.onNode(master, "PING", r -> r.ping());
                    at[n[0]] = s - t0;
                    samples[n[0]++] = (System.nanoTime() - s) / 1_000;
                }
            }, "latency-probe");
            t.start();
            try {
                work.run();
            } finally {
                stop.set(true);
                t.join();
            }
            long[] taken = Arrays.copyOf(samples, n[0]);
            // past the first second: what is left once the JIT has compiled the census's paths (2 cores: it competes)
            long[] later = IntStream.range(0, n[0]).filter(i -> at[i] >= 1_000_000_000L).mapToLong(i -> samples[i]).sorted().toArray();
            Arrays.sort(taken);
            return new Latency(taken, later);
        }

        int samples() {
            return micros.length;
        }

        Map<String, Long> summary() {
            Map<String, Long> m = new LinkedHashMap<>();
            m.put("p50_us", p50Micros());
            m.put("p99_us", p99Micros());
            m.put("max_us", maxMicros());
            m.put("samples", (long) samples());
            m.put("p99_after_first_second_us", percentile(afterFirstSecond, 0.99));
            m.put("samples_after_first_second", (long) afterFirstSecond.length);
            return m;
        }

        long p50Micros() {
            return percentile(micros, 0.50);
        }

        long p99Micros() {
            return percentile(micros, 0.99);
        }

        long p99AfterFirstSecondMicros() {
            return percentile(afterFirstSecond, 0.99);
        }

        long maxMicros() {
            return micros.length == 0 ? 0 : micros[micros.length - 1];
        }

        private static long percentile(long[] sorted, double p) {
            return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
        }
    }

    /** Commands Redis logged as slower than 1 ms: how many, and the slowest (µs). */
    record SlowCommands(long count, long maxMicros) {
        SlowCommands plus(SlowCommands o) {
            return new SlowCommands(count + o.count, Math.max(maxMicros, o.maxMicros));
        }

        @Override
        public String toString() {
            return count + " (slowest " + String.format(Locale.ROOT, "%.1f", maxMicros / 1000.0) + " ms)";
        }
    }

    /** Round trips by what they sent, as measured on the sending thread; one thread adds, the report reads after it ended. */
    static final class RoundTrips {

        private final Map<String, List<long[]>> byCommands = new TreeMap<>();

        void took(String commands, int size, long nanos) {
            byCommands.computeIfAbsent(commands, c -> new ArrayList<>()).add(new long[]{nanos, size});
        }

        /**
         * @param meanSize the mean size of the batches the pace set (0: not sized by it)
         */
        record Summary(int calls, double meanSize, long p50Micros, long p99Micros, long maxMicros, long over1ms) {
        }

        Map<String, Summary> summary() {
            Map<String, Summary> m = new LinkedHashMap<>();
            byCommands.forEach((commands, trips) -> {
                long[] micros = trips.stream().mapToLong(t -> t[0] / 1_000).sorted().toArray();
                double meanSize = trips.stream().mapToLong(t -> t[1]).average().orElse(0);
                int n = micros.length;
                m.put(commands, new Summary(n, Math.round(meanSize * 10) / 10.0, micros[Math.min(n - 1, n / 2)],
                        micros[Math.min(n - 1, (int) Math.floor(0.99 * n))], micros[n - 1],
                        Arrays.stream(micros).filter(us -> us > 1_000).count()));
            });
            return m;
        }
    }
}
