package io.trackeep.dashboard.ui.caches;

import io.trackeep.dashboard.monitor.caches.CacheFamilyStatus;
import io.trackeep.dashboard.monitor.caches.CachesProbe;
import io.trackeep.dashboard.monitor.caches.CachesSnapshot;
import io.trackeep.dashboard.service.admin.CacheActions;
import io.trackeep.dashboard.service.cache.CacheFamily;
import io.trackeep.dashboard.service.cache.MinuteCounts;
import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.ui.format.Times;
import io.trackeep.dashboard.ui.format.Units;
import io.trackeep.dashboard.ui.kit.Check;
import io.trackeep.dashboard.ui.kit.CheckedInput;
import io.trackeep.dashboard.ui.kit.MinuteChart;
import io.trackeep.dashboard.ui.kit.MinuteSeries;
import io.trackeep.dashboard.ui.panel.LiveViewModel;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the Caches panel shows, as properties (no controls): one {@link FamilyView} per family,
 * the hit-rate chart data or why there is none, the server-wide keyspace hit rate, and the
 * validation of the key and user typed for an invalidation. Fed on the FX thread with
 * {@link CachesSnapshot}s.
 */
public final class CachesViewModel implements LiveViewModel<CachesSnapshot> {

    /** Unavailable message when entries exist but nobody counts lookups. */
    public static final String GO_ONLY = "Unavailable: no hit/miss counters (Go-only data).";

    /**
     * One family card.
     *
     * @param keys       entries, with "≈" when approximate
     * @param keysTip    where the figure comes from
     * @param memory     memory, with "≈" when estimated
     * @param memoryTip  how it was measured
     * @param hitRate    hit rate of the last 15 minutes, "–" without lookups, "n/a" without counters
     * @param lookups    "1,234 hits · 176 misses in 15 min", or why not known
     */
    public record FamilyView(CacheFamily family, String keys, String keysTip, String memory, String memoryTip,
                             String hitRate, String lookups) {

        static FamilyView waiting(CacheFamily f) {
            return new FamilyView(f, "…", "Not measured yet", "…", "Not measured yet", "…", "");
        }
    }

    /**
     * The server-wide keyspace card (INFO stats).
     *
     * @param hitRate     "90%", or "no lookups" / "unknown"
     * @param ratePercent true when {@code hitRate} is a percentage (then "hit rate" follows it)
     * @param hits        keyspace hits, or "not reported"
     * @param misses      keyspace misses, or "not reported"
     */
    public record KeyspaceView(String hitRate, boolean ratePercent, String hits, String misses) {

        static final KeyspaceView WAITING = new KeyspaceView("…", true, "…", "…");

        static KeyspaceView of(CachesSnapshot s) {
            return new KeyspaceView(s.keyspaceHitRate() != null ? Units.percent(s.keyspaceHitRate())
                    : s.keyspaceHits() != null && s.keyspaceMisses() != null ? "no lookups" : "unknown",
                    s.keyspaceHitRate() != null,
                    s.keyspaceHits() == null ? "not reported" : Units.count(s.keyspaceHits()),
                    s.keyspaceMisses() == null ? "not reported" : Units.count(s.keyspaceMisses()));
        }
    }

    private final Supplier<KeySchema> keys;
    private final Map<CacheFamily, ReadOnlyObjectWrapper<FamilyView>> families = new EnumMap<>(CacheFamily.class);
    private final ReadOnlyObjectWrapper<MinuteChart> chart = new ReadOnlyObjectWrapper<>(MinuteChart.EMPTY);
    private final ReadOnlyObjectWrapper<KeyspaceView> keyspace = new ReadOnlyObjectWrapper<>(KeyspaceView.WAITING);
    private final ReadOnlyStringWrapper updated = new ReadOnlyStringWrapper("");
    private final CheckedInput<String> key;
    private final CheckedInput<Long> user = CheckedInput.userId();
    private final ReadOnlyStringWrapper keyPrompt = new ReadOnlyStringWrapper("tk:search:42:<hash>");
    private final ReadOnlyStringWrapper eventsChannel = new ReadOnlyStringWrapper("the admin events channel");

    /** @param keys the key schema of the current connection, or null while disconnected */
    public CachesViewModel(Supplier<KeySchema> keys) {
        this.keys = keys;
        this.key = new CheckedInput<>(this::checkKey);
        for (CacheFamily f : CacheFamily.values()) {
            families.put(f, new ReadOnlyObjectWrapper<>(FamilyView.waiting(f)));
        }
    }

