package io.trackeep.dashboard.cli;

import io.trackeep.dashboard.monitor.census.CensusTracker;
import io.trackeep.dashboard.monitor.ratelimits.ClientUsage;
import io.trackeep.dashboard.monitor.ratelimits.LimiterStatus;
import io.trackeep.dashboard.monitor.ratelimits.RateLimitsProbe;
import io.trackeep.dashboard.monitor.ratelimits.RateLimitsSnapshot;
import io.trackeep.dashboard.monitor.ratelimits.ResetTime;
import io.trackeep.dashboard.service.admin.ActionPlan;
import io.trackeep.dashboard.service.admin.AdminActions;
import io.trackeep.dashboard.service.admin.RateLimitActions;
import io.trackeep.dashboard.service.json.Json;
import io.trackeep.dashboard.service.ratelimit.Decision;
import io.trackeep.dashboard.service.ratelimit.LimitAlgorithm;
import io.trackeep.dashboard.service.ratelimit.LimitDefinition;
import io.trackeep.dashboard.service.ratelimit.LimitText;
import io.trackeep.dashboard.service.ratelimit.RateLimitRegistry;
import io.trackeep.dashboard.service.ratelimit.RateLimits;
import io.trackeep.dashboard.service.ratelimit.Usage;
import io.trackeep.dashboard.service.redis.Printable;
import io.trackeep.dashboard.service.redis.RedisConnections;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code ratelimit list|usage|reset|set}: the Rate limits panel on the command line. */
@Command(name = "ratelimit",
        mixinStandardHelpOptions = true,
        description = "Rate limiters: list them, read or reset a client's usage, change a limit.",
        subcommands = {RateLimitCommand.ListLimiters.class, RateLimitCommand.ShowUsage.class,
                RateLimitCommand.ResetClient.class, RateLimitCommand.SetLimit.class})
