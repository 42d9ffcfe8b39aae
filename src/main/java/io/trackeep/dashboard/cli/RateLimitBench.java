package io.trackeep.dashboard.cli;

import io.lettuce.core.LettuceVersion;
import io.lettuce.core.ScriptOutputType;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.service.ratelimit.Decision;
import io.trackeep.dashboard.service.ratelimit.FailureMode;
import io.trackeep.dashboard.service.ratelimit.LimitDefinition;
import io.trackeep.dashboard.service.ratelimit.RateLimitStats;
import io.trackeep.dashboard.service.ratelimit.RateLimiter;
import io.trackeep.dashboard.service.redis.LuaScript;
import io.trackeep.dashboard.service.redis.RedisConnections;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import java.util.stream.Stream;

/**
 * Decisions per second of this project's limiters against the limits that bound them (a PING
 * round trip, {@code EVALSHA} of {@code return 1}) and against the peers (Bucket4j, Redisson)
 * when the {@code bench} build has them, all in one run on one throw-away redis-server: one
 * thread blocking, several threads blocking on one connection, and a fixed number of requests
 * in flight without blocking. Every limiter admits every request (allowed path), every run
 * rotates over the same clients, and rounds alternate the rows so that drift of a shared
 * machine hits all of them alike; every figure is printed as a ratio to the baselines of the
 * same run. Besides throughput, each row shows where its time goes: this process's CPU per
 * decision (all threads), redis-server's CPU per decision, and the server time of its scripts.
 */
@Command(name = "ratelimit",
        mixinStandardHelpOptions = true,
        description = {"Rate-limit decisions/s of this project's limiters beside a PING round trip, EVALSHA 'return 1'"
                + " and, in the bench build, Bucket4j and Redisson: 1 thread blocking, N threads blocking on one connection,"
                + " M requests in flight; printed as same-run ratios."})
final class RateLimitBench extends Benchmark {

    /** Allowed-path limits: large enough that no decision of the run is a denial. */
    static final long LIMIT = 1_000_000_000L;
    static final Duration WINDOW = Duration.ofSeconds(1);

    static final String PING = "PING";
    static final String RETURN_1 = "EVALSHA 'return 1'";

    @Option(names = "--seconds", defaultValue = "3", description = "Measured time per row and round (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--rounds", defaultValue = "3", description = "Rounds over all rows of a mode (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--threads", defaultValue = "8", description = "Threads of the blocking multi-thread mode, on one connection (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--in-flight", defaultValue = "16", description = "Requests in flight in the non-blocking mode (default ${DEFAULT-VALUE}).")
    int inFlight;

    @Option(names = "--clients", defaultValue = "10000", description = "Distinct client ids the requests rotate over (default ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--only", paramLabel = "TEXT", split = ",",
            description = "Run only the limiter and peer rows whose name contains one of these (PING and EVALSHA 'return 1' always run).")
    List<String> only;

    /** The peers to run; null: those installed (tests give their own). */
    List<BenchPeer> peers;

    @Override
    public Integer call() {
        if (seconds <= 0 || rounds < 1 || threads < 1 || inFlight < 1 || clients < 1) {
            throw badOption("--seconds, --rounds, --threads, --in-flight and --clients must be positive");
        }
        PrintWriter err = err();
        List<BenchPeer> peers = this.peers != null ? this.peers : BenchPeer.installed(RateLimitBench.class.getClassLoader());
        if (peers.isEmpty()) {
            err.println(BenchPeer.NOT_INSTALLED);
            err.flush();
        }
        try (RedisServerProcess server = RedisServerProcess.start(redisServer.options());
             RedisConnections redis = RedisConnections.open(server.settings());
             RateLimitStats stats = new RateLimitStats(redis)) {
            List<BenchPeer.Limiters> opened = new ArrayList<>();
            try {
                List<Row> rows = rows(redis, stats, server, peers, opened);
                List<ModeResult> results = measure(rows, new ServerCounters(redis), err);
                report(new ServerCounters(redis).version(), server.binary(), peers, results);
            } finally {
                opened.forEach(BenchPeer.Limiters::close); // before the server stops, or the peers' clients log reconnects
            }
        }
        return 0;
    }

