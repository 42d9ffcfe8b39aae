package io.trackeep.dashboard.ui.caches;

import io.trackeep.dashboard.monitor.caches.CacheFamilyStatus;
import io.trackeep.dashboard.monitor.caches.CachesSnapshot;
import io.trackeep.dashboard.service.cache.CacheFamily;
import io.trackeep.dashboard.service.cache.MinuteCounts;
import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.ui.kit.MinuteSeries;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The Caches view model without a window. */
class CachesViewModelTest {

    private static final Instant NOW = Instant.parse("2026-03-10T09:41:00Z");
    private final KeySchema keys = new KeySchema("tk");
    private final Locale formatLocale = Locale.getDefault(Locale.Category.FORMAT);
    private CachesViewModel vm;

    @BeforeEach
    void setUp() {
        Locale.setDefault(Locale.Category.FORMAT, Locale.ROOT); // digits as asserted below
        vm = new CachesViewModel(() -> keys);
    }

    @AfterEach
    void restoreLocale() {
        Locale.setDefault(Locale.Category.FORMAT, formatLocale);
    }

    private static List<MinuteCounts> minutes(long hitsPerMinute, long missesPerMinute) {
        List<MinuteCounts> m = new ArrayList<>();
        for (int i = 14; i >= 0; i--) {
            m.add(new MinuteCounts(NOW.minus(i, ChronoUnit.MINUTES), i == 3 ? 0 : hitsPerMinute, i == 3 ? 0 : missesPerMinute));
        }
        return m;
    }

    @Test
    void figuresWithCountersAreShownWithUnitsAndTheChartHasAGapWhereNothingWasLookedUp() {
        vm.apply(new CachesSnapshot(NOW, List.of(
                new CacheFamilyStatus("response", 1234, 42L, 8L, 0.84, 2_500_000L, true, true, minutes(3, 1)),
                new CacheFamilyStatus("search", 50_000, 0L, 0L, null, 12_000_000L, false, false, minutes(0, 0)),
                new CacheFamilyStatus("analytics", 300, 0L, 0L, null, null, false, false, minutes(0, 0))),
                true, 900L, 100L, 0.9));

        CachesViewModel.FamilyView response = vm.familyProperty(CacheFamily.RESPONSE).get();
        assertThat(response.keys()).isEqualTo("1,234");
        assertThat(response.memory()).isEqualTo("2.38 MiB");
        assertThat(response.hitRate()).isEqualTo("84%");
        assertThat(response.lookups()).isEqualTo("42 hits · 8 misses in 15 min");
        CachesViewModel.FamilyView search = vm.familyProperty(CacheFamily.SEARCH).get();
        assertThat(search.keys()).isEqualTo("≈ 50,000");
        assertThat(search.memory()).startsWith("≈ ");
        assertThat(search.keysTip()).startsWith("Approximate");
        assertThat(search.hitRate()).as("no lookups").isEqualTo("–");
        CachesViewModel.FamilyView analytics = vm.familyProperty(CacheFamily.ANALYTICS).get();
        assertThat(analytics.memory()).as("counted by the census, but no entry sampled").isEqualTo("–");
        assertThat(analytics.memoryTip()).startsWith("Not measured yet");
        assertThat(vm.keyspaceProperty().get().hitRate()).isEqualTo("90%");
        assertThat(vm.keyspaceProperty().get().ratePercent()).isTrue();
        assertThat(vm.chartProperty().get().available()).isTrue();
        assertThat(vm.chartProperty().get().note()).isEmpty();
        MinuteSeries chart = vm.chartProperty().get().minutes();
        assertThat(chart.window()).hasSize(15);
        assertThat(chart.series().get("response")).hasSize(15).containsOnly(75.0, null);
        assertThat(chart.series().get("response").get(11)).as("the minute without lookups is a gap").isNull();
    }

