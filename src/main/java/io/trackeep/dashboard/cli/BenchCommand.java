package io.trackeep.dashboard.cli;

import io.lettuce.core.ScriptOutputType;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.json.Json;
import io.trackeep.dashboard.service.ratelimit.Decision;
import io.trackeep.dashboard.service.ratelimit.FailureMode;
import io.trackeep.dashboard.service.ratelimit.LimitDefinition;
import io.trackeep.dashboard.service.ratelimit.RateLimitRegistry;
import io.trackeep.dashboard.service.ratelimit.RateLimitStats;
import io.trackeep.dashboard.service.ratelimit.RateLimiter;
import io.trackeep.dashboard.service.redis.LuaScript;
import io.trackeep.dashboard.service.redis.RedisConnections;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Benchmarks that start their own throw-away redis-server, so they measure this program and
 * nothing else. Every figure is reported against a baseline taken in the same run.
 */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks against a throw-away local redis-server.",
        subcommands = {BenchCommand.RateLimitBench.class, CensusBench.class})
public final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Decisions per second of each limiter against raw {@code EVALSHA} of {@code return 1}, both
     * with the same number of requests in flight on the one shared connection. Rounds alternate
     * the scenarios so that drift of a shared machine hits all of them alike. Also reports the
     * server time per script call (INFO commandstats), which explains the ratio: with a fixed
     * number of requests in flight on one connection, server time per call adds to every round trip.
     */
    @Command(name = "ratelimit",
            mixinStandardHelpOptions = true,
            description = "Rate-limit decisions/s of each algorithm, as a ratio to raw EVALSHA throughput.")
    static final class RateLimitBench implements java.util.concurrent.Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--seconds", defaultValue = "3", description = "Measured time per scenario and round (default ${DEFAULT-VALUE}).")
        double seconds;

        @Option(names = "--rounds", defaultValue = "2", description = "Rounds over all scenarios (default ${DEFAULT-VALUE}).")
        int rounds;

        @Option(names = "--concurrency", defaultValue = "16", description = "Requests in flight (default ${DEFAULT-VALUE}).")
        int concurrency;

        @Option(names = "--clients", defaultValue = "10000", description = "Distinct client ids the requests rotate over (default ${DEFAULT-VALUE}).")
        int clients;

        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;

        @Override
        public Integer call() {
            if (seconds <= 0 || rounds < 1 || concurrency < 1 || clients < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--seconds, --rounds, --concurrency and --clients must be positive");
            }
            try (RedisServerProcess server = RedisServerProcess.start();
                 RedisConnections redis = RedisConnections.open(server.settings());
                 RateLimitStats stats = new RateLimitStats(redis)) {
                Map<String, Function<Long, CompletionStage<?>>> scenarios = scenarios(redis, stats);
                Duration measured = Duration.ofMillis(Math.round(seconds * 1000));
                Duration warmUp = Duration.ofMillis(Math.min(1000, measured.toMillis()));
                for (Function<Long, CompletionStage<?>> s : scenarios.values()) {
                    run(s, warmUp);
                }
                Map<String, Tally> totals = new LinkedHashMap<>();
                scenarios.keySet().forEach(name -> totals.put(name, new Tally()));
                for (int round = 0; round < rounds; round++) {
                    for (Map.Entry<String, Function<Long, CompletionStage<?>>> s : scenarios.entrySet()) {
                        redis.sync().configResetstat();
                        Result r = run(s.getValue(), measured);
                        totals.get(s.getKey()).add(r, scriptMicros(redis));
                    }
                }
                report(redisVersion(redis), totals);
            }
            return 0;
        }

        private Map<String, Function<Long, CompletionStage<?>>> scenarios(RedisConnections redis, RateLimitStats stats) {
            LuaScript baseline = LuaScript.load(BenchCommand.class, "baseline.lua");
            Map<String, Function<Long, CompletionStage<?>>> s = new LinkedHashMap<>();
            redis.sync().scriptLoad(baseline.source());
            // raw EVALSHA: no NOSCRIPT handling, nothing but the round trip and the script call
            s.put(BASELINE, i -> redis.async().evalsha(baseline.sha(), ScriptOutputType.INTEGER, "bench"));
            // the Go backend's own limiters, with its limits, so denials happen as they would; each
            // preceded by raw EVALSHA of the very same script and arguments, which tells how much
            // of the gap to 'return 1' is the script's own server work and how much is this library
            for (String name : List.of("general", "ai-chat", "search")) {
                LimitDefinition def = RateLimitRegistry.DEFAULTS.get(name);
                RateLimiter limiter = RateLimiter.of(redis, name, def, FailureMode.OPEN, stats);
                String label = def.algorithm().wireName() + " (" + name + ")";
                LuaScript script = LuaScript.load(RateLimiter.class, scriptOf(def));
                redis.sync().scriptLoad(script.source());
                AtomicLong sequence = new AtomicLong();
                s.put(RAW + label, i -> redis.async().evalsha(script.sha(), ScriptOutputType.MULTI,
                        new String[]{redis.keys().rateLimit("raw-" + name, client(i))}, rawArguments(def, sequence)));
                s.put(label, i -> limiter.checkAsync(client(i)));
            }
            return s;
        }

        private String client(long i) {
            return "10.0." + (i % clients) / 256 + "." + (i % clients) % 256;
        }

        /** The resource and arguments each limiter passes to its script (see the limiter classes). */
        private static String scriptOf(LimitDefinition def) {
            return switch (def.algorithm()) {
                case SLIDING_WINDOW -> "sliding_window.lua";
                case TOKEN_BUCKET -> "token_bucket.lua";
                case FIXED_WINDOW -> "fixed_window.lua";
            };
        }

        private static String[] rawArguments(LimitDefinition def, AtomicLong sequence) {
            return switch (def.algorithm()) {
                case SLIDING_WINDOW -> new String[]{Long.toString(def.limit()), Long.toString(def.windowMs()),
                        "raw" + sequence.incrementAndGet(), "1"};
                case TOKEN_BUCKET -> new String[]{Long.toString(def.capacity()), Double.toString(def.refillPerSec()), "3600", "1"};
                case FIXED_WINDOW -> new String[]{Long.toString(def.limit()), Long.toString(def.windowMs()), "1"};
            };
        }

        private Result run(Function<Long, CompletionStage<?>> operation, Duration duration) {
            AtomicLong issued = new AtomicLong();
            AtomicLong completed = new AtomicLong();
            AtomicLong allowed = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            CountDownLatch lanes = new CountDownLatch(concurrency);
            long start = System.nanoTime();
            long deadline = start + duration.toNanos();
            for (int i = 0; i < concurrency; i++) {
                new Lane(operation, deadline, issued, completed, allowed, failed, lanes).next();
            }
            try {
                if (!lanes.await(duration.toMillis() + 30_000, TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("Requests did not complete; is redis-server stuck?");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted", e);
            }
            return new Result(completed.get(), allowed.get(), failed.get(), System.nanoTime() - start);
        }

        private void report(String version, Map<String, Tally> totals) {
            PrintWriter out = spec.commandLine().getOut();
            double base = totals.get(BASELINE).perSecond();
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("redis_version", version);
                doc.put("concurrency", concurrency);
                doc.put("seconds_per_round", seconds);
                doc.put("rounds", rounds);
                doc.put("clients", clients);
                List<Map<String, Object>> rows = new ArrayList<>();
                totals.forEach((name, t) -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("scenario", name);
                    row.put("per_second", Math.round(t.perSecond()));
                    row.put("ratio_to_baseline", Math.round(t.perSecond() / base * 1000) / 1000.0);
                    Tally raw = totals.get(RAW + name);
                    row.put("ratio_to_raw_script", raw == null ? null : Math.round(t.perSecond() / raw.perSecond() * 1000) / 1000.0);
                    row.put("allowed_share", name.equals(BASELINE) ? null : Math.round(t.allowedShare() * 1000) / 1000.0);
                    row.put("server_us_per_call", Math.round(t.serverMicrosPerCall() * 100) / 100.0);
                    row.put("errors", t.failed);
                    rows.add(row);
                });
                doc.put("results", rows);
                out.println(Json.writePretty(doc));
            } else {
                out.printf(Locale.ROOT, "redis-server %s on loopback, %d in flight, %d round(s) of %.1f s, %d clients%n",
                        version, concurrency, rounds, seconds, clients);
                out.printf(Locale.ROOT, "%-52s %11s %9s %9s %8s %14s %7s%n", "scenario", "per second", "vs 'ret 1'",
                        "vs script", "allowed", "server us/call", "errors");
                totals.forEach((name, t) -> {
                    Tally raw = totals.get(RAW + name);
                    out.printf(Locale.ROOT, "%-52s %11.0f %9.3f %9s %8s %14.2f %7d%n", name, t.perSecond(), t.perSecond() / base,
                            raw == null ? "" : String.format(Locale.ROOT, "%.3f", t.perSecond() / raw.perSecond()),
                            name.equals(BASELINE) || name.startsWith(RAW) ? "" : String.format(Locale.ROOT, "%.1f%%", t.allowedShare() * 100),
                            t.serverMicrosPerCall(), t.failed);
                });
                out.println("vs 'ret 1': throughput relative to EVALSHA of an empty script; vs script: relative to raw EVALSHA"
                        + " of the same limiter script (the cost of this library around the script).");
            }
            out.flush();
        }

        /** Server time spent in EVALSHA/EVAL since the last CONFIG RESETSTAT, from INFO commandstats. */
        private static long scriptMicros(RedisConnections redis) {
            return redis.sync().info("commandstats").lines()
                    .filter(l -> l.startsWith("cmdstat_evalsha:") || l.startsWith("cmdstat_eval:"))
                    .mapToLong(l -> {
                        for (String field : l.substring(l.indexOf(':') + 1).split(",")) {
                            if (field.startsWith("usec=")) {
                                return Long.parseLong(field.substring("usec=".length()));
                            }
                        }
                        return 0;
                    }).sum();
        }

        private static String redisVersion(RedisConnections redis) {
            return redis.sync().info("server").lines()
                    .filter(l -> l.startsWith("redis_version:")).map(l -> l.substring("redis_version:".length()).strip())
                    .findFirst().orElse("?");
        }
    }

    static final String BASELINE = "EVALSHA 'return 1' (baseline)";
    static final String RAW = "raw EVALSHA, same script: ";

    private record Result(long completed, long allowed, long failed, long nanos) {
    }

    /** Sums of all rounds of one scenario. */
    private static final class Tally {
        long completed;
        long allowed;
        long failed;
        long nanos;
        long serverMicros;

        void add(Result r, long scriptMicros) {
            completed += r.completed();
            allowed += r.allowed();
            failed += r.failed();
            nanos += r.nanos();
            serverMicros += scriptMicros;
        }

        /** Redis server time per script call: what the script itself costs, little affected by client or machine load. */
        double serverMicrosPerCall() {
            return completed == 0 ? 0 : (double) serverMicros / completed;
        }

        double perSecond() {
            return nanos == 0 ? 0 : completed * 1e9 / nanos;
        }

        double allowedShare() {
            return completed == 0 ? 0 : (double) allowed / completed;
        }
    }

    /** One request in flight at a time: the next is issued when the previous completes, until the deadline. */
    private record Lane(Function<Long, CompletionStage<?>> operation, long deadline, AtomicLong issued, AtomicLong completed,
                        AtomicLong allowed, AtomicLong failed, CountDownLatch done) {

        void next() {
            // loops instead of recursing when a request completes at once (e.g. rejected while disconnected)
            while (System.nanoTime() < deadline) {
                CompletableFuture<?> f;
                try {
                    f = operation.apply(issued.getAndIncrement()).toCompletableFuture();
                } catch (RuntimeException e) {
                    failed.incrementAndGet();
                    continue;
                }
                if (!f.isDone()) {
                    f.whenComplete((value, error) -> {
                        count(value, error);
                        next();
                    });
                    return;
                }
                count(f.getNow(null), f.isCompletedExceptionally() ? new IllegalStateException() : null);
            }
            done.countDown();
        }

        private void count(Object value, Throwable error) {
            if (error != null) {
                failed.incrementAndGet();
                return;
            }
            completed.incrementAndGet();
            if (value instanceof Decision d && d.allowed()) {
                allowed.incrementAndGet();
            }
        }
    }
}
