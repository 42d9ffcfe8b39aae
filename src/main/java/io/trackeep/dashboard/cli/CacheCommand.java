package io.trackeep.dashboard.cli;

import io.trackeep.dashboard.monitor.caches.CacheFamilyStatus;
import io.trackeep.dashboard.monitor.caches.CachesProbe;
import io.trackeep.dashboard.monitor.caches.CachesSnapshot;
import io.trackeep.dashboard.monitor.census.CensusTracker;
import io.trackeep.dashboard.service.admin.ActionPlan;
import io.trackeep.dashboard.service.admin.AdminActions;
import io.trackeep.dashboard.service.admin.CacheActions;
import io.trackeep.dashboard.service.cache.CacheFamily;
import io.trackeep.dashboard.service.health.AlertRules;
import io.trackeep.dashboard.service.redis.RedisConnections;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Locale;

/** {@code cache invalidate|stats}: the Caches panel on the command line. */
@Command(name = "cache",
        mixinStandardHelpOptions = true,
        description = "Response, search and analytics caches: figures and invalidation.",
        subcommands = {CacheCommand.Invalidate.class, CacheCommand.Stats.class})
public final class CacheCommand extends CommandGroup {

    @Command(name = "invalidate", mixinStandardHelpOptions = true,
            description = "Remove cache entries: one key, one user's entries, one family or all (asks first unless --yes). "
                    + "Announced on P:admin:events and written to the audit trail.")
    static final class Invalidate extends ActionCommand {

        @ArgGroup(exclusive = true, multiplicity = "1")
        Scope scope;

        static final class Scope {
            @Option(names = "--key", paramLabel = "K", description = "One entry, e.g. tk:search:42:<hash>")
            String key;

            @Option(names = "--user", paramLabel = "ID", description = "Every entry of one user (response entries through the per-user index)")
            Long user;

            @Option(names = "--family", paramLabel = "F", description = "Every entry of one family: response, search or analytics")
            String family;

            @Option(names = "--all", description = "Every entry of every family")
            boolean all;
        }

        @Override
        void check() {
            if (scope.user != null && scope.user < 0) {
                throw badOption("--user must be a user id (0 or more), got " + scope.user);
            }
            if (scope.family != null) {
                try {
                    CacheFamily.fromId(scope.family.strip().toLowerCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw badOption(e.getMessage());
                }
            }
        }

        @Override
        ActionPlan<?> plan(RedisConnections c) {
            CacheActions actions = new CacheActions(c, AdminActions.defaultActor());
            if (scope.key != null) {
                return actions.invalidateKey(scope.key);
            }
            if (scope.user != null) {
                return actions.invalidateUser(scope.user);
            }
            if (scope.family != null) {
                return actions.invalidateFamily(CacheFamily.fromId(scope.family.strip().toLowerCase(Locale.ROOT)));
            }
            return actions.invalidateAll();
        }
    }

    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = "Entries, memory and hit rate (last 15 min) per family, and the server-wide keyspace hit rate.")
    static final class Stats extends RedisCommand {

        @Option(names = "--json", description = "Print JSON: [{family, keys, hits, misses, hitRate}] (null: unknown).")
        boolean json;

        @Override
        public Integer call() {
            try (RedisConnections c = redis.open()) {
                CachesSnapshot snapshot = CachesProbe.collectOnce(c, new CensusTracker());
                printJsonOrTable(json, snapshot, Stats::print);
                if (snapshot.unrecognisedKeys() > 0) {
                    boolean one = snapshot.unrecognisedKeys() == 1;
                    err().printf(Locale.ROOT, "note: %,d %s named like cache keys %s no cache entry and %s not counted%n",
                            snapshot.unrecognisedKeys(), one ? "key" : "keys", one ? "is" : "are", one ? "is" : "are");
                }
            }
            return 0;
        }

        /** The table of {@code cache stats}, also the cache section of {@code snapshot}. */
        static void print(CachesSnapshot s, PrintWriter out) {
            out.printf("%-10s %10s %11s %10s %10s %9s%n", "FAMILY", "KEYS", "MEMORY", "HITS", "MISSES", "HIT RATE");
            for (CacheFamilyStatus f : s.families()) {
                out.printf("%-10s %10s %11s %10s %10s %9s%n", f.family(),
                        (f.keysExact() ? "" : "~") + count(f.keys()),
                        f.memoryBytes() == null ? "?" : (f.memoryExact() ? "" : "~") + AlertRules.bytes(f.memoryBytes()),
                        f.hits() == null ? "n/a" : count(f.hits()), f.misses() == null ? "n/a" : count(f.misses()),
                        percent(f.hitRate()));
            }
            if (!s.countersAvailable()) {
                out.println("Hits and misses: unavailable, no hit/miss counters in the last 15 min (the Go backend does not write them).");
            } else {
                out.println("Hits and misses: last 15 min.");
            }
            out.println("Keyspace hit rate (whole server, since start): " + percent(s.keyspaceHitRate())
                    + (s.keyspaceHits() == null ? "" : " (" + count(s.keyspaceHits()) + " hits, " + count(s.keyspaceMisses()) + " misses)"));
        }

        private static String count(long n) {
            return String.format(Locale.ROOT, "%,d", n);
        }

        private static String percent(Double rate) {
            return rate == null ? "n/a" : String.format(Locale.ROOT, "%.1f%%", rate * 100);
        }
    }
}