public final class RateLimitCommand extends CommandGroup {

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Every limiter with its algorithm, limit, number of clients and the clients closest to their limit "
                    + "(sampled: every rate-limit key is scanned once and read without consuming).")
    static final class ListLimiters extends RedisCommand {

        @Option(names = "--json", description = "Print JSON: [{limiter, algorithm, clients, limit, topClients: [{client, used, limit}]}].")
        boolean json;

        @Override
        public Integer call() {
            try (RedisConnections c = redis.open()) {
                RateLimitsSnapshot snapshot = RateLimitsProbe.collectOnce(c, new CensusTracker());
                printJsonOrTable(json, snapshot, ListLimiters::print);
                if (snapshot.sampling().refused() != null) {
                    err().println("note: clients are not ranked: " + Printable.message(snapshot.sampling().refused()));
                }
                if (snapshot.unrecognisedKeys() > 0) {
                    err().printf(Locale.ROOT, "note: %,d %s under %s %s no limiter and client and %s not counted%n",
                            snapshot.unrecognisedKeys(), snapshot.unrecognisedKeys() == 1 ? "key" : "keys", c.keys().rateLimitPattern(),
                            snapshot.unrecognisedKeys() == 1 ? "names" : "name", snapshot.unrecognisedKeys() == 1 ? "is" : "are");
                }
            }
            return 0;
        }

        /** The table of {@code ratelimit list}, also the rate-limit section of {@code snapshot}. */
        static void print(RateLimitsSnapshot snapshot, PrintWriter out) {
            out.printf("%-14s %-15s %-16s %9s  %s%n", "LIMITER", "ALGORITHM", "LIMIT", "CLIENTS", "CLOSEST TO THEIR LIMIT");
            for (LimiterStatus l : snapshot.limiters()) {
                String top = l.definition() == null ? "(no limit defined here)"
                        : l.topClients().isEmpty() ? "-"
                        : l.topClients().stream().limit(3).map(ListLimiters::usage).collect(Collectors.joining(", "));
                out.printf("%-14s %-15s %-16s %9s  %s%n", Printable.text(l.limiter()),
                        l.algorithm() == null ? "unknown" : LimitText.algorithm(l.algorithm()),
                        l.definition() == null ? "unknown" : LimitText.rate(l.definition()),
                        l.clients() == null ? "?" : String.format(Locale.ROOT, "%,d", l.clients()), top);
            }
            snapshot.malformedLimits().forEach(m -> out.println("warning: ignored limit '" + Printable.text(m.limiter()) + "': "
                    + Printable.message(m.reason())));
        }

        private static String usage(ClientUsage u) {
            return Printable.text(u.client()) + " (" + u.used() + " of " + u.limit() + ")";
        }
    }

    @Command(name = "usage", mixinStandardHelpOptions = true,
            description = "How much of its limit a client has used, read without consuming anything.")
    static final class ShowUsage extends RedisCommand {

        @Mixin
        ClientOfLimiter who;

        @Option(names = "--json", description = "Print JSON: {limiter, client, used, limit, remaining, resetAfterMs}.")
        boolean json;

        @Override
        public Integer call() {
            who.check(this);
            PrintWriter out = out();
            try (RedisConnections c = redis.open(); RateLimits limits = new RateLimits(c)) {
                Usage u = limits.usage(who.limiter(), who.client());
                Duration reset = ResetTime.known(u.resetAfter());
                if (json) {
                    Map<String, Object> fields = new LinkedHashMap<>();
                    fields.put("limiter", u.limiter());
                    fields.put("client", u.client());
                    fields.put("used", u.used());
                    fields.put("limit", u.limit());
                    fields.put("remaining", u.remaining());
                    fields.put("resetAfterMs", reset == null ? null : reset.toMillis());
                    fields.put("noExpiry", Decision.NO_EXPIRY.equals(u.resetAfter()));
                    out.println(Json.write(fields));
                } else {
                    out.println(Printable.text(u.client()) + " has used " + u.used() + " of " + u.limit() + " for '"
                            + Printable.text(u.limiter()) + "': " + u.remaining() + " remaining, back to empty "
                            + (reset != null ? "in " + (reset.toMillis() + 999) / 1000 + " s"
                            : Decision.NO_EXPIRY.equals(u.resetAfter()) ? ResetTime.NEVER : "in " + ResetTime.UNKNOWN));
                }
            }
            return 0;
        }
    }

    @Command(name = "reset", mixinStandardHelpOptions = true,
            description = "Forget a client's state for one limiter, so its next request starts afresh (asks first unless --yes).")
    static final class ResetClient extends ActionCommand {

        @Mixin
        ClientOfLimiter who;

        @Override
        void check() {
            who.check(this);
        }

        @Override
        ActionPlan<?> plan(RedisConnections c) {
            return new RateLimitActions(c, AdminActions.defaultActor()).resetClient(who.limiter(), who.client());
        }
    }

    /** {@code --limiter L --client C}: one client of one limiter, as `ratelimit list` prints them. */
    static final class ClientOfLimiter {

        @Option(names = "--limiter", required = true, paramLabel = "L", description = "Limiter name, e.g. auth")
        String limiter;

        @Option(names = "--client", required = true, paramLabel = "C", description = "Client id, e.g. 10.0.0.7 or user:42")
        String client;

        String limiter() {
            return Printable.parse(limiter);
        }

        String client() {
            return Printable.parse(client);
        }

        /** An empty name names no limiter or client: "' has used 0 of 100" told nothing. */
        void check(CliCommand command) {
            if (limiter.isBlank() || client.isBlank()) {
                throw command.badOption((limiter.isBlank() ? "--limiter" : "--client") + " must not be empty");
            }
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Change a limiter's limit in P:config:ratelimits (asks first unless --yes). "
                    + "The algorithm of a limiter cannot change.")
    static final class SetLimit extends ActionCommand {

        @Option(names = "--limiter", required = true, paramLabel = "L", description = "Limiter name, e.g. general")
        String limiter;

        @Option(names = "--limit", required = true, paramLabel = "N", description = "Requests per window (token bucket: capacity)")
        String limit;

        @Option(names = "--window", required = true, paramLabel = "D",
                description = "Window: 60s, 10m, 1h, 500ms (token bucket: time to refill from empty)")
        String window;

        @Option(names = "--algorithm", paramLabel = "A",
                description = "sliding-window, token-bucket or fixed-window; only for a limiter without a limit yet (default: its current one)")
        String algorithm;

        private long n;
        private Duration w;

        @Override
        void check() {
            try {
                n = LimitText.parseLimit(limit);
                w = LimitText.parseWindow(window);
            } catch (IllegalArgumentException e) {
                throw badOption(e.getMessage());
            }
        }

        @Override
        ActionPlan<?> plan(RedisConnections c) {
            LimitAlgorithm a = algorithm != null ? LimitAlgorithm.fromWireName(algorithm)
                    : new RateLimitRegistry(c).load().find(limiter).map(LimitDefinition::algorithm)
                    .orElseThrow(() -> new IllegalArgumentException("Limiter '" + limiter
                            + "' has no limit yet: give --algorithm sliding-window, token-bucket or fixed-window"));
            return new RateLimitActions(c, AdminActions.defaultActor()).changeLimit(limiter, LimitText.definition(a, n, w));
        }
    }
}