    @Test
    void goOnlyDataSaysWhyHitRatesAreUnavailable() {
        vm.apply(new CachesSnapshot(NOW, List.of(
                new CacheFamilyStatus("response", 3, null, null, null, 300L, true, true, minutes(0, 0)),
                new CacheFamilyStatus("search", 0, null, null, null, 0L, true, true, minutes(0, 0)),
                new CacheFamilyStatus("analytics", 0, null, null, null, 0L, true, true, minutes(0, 0))),
                false, 10L, 0L, 1.0));
        assertThat(vm.chartProperty().get().available()).isFalse();
        assertThat(vm.chartProperty().get().title()).isEqualTo("Unavailable: no hit/miss counters (Go-only data).");
        assertThat(vm.chartProperty().get().note()).contains("the Go backend caches without counting");
        assertThat(vm.familyProperty(CacheFamily.RESPONSE).get().hitRate()).isEqualTo("n/a");
        assertThat(vm.familyProperty(CacheFamily.RESPONSE).get().lookups()).isEqualTo("No hit/miss counters (Go-only data)");
        assertThat(vm.chartProperty().get().minutes().series()).isEmpty();

        vm.apply(new CachesSnapshot(NOW, List.of(
                new CacheFamilyStatus("response", 0, null, null, null, 0L, true, true, minutes(0, 0))), false, null, null, null));
        assertThat(vm.chartProperty().get().title()).isEqualTo("No cache activity");
        assertThat(vm.familyProperty(CacheFamily.RESPONSE).get().lookups()).as("no entries: nothing says Go wrote them")
                .isEqualTo("No lookups counted in 15 min");
        assertThat(vm.keyspaceProperty().get().hitRate()).as("INFO did not say").isEqualTo("unknown");
        assertThat(vm.keyspaceProperty().get().ratePercent()).isFalse();

        vm.apply(new CachesSnapshot(NOW, List.of(
                new CacheFamilyStatus("response", 0, null, null, null, 0L, true, true, minutes(0, 0))), false, 0L, 0L, null));
        assertThat(vm.keyspaceProperty().get().hitRate()).as("nobody has looked a key up").isEqualTo("no lookups");
    }

    @Test
    void keysAndUsersAreCheckedAsTheyAreTyped() {
        vm.key().textProperty().set("tk:search:42:abc");
        assertThat(vm.key().checkProperty().get().valid()).isTrue();
        assertThat(vm.key().checkProperty().get().message()).isEqualTo("search entry of user 42");
        assertThat(vm.key().value()).contains("tk:search:42:abc");
        vm.key().textProperty().set(" " + keys.responseCache("/api/x", "", 1L) + " ");
        assertThat(vm.key().checkProperty().get().message()).isEqualTo("response entry (hashed: its user cannot be told)");
        assertThat(vm.key().value()).contains(keys.responseCache("/api/x", "", 1L));
        vm.key().textProperty().set("tk:session:abc");
        assertThat(vm.key().checkProperty().get().valid()).isFalse();
        assertThat(vm.key().checkProperty().get().message()).startsWith("Not a cache key: 'tk:session:abc'");
        assertThat(vm.key().value()).isEmpty();
        vm.key().textProperty().set("");
        assertThat(vm.key().checkProperty().get().message()).isEmpty();

        vm.user().textProperty().set("42");
        assertThat(vm.user().checkProperty().get().valid()).isTrue();
        assertThat(vm.user().value()).contains(42L);
        vm.user().textProperty().set("ann");
        assertThat(vm.user().checkProperty().get().valid()).isFalse();
        assertThat(vm.user().checkProperty().get().message()).isEqualTo("A user id is a whole number, like 42");
        vm.user().textProperty().set("-1");
        assertThat(vm.user().value()).isEmpty();
    }

    @Test
    void withoutAConnectionNoKeyIsValid() {
        CachesViewModel offline = new CachesViewModel(() -> null);
        offline.key().textProperty().set("tk:search:42:abc");
        assertThat(offline.key().checkProperty().get().valid()).isFalse();
    }

    @Test
    void keysUnderTheCachePrefixThatAreNoEntryAreCountedInTheStatusLine() {
        vm.apply(new CachesSnapshot(NOW, List.of(
                new CacheFamilyStatus("response", 3, null, null, null, 300L, true, true, minutes(0, 0))), false, 10L, 0L, 1.0, 2));
        assertThat(vm.updatedProperty().get()).endsWith(" · 2 keys under the cache prefix are no cache entry, not counted");
    }
}