    /** Each mode: a warm-up of every row, then the rounds, the rows alternating within each round. */
    private List<ModeResult> measure(List<Row> rows, ServerCounters counters, PrintWriter err) {
        Duration measured = Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
        Duration warmUp = Duration.ofMillis(Math.min(1000, measured.toMillis()));
        List<ModeResult> results = new ArrayList<>();
        for (Mode mode : modes()) {
            err.printf(Locale.ROOT, "%s ...%n", mode.title());
            err.flush();
            for (Row row : rows) {
                run(mode, row, warmUp);
            }
            Map<Row, Tally> tallies = new LinkedHashMap<>();
            rows.forEach(r -> tallies.put(r, new Tally()));
            for (int round = 0; round < rounds; round++) {
                for (Row row : rows) {
                    ServerCounters.Reading before = counters.read();
                    long cpuBefore = processCpuNanos();
                    Result r = run(mode, row, measured);
                    long cpu = processCpuNanos() - cpuBefore;
                    tallies.get(row).add(r, cpu, counters.read().minus(before));
                }
            }
            results.add(new ModeResult(mode, tallies));
        }
        return results;
    }

    private List<Mode> modes() {
        return List.of(
                new Mode("1 thread", "1 thread, blocking: each decision waits for its answer", 1, false,
                        List.of(new Goal(PING, 0.9), new Goal("Bucket4j", 2.0), new Goal("Redisson", 1.25))),
                new Mode(threads + " threads", threads + " threads, blocking, sharing one connection", threads, false,
                        List.of(new Goal("Bucket4j", 1.8), new Goal("Redisson", 1.3))),
                new Mode("async " + inFlight, inFlight + " requests in flight without blocking, on one connection", inFlight, true,
                        List.of(new Goal("Redisson", 1.2))));
    }

