package io.trackeep.dashboard.ui.overview;

import io.trackeep.dashboard.monitor.census.CensusSnapshot;
import io.trackeep.dashboard.monitor.census.KeyKind;
import io.trackeep.dashboard.monitor.overview.RecentRates;
import io.trackeep.dashboard.monitor.overview.ServerSnapshot;
import io.trackeep.dashboard.service.health.Alert;
import io.trackeep.dashboard.service.health.AlertRules;
import io.trackeep.dashboard.service.health.AlertThresholds;
import io.trackeep.dashboard.service.health.ClientsInfo;
import io.trackeep.dashboard.service.health.HealthStatus;
import io.trackeep.dashboard.service.health.KeyspaceInfo;
import io.trackeep.dashboard.service.health.KeyspaceLookups;
import io.trackeep.dashboard.service.health.MemoryInfo;
import io.trackeep.dashboard.service.health.PersistenceInfo;
import io.trackeep.dashboard.service.health.RedisInfo;
import io.trackeep.dashboard.service.health.ReplicationInfo;
import io.trackeep.dashboard.service.health.ServerInfo;
import io.trackeep.dashboard.service.health.StatsInfo;
import io.trackeep.dashboard.ui.format.Times;
import io.trackeep.dashboard.ui.format.Units;
import io.trackeep.dashboard.ui.kit.Figure;
import io.trackeep.dashboard.ui.kit.Figure.Level;
import io.trackeep.dashboard.ui.kit.Trend;
import io.trackeep.dashboard.ui.panel.LiveViewModel;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The Overview as data: the KPI figures, four bounded trends, the alerts and their count, the
 * Trackeep data counted by the census, and the alert thresholds. {@link #apply} takes one
 * refresh's snapshot (on the FX thread, through a coalescer); nothing here reads Redis.
 *
 * <p>When Redis is down, the figures keep their last values (the panel marks them stale), the
 * health figure says why, the alerts are the one "down" alert and the trends get no point.
 */
public final class OverviewViewModel implements LiveViewModel<OverviewUpdate> {

    /** How far back the charts reach. */
    public static final Duration HISTORY = Duration.ofMinutes(15);
    /** The shortest time span the charts show. */
    public static final Duration MIN_SPAN = Duration.ofMinutes(1);
    /** Most points per trend: 15 minutes at the fastest refresh (250 ms). */
    public static final int MAX_POINTS = 3_600;

    private static final double MIB = 1024.0 * 1024.0;

    private final Figure health = new Figure("health", "Health",
            "PING round trip on the dashboard's connection, measured at every refresh. Down when Redis does not answer.");
    private final Figure version = new Figure("version", "Version",
            "The Redis server version and mode (standalone, cluster or sentinel), from INFO server.");
    private final Figure uptime = new Figure("uptime", "Uptime",
            "How long the server has been running. Counters since start (hits, misses, evictions) restart with it.");
    private final Figure memory = new Figure("memory", "Memory",
            "Memory Redis uses for data and overhead (used_memory) against its limit (maxmemory). "
                    + "Without maxmemory Redis grows until the machine runs out.");
    private final Figure ops = new Figure("ops", "Throughput",
            "Commands per second as Redis measures them (instantaneous_ops_per_sec), with network traffic in and out "
                    + "and how many of them this dashboard sends.");
    private final Figure clients = new Figure("clients", "Clients",
            "Connected client connections (backends, dashboards, subscribers) against maxclients.");
    private final Figure hitRate = new Figure("hit-rate", "Hit rate",
            "Share of key lookups that found their key (keyspace_hits / (hits + misses)), over the last minute "
                    + "and since the server started, without this dashboard's own reads (counted exactly on its "
                    + "connection; \"≈\" when some could not be). Low values mean caches miss or keys expire too early.");
    private final Figure evictions = new Figure("evictions", "Evictions",
            "Keys Redis removed to stay under maxmemory, since start and per minute recently. "
                    + "Any eviction of sessions or rate-limit keys loses data.");
    private final Figure expired = new Figure("expired", "Expired keys",
            "Keys removed because their TTL ran out (sessions, caches, windows), since start and per second recently.");
    private final Figure keys = new Figure("keys", "Keys",
            "Keys in all databases (INFO keyspace) and how many of them have a TTL.");
    private final Figure persistence = new Figure("persistence", "Persistence",
            "RDB snapshots and the append-only file: whether the last save worked and how much changed since.");
    private final Figure replication = new Figure("replication", "Replication",
            "This server's role; on a master its replicas and their lag, on a replica the link to its master.");
    private final List<Figure> figures = List.of(health, version, uptime, memory, ops, clients, hitRate, evictions,
            expired, keys, persistence, replication);

    private final Trend opsTrend = new Trend("ops", "Operations per second", "ops/s", MAX_POINTS);
    private final Trend memoryTrend = new Trend("memory", "Memory used", "MiB", MAX_POINTS);
    private final Trend hitRateTrend = new Trend("hit-rate", "Hit rate (last minute)", "%", MAX_POINTS);
    private final Trend clientsTrend = new Trend("clients", "Connected clients", "clients", MAX_POINTS);
    private final List<Trend> trends = List.of(opsTrend, memoryTrend, hitRateTrend, clientsTrend);

    private final ReadOnlyDoubleWrapper memoryFraction = new ReadOnlyDoubleWrapper(-1);
    private final ReadOnlyDoubleWrapper windowStart = new ReadOnlyDoubleWrapper();
    private final ReadOnlyDoubleWrapper windowEnd = new ReadOnlyDoubleWrapper();
    private final ObservableList<Alert> alerts = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper alertCount = new ReadOnlyIntegerWrapper();
    private final ObjectProperty<AlertThresholds> thresholds = new SimpleObjectProperty<>(AlertThresholds.DEFAULTS);
    private final StringBinding quietText;
    private final ReadOnlyObjectWrapper<Instant> checkedAt = new ReadOnlyObjectWrapper<>();
    private Instant firstPointAt;

    private final ReadOnlyStringWrapper sessions = new ReadOnlyStringWrapper(Figure.UNKNOWN_VALUE);
    private final ReadOnlyStringWrapper limiterKeys = new ReadOnlyStringWrapper(Figure.UNKNOWN_VALUE);
    private final ReadOnlyStringWrapper cacheKeys = new ReadOnlyStringWrapper(Figure.UNKNOWN_VALUE);
    private final ReadOnlyStringWrapper leaderboards = new ReadOnlyStringWrapper(Figure.UNKNOWN_VALUE);
    private final ReadOnlyStringWrapper censusStatus = new ReadOnlyStringWrapper("");

    public OverviewViewModel() {
        alertCount.bind(Bindings.size(alerts));
        quietText = Bindings.createStringBinding(() -> quiet(thresholds.get()), thresholds);
        clear();
    }

    /** Shows one refresh. FX thread. */
    @Override
    public void apply(OverviewUpdate update) {
        ServerSnapshot s = update.server();
        Instant at = s.report().checkedAt();
        checkedAt.set(at);
        alerts.setAll(s.alerts());
        if (firstPointAt == null && s.status() == HealthStatus.UP) {
            firstPointAt = at;
        }
        moveWindow(at);
        if (update.census() != null || update.censusProblem() != null) {
            census(update.census(), update.censusProblem());
        }
        if (s.status() != HealthStatus.UP) {
            trends.forEach(Trend::gap); // no figures now: the charts break here instead of drawing across
        }
        switch (s.status()) {
            case DOWN -> health.show("Down", s.report().problem() == null ? "No answer" : s.report().problem().message(), Level.CRITICAL);
            case PARTIAL -> {
                health.show(latency(s.pingMicros()), "Answers PING, but INFO is not permitted for this user", Level.WARNING);
                figures.stream().filter(f -> f != health).forEach(f -> f.unknown("INFO not permitted for this user"));
                memoryFraction.set(-1);
            }
            case UP -> up(s, at);
        }
    }

    /** Forgets everything shown (a new connection is a different server). */
    @Override
    public void clear() {
        figures.forEach(f -> f.unknown(""));
        trends.forEach(Trend::clear);
        alerts.clear();
        memoryFraction.set(-1);
        checkedAt.set(null);
        firstPointAt = null;
        moveWindow(Instant.now());
        sessions.set(Figure.UNKNOWN_VALUE);
        limiterKeys.set(Figure.UNKNOWN_VALUE);
        cacheKeys.set(Figure.UNKNOWN_VALUE);
        leaderboards.set(Figure.UNKNOWN_VALUE);
        censusStatus.set("waiting for the first count…");
    }

    private void up(ServerSnapshot s, Instant at) {
        RedisInfo info = s.info();
        Map<Figure, Alert.Severity> flagged = flagged(s.alerts());
        double t = at.toEpochMilli() / 1000.0;
        double from = windowStart.get();

        boolean slow = s.alerts().stream().anyMatch(a -> a.rule().equals(AlertRules.SLOWLOG));
        health.show(latency(s.pingMicros()), slow ? "Up · slow commands, see the alerts" : "Up · PING round trip", level(flagged, health));
        ServerInfo server = info.server();
        version.show(orUnknown(server.version()), server.mode() == null ? "" : server.mode() + " mode", Level.NORMAL);
        if (server.uptimeSeconds() == null) {
            uptime.unknown("not reported");
        } else {
            Instant since = (server.serverTime() != null ? server.serverTime() : at).minusSeconds(server.uptimeSeconds());
            uptime.show(Units.duration(Duration.ofSeconds(server.uptimeSeconds())), "since " + (server.uptimeSeconds() < 86_400
                    ? Times.time(since) : Times.dateTime(since)), Level.NORMAL);
        }
        memory(info.memory(), flagged);
        if (info.memory().usedBytes() != null) {
            memoryTrend.add(t, info.memory().usedBytes() / MIB, from);
        }
        StatsInfo stats = info.stats();
        if (stats.opsPerSecond() == null) {
            ops.unknown("not reported");
        } else {
            ops.show(Units.count(stats.opsPerSecond()) + " ops/s", traffic(stats) + ownShare(s.recent()), Level.NORMAL);
            opsTrend.add(t, stats.opsPerSecond(), from);
        }
        clients(info.clients(), flagged);
        if (info.clients().connected() != null) {
            clientsTrend.add(t, info.clients().connected(), from);
        }
        hitRate(s, s.recent(), flagged);
        if (s.recent().hitRate() != null) {
            hitRateTrend.add(t, s.recent().hitRate() * 100, from);
        }
        evictions(stats, s.recent(), info.memory().maxMemoryPolicy(), flagged);
        expired(stats, s.recent());
        keys(info.keyspace());
        persistence(info.persistence(), at, flagged);
        replication(info.replication(), flagged);
    }

    private void memory(MemoryInfo m, Map<Figure, Alert.Severity> flagged) {
        if (m.usedBytes() == null) {
            memory.unknown("not reported");
            memoryFraction.set(-1);
            return;
        }
        Double fraction = m.usedFractionOfMax();
        if (fraction == null) {
            memory.show(Units.bytes(m.usedBytes()), "no maxmemory set", level(flagged, memory));
            memoryFraction.set(-1);
        } else {
            memory.show(Units.bytes(m.usedBytes()), Units.percent(fraction) + " of " + Units.bytes(m.maxMemoryBytes()),
                    level(flagged, memory));
            memoryFraction.set(Math.min(1, fraction));
        }
    }

    private void clients(ClientsInfo c, Map<Figure, Alert.Severity> flagged) {
        if (c.connected() == null) {
            clients.unknown("not reported");
            return;
        }
        String max = c.maxClients() == null ? "maxclients unknown" : "of " + Units.count(c.maxClients()) + " max";
        String blocked = c.blocked() == null || c.blocked() == 0 ? "" : " · " + Units.count(c.blocked()) + " blocked";
        clients.show(Units.count(c.connected()), max + blocked, level(flagged, clients));
    }

    private void hitRate(ServerSnapshot s, RecentRates recent, Map<Figure, Alert.Severity> flagged) {
        KeyspaceLookups overall = KeyspaceLookups.sinceStart(s.report());
        KeyspaceLookups last = recent.lookups();
        String since = s.warmingUp() ? " · caches warming up"
                : overall == null || overall.hitRate() == null ? "" : " · " + Units.percent(overall.hitRate()) + " since start";
        if (last != null && last.hitRate() != null) {
            hitRate.show((last.exact() ? "" : "≈ ") + Units.percent(last.hitRate()),
                    "last " + Units.duration(roundSeconds(recent.window())) + since, level(flagged, hitRate));
        } else if (last != null) {
            // only this dashboard looked keys up: its own reads are no evidence either way
            hitRate.show("no lookups", "none in the last " + Units.duration(roundSeconds(recent.window())) + since, Level.NORMAL);
        } else if (overall != null && overall.hitRate() != null) {
            hitRate.show(Units.percent(overall.hitRate()), "since the server started", level(flagged, hitRate));
        } else {
            hitRate.show(overall == null ? Figure.UNKNOWN_VALUE : "no lookups",
                    overall == null ? "not reported" : "no key lookups yet", Level.NORMAL);
        }
    }

    /** The dashboard's own part of ops/s, so an admin does not mistake the monitor's load for the application's. */
    private static String ownShare(RecentRates recent) {
        Double own = recent.ownPerSecond();
        return own == null ? "" : " · " + Units.compact(Math.round(own)) + "/s from this dashboard";
    }

    private void evictions(StatsInfo stats, RecentRates recent, String policy, Map<Figure, Alert.Severity> flagged) {
        if (stats.evictedKeys() == null) {
            evictions.unknown("not reported");
            return;
        }
        String rate = recent.evictedPerMinute() == null ? "since start" : Units.compact(Math.round(recent.evictedPerMinute())) + "/min";
        evictions.show(Units.count(stats.evictedKeys()), rate + (policy == null ? "" : " · " + policy), level(flagged, evictions));
    }

    private void expired(StatsInfo stats, RecentRates recent) {
        if (stats.expiredKeys() == null) {
            expired.unknown("not reported");
            return;
        }
        expired.show(Units.count(stats.expiredKeys()), recent.expiredPerSecond() == null ? "since start"
                : Units.perSecond(recent.expiredPerSecond(), "keys") + " recently", Level.NORMAL);
    }

    private void keys(KeyspaceInfo k) {
        long withTtl = k.databases().values().stream().mapToLong(KeyspaceInfo.Database::expires).sum();
        int dbs = k.databases().size();
        keys.show(Units.count(k.totalKeys()), Units.count(withTtl) + " with a TTL"
                + (dbs > 1 ? " · " + dbs + " databases" : ""), Level.NORMAL);
    }

    private void persistence(PersistenceInfo p, Instant at, Map<Figure, Alert.Severity> flagged) {
        if (Boolean.TRUE.equals(p.loading())) {
            persistence.show("Loading", "Redis is loading its data set", Level.WARNING);
            return;
        }
        if (p.hasFailure()) {
            persistence.show("Failing", "RDB " + orUnknown(p.rdbLastSaveStatus()) + " · AOF " + orUnknown(p.aofLastWriteStatus()),
                    level(flagged, persistence));
            return;
        }
        boolean aof = Boolean.TRUE.equals(p.aofEnabled());
        Boolean snapshots = p.snapshotsOn();
        if (Boolean.FALSE.equals(snapshots) && !aof) {
            persistence.show("None", "no RDB save points (save \"\"), AOF off: a restart loses the data", Level.NORMAL);
            return;
        }
        String kind = snapshots == null ? (aof ? "AOF" : "Unknown") : snapshots ? (aof ? "RDB + AOF" : "RDB") : "AOF";
        StringBuilder detail = new StringBuilder();
        if (snapshots == null && !aof) {
            detail.append("RDB schedule unknown (CONFIG not permitted)");
        } else if (Boolean.TRUE.equals(p.rdbSaveInProgress()) || Boolean.TRUE.equals(p.aofRewriteInProgress())) {
            detail.append("saving now");
        } else if (Boolean.TRUE.equals(snapshots) && p.rdbSaves() != null && p.rdbSaves() == 0) {
            detail.append("no snapshot since start");
        } else if (Boolean.TRUE.equals(snapshots) && p.rdbLastSaveTime() != null) {
            detail.append("saved ").append(Times.relative(p.rdbLastSaveTime(), at));
        }
        if (!Boolean.FALSE.equals(snapshots) && p.rdbChangesSinceLastSave() != null) {
            detail.append(detail.length() == 0 ? "" : " · ").append(Units.compact(p.rdbChangesSinceLastSave())).append(" changes");
        }
        persistence.show(kind, detail.toString(), Level.NORMAL);
    }

    private void replication(ReplicationInfo r, Map<Figure, Alert.Severity> flagged) {
        if (r.role() == null) {
            replication.unknown("not reported");
            return;
        }
        if (r.isReplica()) {
            replication.show("Replica", "of " + r.masterHost() + ":" + r.masterPort() + " · link " + orUnknown(r.masterLinkStatus()),
                    level(flagged, replication));
            return;
        }
        long n = r.connectedReplicas() == null ? r.replicas().size() : r.connectedReplicas();
        String detail = n == 0 ? "no replicas" : n + (n == 1 ? " replica" : " replicas")
                + (r.lagSeconds() == null ? "" : " · lag " + r.lagSeconds() + " s");
        replication.show("Master", detail, level(flagged, replication));
    }

    private void census(CensusSnapshot c, String problem) {
        if (c == null) {
            censusStatus.set(problem == null ? "" : problem);
            return;
        }
        sessions.set(Units.count(c.count(KeyKind.SESSION)));
        limiterKeys.set(Units.count(c.count(KeyKind.RATE_LIMIT)));
        cacheKeys.set(Units.count(c.count(KeyKind.RESPONSE_CACHE) + c.count(KeyKind.SEARCH_CACHE) + c.count(KeyKind.ANALYTICS_CACHE)));
        leaderboards.set(Units.count(c.count(KeyKind.LEADERBOARD)));
        censusStatus.set(c.complete()
                ? "counted " + Times.time(c.completedAt())
                : String.format(Locale.getDefault(Locale.Category.FORMAT), "scanning… %.0f %%", c.progress() * 100));
    }

    /**
     * The charts span from the first point (or {@link #HISTORY} back, whichever is later) to
     * {@code at}, at least {@link #MIN_SPAN}: right after connecting the lines fill the charts
     * instead of crowding at their right edge.
     */
    private void moveWindow(Instant at) {
        double end = at.toEpochMilli() / 1000.0;
        double start = end - HISTORY.toSeconds();
        if (firstPointAt != null) {
            start = Math.max(start, firstPointAt.toEpochMilli() / 1000.0);
        }
        double from = Math.min(start, end - MIN_SPAN.toSeconds());
        windowEnd.set(end);
        windowStart.set(from);
        trends.forEach(tr -> tr.trim(from));
    }

    /** Which figure each alert concerns, with the worst severity per figure. */
    private Map<Figure, Alert.Severity> flagged(List<Alert> list) {
        Map<Figure, Alert.Severity> result = new HashMap<>();
        for (Alert a : list) {
            Figure f = switch (a.rule()) {
                case AlertRules.MEMORY -> memory;
                case AlertRules.HIT_RATE -> hitRate;
                case AlertRules.CLIENTS -> clients;
                case AlertRules.REPLICATION_LAG -> replication;
                case AlertRules.EVICTIONS -> evictions;
                case AlertRules.PERSISTENCE -> persistence;
                default -> health; // down, slow commands, rules added later
            };
            result.merge(f, a.severity(), (x, y) -> x.compareTo(y) >= 0 ? x : y);
        }
        return result;
    }

    private static Level level(Map<Figure, Alert.Severity> flagged, Figure f) {
        Alert.Severity s = flagged.get(f);
        return s == null ? Level.NORMAL : s == Alert.Severity.CRITICAL ? Level.CRITICAL : Level.WARNING;
    }

    /** "No alerts: memory below 80 % of maxmemory, ..." with the thresholds in force. */
    static String quiet(AlertThresholds t) {
        return "Nothing to worry about. Alerts appear when memory passes " + Units.percent(t.memoryFraction())
                + " of maxmemory, the hit rate falls below " + Units.percent(t.minHitRate())
                + ", clients pass " + Units.percent(t.clientsFraction()) + " of maxclients, a command takes longer than "
                + Units.latency(t.slowCommand()) + ", a replica lags more than " + Units.duration(t.replicationLag())
                + ", more than " + Units.count(t.evictionsPerMinute()) + " keys are evicted per minute, "
                + "persistence fails or Redis is down.";
    }

    private static String traffic(StatsInfo s) {
        if (s.inputKbps() == null || s.outputKbps() == null) {
            return "";
        }
        return "in " + Units.bytes(Math.round(s.inputKbps() * 1024)) + "/s · out " + Units.bytes(Math.round(s.outputKbps() * 1024)) + "/s";
    }

    private static String latency(Long micros) {
        return micros == null ? Figure.UNKNOWN_VALUE : Units.latency(Duration.ofNanos(micros * 1000));
    }

    private static Duration roundSeconds(Duration d) {
        return Duration.ofSeconds(Math.round(d.toMillis() / 1000.0));
    }

    private static String orUnknown(Object o) {
        return o == null ? Figure.UNKNOWN_VALUE : o.toString();
    }

    public List<Figure> figures() { return figures; }

    public Figure figure(String id) {
        return figures.stream().filter(f -> f.id().equals(id)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("No figure " + id));
    }

    public List<Trend> trends() { return trends; }

    public Trend trend(String id) {
        return trends.stream().filter(t -> t.id().equals(id)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("No trend " + id));
    }

    /** used / maxmemory, 0..1; -1 when there is no limit or it is not known. */
    public ReadOnlyDoubleProperty memoryFractionProperty() { return memoryFraction.getReadOnlyProperty(); }

    /** The charts' time axis: the last {@link #HISTORY} up to the newest check, in epoch seconds. */
    public ReadOnlyDoubleProperty windowStartProperty() { return windowStart.getReadOnlyProperty(); }

    public ReadOnlyDoubleProperty windowEndProperty() { return windowEnd.getReadOnlyProperty(); }

    /** The alerts in force, most important rule first (as {@link AlertRules} orders them). */
    public ObservableList<Alert> alerts() {
        return FXCollections.unmodifiableObservableList(alerts);
    }

    public ReadOnlyIntegerProperty alertCountProperty() { return alertCount.getReadOnlyProperty(); }

    /** What the alert list says when there is no alert, naming the thresholds in force. */
    public StringBinding quietTextProperty() { return quietText; }

    /** The thresholds the alerts are judged by. */
    public ObjectProperty<AlertThresholds> thresholdsProperty() { return thresholds; }

    /** When the figures were read; null before the first refresh. */
    public ReadOnlyObjectProperty<Instant> checkedAtProperty() { return checkedAt.getReadOnlyProperty(); }

    public ReadOnlyStringProperty sessionsProperty() { return sessions.getReadOnlyProperty(); }

    public ReadOnlyStringProperty limiterKeysProperty() { return limiterKeys.getReadOnlyProperty(); }

    public ReadOnlyStringProperty cacheKeysProperty() { return cacheKeys.getReadOnlyProperty(); }

    public ReadOnlyStringProperty leaderboardsProperty() { return leaderboards.getReadOnlyProperty(); }

    /** "scanning… 45 %" while the first pass runs, "counted 14:03:22" after a complete pass, or why there is no count. */
    public ReadOnlyStringProperty censusStatusProperty() { return censusStatus.getReadOnlyProperty(); }
}