    @Override
    public void apply(CachesSnapshot s) {
        for (CacheFamilyStatus f : s.families()) {
            families.get(f.cacheFamily()).set(view(f, s.countersAvailable(), s.totalKeys() > 0));
        }
        if (s.countersAvailable()) {
            chart.set(MinuteChart.available(chartData(s)));
        } else if (s.totalKeys() > 0) {
            chart.set(MinuteChart.unavailable(GO_ONLY, "Entries exist, but no lookup was counted in the last " + CachesProbe.HISTORY_MINUTES
                    + " minutes: the Go backend caches without counting hits and misses; backends built on this service layer count them per minute."));
        } else {
            chart.set(MinuteChart.unavailable("No cache activity", "No cache entries and no lookups counted in the last " + CachesProbe.HISTORY_MINUTES
                    + " minutes. Hit rates appear here when backends cache responses, searches and analytics."));
        }
        keyspace.set(KeyspaceView.of(s));
        updated.set("Updated " + Times.time(s.collectedAt()) + (s.unrecognisedKeys() == 0 ? ""
                : " · " + Units.count(s.unrecognisedKeys()) + (s.unrecognisedKeys() == 1 ? " key" : " keys")
                + " under the cache prefix " + (s.unrecognisedKeys() == 1 ? "is" : "are") + " no cache entry, not counted"));
        KeySchema schema = keys.get();
        if (schema != null) {
            keyPrompt.set(schema.prefix() + ":search:42:<hash>");
            eventsChannel.set(schema.adminEventsChannel());
        }
        key.recheck(); // the prefix may have changed with the connection
    }

    /** Forgets the figures shown: the window's connection changed. The forms keep what the admin typed. */
    @Override
    public void clear() {
        for (CacheFamily f : CacheFamily.values()) {
            families.get(f).set(FamilyView.waiting(f));
        }
        chart.set(chart.get().withoutMinutes());
        keyspace.set(KeyspaceView.WAITING);
        updated.set("");
        key.recheck();
    }

    /** An example cache key with this connection's prefix, for the key field. */
    public ReadOnlyStringProperty keyPromptProperty() { return keyPrompt.getReadOnlyProperty(); }

    /** Where invalidations are announced, with this connection's prefix. */
    public ReadOnlyStringProperty eventsChannelProperty() { return eventsChannel.getReadOnlyProperty(); }

    private static FamilyView view(CacheFamilyStatus f, boolean counters, boolean entriesExist) {
        String approx = f.keysExact() ? "" : "≈ ";
        String keysTip = f.keysExact() ? "Counted by a complete SCAN just now"
                : "Approximate: the keyspace is too large for one bounded scan, so this is the count of the shared census's last pass"
                + " (or, before it completed, the entries found so far)";
        String memoryTip = f.memoryBytes() == null ? "Not measured yet: the bounded scan met no entry of this family to sample; it tries again in "
                + CachesProbe.USAGE_EVERY.toSeconds() + " s"
                : f.memoryExact() ? "MEMORY USAGE of every entry"
                : "Estimated: MEMORY USAGE of a uniform sample of entries, times the number of entries";
        String memory = f.memoryBytes() == null ? "–" : (f.memoryExact() ? "" : "≈ ") + Units.bytes(f.memoryBytes());
        String hitRate = !counters ? "n/a" : f.hitRate() == null ? "–" : Units.percent(f.hitRate());
        String lookups = !counters ? (entriesExist ? "No hit/miss counters (Go-only data)" : "No lookups counted in 15 min")
                : Units.count(f.hits()) + " hits · " + Units.count(f.misses()) + " misses in " + CachesProbe.HISTORY_MINUTES + " min";
        return new FamilyView(f.cacheFamily(), approx + Units.count(f.keys()), keysTip,
                memory, memoryTip, hitRate, lookups);
    }

    /** Each family's hit rate per minute (null: no lookups that minute). */
    private static MinuteSeries chartData(CachesSnapshot s) {
        if (s.families().isEmpty()) {
            return MinuteSeries.EMPTY;
        }
        List<Instant> window = s.families().get(0).perMinute().stream().map(MinuteCounts::minute).toList();
        Map<String, List<Double>> series = new LinkedHashMap<>();
        for (CacheFamilyStatus f : s.families()) {
            List<Double> rates = new ArrayList<>(window.size());
            for (MinuteCounts m : f.perMinute()) {
                long lookups = m.hits() + m.misses();
                rates.add(lookups == 0 ? null : 100.0 * m.hits() / lookups);
            }
            series.put(f.family(), rates);
        }
        return new MinuteSeries(window, series, s.collectedAt());
    }

    private Check<String> checkKey(String k) {
        KeySchema schema = keys.get();
        if (k.isEmpty() || schema == null) {
            return Check.blank();
        }
        return CacheFamily.ofKey(schema, k)
                .map(f -> Check.valid(k, f.id() + " entry" + f.userIdOf(schema, k).map(uid -> " of user " + uid)
                        .orElse(f == CacheFamily.RESPONSE ? " (hashed: its user cannot be told)" : "")))
                .orElseGet(() -> Check.problem(CacheActions.notACacheKey(schema, k)));
    }

    public ReadOnlyObjectProperty<FamilyView> familyProperty(CacheFamily f) {
        return families.get(f).getReadOnlyProperty();
    }

    /** Each family's hit rate per minute, or why nobody counts lookups. */
    public ReadOnlyObjectProperty<MinuteChart> chartProperty() { return chart.getReadOnlyProperty(); }

    public ReadOnlyObjectProperty<KeyspaceView> keyspaceProperty() { return keyspace.getReadOnlyProperty(); }

    public ReadOnlyStringProperty updatedProperty() { return updated.getReadOnlyProperty(); }

    /** The key to invalidate; its message names the family and user it belongs to, or why it is no cache key. */
    public CheckedInput<String> key() { return key; }

    /** The user whose cache entries to invalidate. */
    public CheckedInput<Long> user() { return user; }
}