    private List<Row> rows(RedisConnections redis, RateLimitStats stats, RedisServerProcess server, List<BenchPeer> peers,
                           List<BenchPeer.Limiters> opened) {
        KeySchema keys = redis.keys();
        String[] ids = new String[clients];
        for (int i = 0; i < clients; i++) {
            ids[i] = "10.0." + i / 256 + "." + i % 256;
        }
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(PING, Role.LIMIT, i -> "PONG".equals(redis.sync().ping()), i -> redis.async().ping()));
        LuaScript returnOne = LuaScript.load(BenchCommand.class, "baseline.lua");
        redis.sync().scriptLoad(returnOne.source());
        String[] returnOneKeys = {"bench"};
        rows.add(new Row(RETURN_1, Role.LIMIT,
                i -> redis.sync().<Long>evalsha(returnOne.sha(), ScriptOutputType.INTEGER, returnOneKeys) == 1L,
                i -> redis.async().evalsha(returnOne.sha(), ScriptOutputType.INTEGER, returnOneKeys)));
        for (LimitDefinition def : List.of(LimitDefinition.slidingWindow(LIMIT, WINDOW),
                LimitDefinition.tokenBucket(LIMIT, LIMIT / (double) WINDOW.toSeconds()),
                LimitDefinition.fixedWindow(LIMIT, WINDOW))) {
            String name = def.algorithm().wireName();
            if (!selected(name + " (this project)")) {
                continue;
            }
            RateLimiter limiter = RateLimiter.of(redis, name, def, FailureMode.CLOSED, stats);
            rows.add(new Row(name + " (this project)", Role.PROJECT,
                    i -> limiter.check(ids[i]).allowed(), i -> limiter.checkAsync(ids[i])));
        }
        for (BenchPeer peer : peers) {
            if (!selected(peer.description())) {
                continue;
            }
            List<String> peerKeys = new ArrayList<>(clients);
            for (String id : ids) {
                peerKeys.add(keys.rateLimit(peer.label().toLowerCase(Locale.ROOT), id));
            }
            BenchPeer.Limiters limiters = peer.open(server.settings(), peerKeys, LIMIT, WINDOW);
            opened.add(limiters);
            rows.add(new Row(peer.description(), peer.label(), Role.PEER, limiters::tryAcquire, limiters::tryAcquireAsync));
        }
        return rows;
    }

    /** Whether --only (if given) names this row. */
    private boolean selected(String row) {
        return only == null || only.stream().anyMatch(row::contains);
    }

    private Result run(Mode mode, Row row, Duration duration) {
        return mode.async() ? runAsync(row.async(), mode.parallelism(), duration) : runSync(row.sync(), mode.parallelism(), duration);
    }

    /** {@code n} threads, each issuing the next decision when the previous one has answered. */
    private Result runSync(IntPredicate operation, int n, Duration duration) {
        long[][] counts = new long[n][3];
        List<Thread> workers = new ArrayList<>(n);
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        long[] deadline = new long[1];
        for (int t = 0; t < n; t++) {
            int first = t;
            long[] c = counts[t];
            Thread worker = new Thread(() -> {
                ready.countDown();
                await(go);
                long end = deadline[0];
                long i = first;
                while (System.nanoTime() < end) {
                    try {
                        if (operation.test((int) (i % clients))) {
                            c[1]++;
                        }
                        c[0]++;
                    } catch (RuntimeException e) {
                        c[2]++;
                    }
                    i += n;
                }
            }, "bench-" + t);
            workers.add(worker);
            worker.start();
        }
        await(ready);
        long start = System.nanoTime();
        deadline[0] = start + duration.toNanos();
        go.countDown(); // publishes deadline[0] to the workers
        for (Thread w : workers) {
            try {
                w.join();
            } catch (InterruptedException e) {
                throw interrupted(e);
            }
        }
        return Result.of(System.nanoTime() - start, Arrays.stream(counts));
    }

    /** {@code n} lanes of one request in flight each, on the event loop that completes them. */
    private Result runAsync(IntFunction<CompletionStage<?>> operation, int n, Duration duration) {
        CountDownLatch done = new CountDownLatch(n);
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        List<Lane> lanes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            lanes.add(new Lane(operation, i, n, clients, deadline, done));
        }
        lanes.forEach(Lane::next);
        try {
            if (!done.await(duration.toMillis() + 30_000, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("Requests did not complete; is redis-server stuck?");
            }
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
        return Result.of(System.nanoTime() - start, lanes.stream().map(Lane::counts));
    }

    private void report(String version, Path binary, List<BenchPeer> peers, List<ModeResult> results) {
        List<String> baselines = new ArrayList<>(List.of(PING, RETURN_1));
        peers.forEach(p -> baselines.add(p.label()));
        report(() -> document(version, binary, peers, baselines, results), out -> print(out, version, binary, peers, baselines, results));
    }

    private void print(PrintWriter out, String version, Path binary, List<BenchPeer> peers, List<String> baselines,
                       List<ModeResult> results) {
        out.printf(Locale.ROOT, "redis-server %s (%s) on loopback; Lettuce %s, Netty %s; %d round(s) of %.1f s per row and mode,"
                + " rows alternating; %,d clients; every limiter admits %,d requests per %d s (allowed path)%n",
                version, binary, LettuceVersion.getVersion(), nettyVersions(), rounds, seconds, clients, LIMIT, WINDOW.toSeconds());
        if (peers.isEmpty()) {
            out.println(BenchPeer.NOT_INSTALLED);
        } else {
            out.println("peers: " + String.join("; ", peers.stream().map(BenchPeer::description).toList()));
        }
        for (ModeResult m : results) {
            out.println();
            out.println(m.mode().title());
            StringBuilder top = new StringBuilder(String.format(Locale.ROOT, "  %-46s %9s", "", ""));
            StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "  %-46s %9s", "row", "ops/s"));
            for (String b : baselines) {
                top.append(String.format(Locale.ROOT, " %9s", "ratio to"));
                header.append(String.format(Locale.ROOT, " %9s", shortName(b)));
            }
            top.append(String.format(Locale.ROOT, " %7s %7s %7s", "client", "server", "script"));
            header.append(String.format(Locale.ROOT, " %7s %7s %7s %8s %6s  %s", "µs/op", "µs/op", "µs/op", "allowed", "errors",
                    "ops/s of each round"));
            out.println(top);
            out.println(header);
            m.tallies().forEach((row, t) -> {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-46s %9.0f", row.name(), t.perSecond()));
                for (String b : baselines) {
                    Double ratio = row.label().equals(b) ? null : m.ratio(row, b);
                    line.append(ratio == null ? String.format(Locale.ROOT, " %9s", "") : String.format(Locale.ROOT, " %9.2f", ratio));
                }
                line.append(String.format(Locale.ROOT, " %7.1f %7.1f %7s %7.1f%% %6d  %s", t.clientMicrosPerOp(),
                        t.serverCpuMicrosPerOp(),
                        t.scriptMicrosPerOp() > 0 ? String.format(Locale.ROOT, "%.1f", t.scriptMicrosPerOp()) : "-",
                        t.allowedShare() * 100, t.failed, t.rounds()));
                out.println(line);
            });
            for (GoalCheck g : m.goals()) {
                out.printf(Locale.ROOT, "  goal: %-30s %5.2f × %-9s (≥ %.2f)  %s%n", g.row(), g.ratio(), g.baseline(), g.goal(),
                        g.met() ? "met" : "MISSED");
            }
        }
        out.println();
        out.println("ratio to X: the row's ops/s divided by X's, same mode, same run, all rounds summed."
                + " client: CPU time of this process (all threads) per decision; server: redis-server's CPU time (INFO cpu)"
                + " per decision; script: server time inside EVAL/EVALSHA per decision (INFO commandstats).");
    }

    private Map<String, Object> document(String version, Path binary, List<BenchPeer> peers, List<String> baselines,
                                         List<ModeResult> results) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("redis_version", version);
        doc.put("redis_server", binary.toString());
        doc.put("lettuce_version", LettuceVersion.getVersion());
        doc.put("netty_version", nettyVersions());
        doc.put("seconds_per_round", seconds);
        doc.put("rounds", rounds);
        doc.put("clients", clients);
        doc.put("limit_per_window", LIMIT);
        doc.put("window_seconds", WINDOW.toSeconds());
        doc.put("peers", peers.stream().map(BenchPeer::description).toList());
        doc.put("peers_missing", peers.isEmpty() ? BenchPeer.NOT_INSTALLED : null);
        List<Map<String, Object>> modes = new ArrayList<>();
        for (ModeResult m : results) {
            Map<String, Object> mode = new LinkedHashMap<>();
            mode.put("mode", m.mode().label());
            mode.put("description", m.mode().title());
            List<Map<String, Object>> rows = new ArrayList<>();
            m.tallies().forEach((row, t) -> {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("row", row.name());
                r.put("label", row.label());
                r.put("role", row.role().name().toLowerCase(Locale.ROOT));
                r.put("per_second", Math.round(t.perSecond()));
                r.put("per_second_by_round", t.perRound.stream().map(Math::round).toList());
                Map<String, Object> ratios = new LinkedHashMap<>();
                for (String b : baselines) {
                    Double ratio = m.ratio(row, b);
                    ratios.put(b, ratio == null ? null : round3(ratio));
                }
                r.put("ratio_to", ratios);
                r.put("client_cpu_us_per_op", round3(t.clientMicrosPerOp()));
                r.put("server_cpu_us_per_op", round3(t.serverCpuMicrosPerOp()));
                r.put("script_us_per_op", round3(t.scriptMicrosPerOp()));
                r.put("allowed_share", round3(t.allowedShare()));
                r.put("errors", t.failed);
                rows.add(r);
            });
            mode.put("rows", rows);
            mode.put("goals", m.goals().stream().map(g -> {
                Map<String, Object> goal = new LinkedHashMap<>();
                goal.put("row", g.row());
                goal.put("baseline", g.baseline());
                goal.put("goal", g.goal());
                goal.put("ratio", round3(g.ratio()));
                goal.put("met", g.met());
                return goal;
            }).toList());
            modes.add(mode);
        }
        doc.put("modes", modes);
        return doc;
    }

    /** Netty's version, or each of them when its jars are of mixed versions (which would skew the run). */
    private static String nettyVersions() {
        return String.join("+", io.netty.util.Version.identify().values().stream()
                .map(io.netty.util.Version::artifactVersion).distinct().sorted().toList());
    }

    private static String shortName(String baseline) {
        return RETURN_1.equals(baseline) ? "ret 1" : baseline;
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** CPU time of this whole process (every thread, GC and JIT included), from the OS. */
    private static long processCpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    /** Keeps the interrupt for the caller's caller; the bench stops. */
    private static IllegalStateException interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        return new IllegalStateException("Interrupted", e);
    }

    enum Role { LIMIT, PROJECT, PEER }

    /** One implementation measured: a decision (or a baseline request) issued blocking or not. */
    private record Row(String name, String label, Role role, IntPredicate sync, IntFunction<CompletionStage<?>> async) {
        Row(String name, Role role, IntPredicate sync, IntFunction<CompletionStage<?>> async) {
            this(name, name, role, sync, async);
        }
    }

    private record Mode(String label, String title, int parallelism, boolean async, List<Goal> goals) {
    }

    /** This project's limiters must reach {@code factor} × the throughput of {@code baseline} in a mode. */
    private record Goal(String baseline, double factor) {
    }

    private record GoalCheck(String row, String baseline, double goal, double ratio, boolean met) {
    }

    private record ModeResult(Mode mode, Map<Row, Tally> tallies) {

        Double ratio(Row row, String baseline) {
            for (Map.Entry<Row, Tally> e : tallies.entrySet()) {
                if (e.getKey().label().equals(baseline)) {
                    double base = e.getValue().perSecond();
                    return base == 0 ? null : tallies.get(row).perSecond() / base;
                }
            }
            return null;
        }

        List<GoalCheck> goals() {
            List<GoalCheck> checks = new ArrayList<>();
            for (Row row : tallies.keySet()) {
                if (row.role() != Role.PROJECT) {
                    continue;
                }
                for (Goal g : mode.goals()) {
                    Double ratio = ratio(row, g.baseline());
                    if (ratio != null) {
                        checks.add(new GoalCheck(row.name(), g.baseline(), g.factor(), ratio, ratio >= g.factor()));
                    }
                }
            }
            return checks;
        }
    }

    private record Result(long completed, long allowed, long failed, long nanos) {

        /** The sums of each worker's or lane's {completed, allowed, failed}. */
        static Result of(long nanos, Stream<long[]> counts) {
            long[] sum = new long[3];
            counts.forEach(c -> {
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += c[i];
                }
            });
            return new Result(sum[0], sum[1], sum[2], nanos);
        }
    }

    /** Sums of all rounds of one row in one mode. */
    private static final class Tally {
        final List<Double> perRound = new ArrayList<>();
        long completed;
        long allowed;
        long failed;
        long nanos;
        long clientCpuNanos;
        ServerCounters.Reading server = ServerCounters.Reading.ZERO;

        void add(Result r, long cpuNanos, ServerCounters.Reading serverDelta) {
            perRound.add(r.nanos() == 0 ? 0 : r.completed() * 1e9 / r.nanos());
            completed += r.completed();
            allowed += r.allowed();
            failed += r.failed();
            nanos += r.nanos();
            clientCpuNanos += cpuNanos;
            server = server.plus(serverDelta);
        }

        double perSecond() {
            return nanos == 0 ? 0 : completed * 1e9 / nanos;
        }

        double clientMicrosPerOp() {
            return completed == 0 ? 0 : clientCpuNanos / 1e3 / completed;
        }

        double serverCpuMicrosPerOp() {
            return completed == 0 ? 0 : server.cpuMicros() / completed;
        }

        double scriptMicrosPerOp() {
            return completed == 0 ? 0 : server.scriptMicros() / completed;
        }

        double allowedShare() {
            return completed == 0 ? 0 : (double) allowed / completed;
        }

        String rounds() {
            StringBuilder s = new StringBuilder();
            for (double r : perRound) {
                s.append(s.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, "%.0f", r));
            }
            return s.toString();
        }
    }

    /** One request in flight at a time: the next is issued when the previous completes, until the deadline. */
    private static final class Lane {
        private final IntFunction<CompletionStage<?>> operation;
        private final int step;
        private final int clients;
        private final long deadline;
        private final CountDownLatch done;
        private long next;
        // written by whichever thread completes this lane's current request, one at a time; read after done
        long completed;
        long allowed;
        long failed;

        Lane(IntFunction<CompletionStage<?>> operation, int first, int step, int clients, long deadline, CountDownLatch done) {
            this.operation = operation;
            this.next = first;
            this.step = step;
            this.clients = clients;
            this.deadline = deadline;
            this.done = done;
        }

        void next() {
            // loops instead of recursing when a request completes at once
            while (System.nanoTime() < deadline) {
                CompletableFuture<?> f;
                try {
                    f = operation.apply((int) (next % clients)).toCompletableFuture();
                } catch (RuntimeException e) {
                    failed++;
                    continue;
                } finally {
                    next += step;
                }
                if (!f.isDone()) {
                    f.whenComplete((value, error) -> {
                        count(value, error);
                        next();
                    });
                    return;
                }
                if (f.isCompletedExceptionally()) {
                    count(null, new IllegalStateException("failed at once"));
                } else {
                    count(f.getNow(null), null);
                }
            }
            done.countDown();
        }

        long[] counts() {
            return new long[] {completed, allowed, failed};
        }

        private void count(Object value, Throwable error) {
            if (error != null) {
                failed++;
                return;
            }
            completed++;
            if (value instanceof Decision d ? d.allowed() : !Boolean.FALSE.equals(value)) {
                allowed++;
            }
        }
    }
}
