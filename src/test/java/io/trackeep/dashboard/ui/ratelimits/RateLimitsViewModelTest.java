package io.trackeep.dashboard.ui.ratelimits;

import io.trackeep.dashboard.monitor.ratelimits.ClientUsage;
import io.trackeep.dashboard.monitor.ratelimits.LimiterStatus;
import io.trackeep.dashboard.monitor.ratelimits.RateLimitsSnapshot;
import io.trackeep.dashboard.monitor.ratelimits.ResetTime;
import io.trackeep.dashboard.service.ratelimit.Decision;
import io.trackeep.dashboard.service.ratelimit.LimitAlgorithm;
import io.trackeep.dashboard.service.ratelimit.LimitDefinition;
import io.trackeep.dashboard.service.ratelimit.Limits;
import io.trackeep.dashboard.service.ratelimit.MinuteCounts;
import io.trackeep.dashboard.service.ratelimit.RateLimitRegistry;
import io.trackeep.dashboard.service.ratelimit.Usage;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.testing.InlineReads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The Rate limits view model without a window. */
class RateLimitsViewModelTest {

    private static final Instant NOW = Instant.parse("2026-03-10T09:41:00Z");
    private final Locale formatLocale = Locale.getDefault(Locale.Category.FORMAT);
    private RateLimitsViewModel vm;

    @BeforeEach
    void setUp() {
        Locale.setDefault(Locale.Category.FORMAT, Locale.ROOT);
        vm = new RateLimitsViewModel(InlineReads.none());
    }

    @AfterEach
    void restoreLocale() {
        Locale.setDefault(Locale.Category.FORMAT, formatLocale);
    }

    private static List<MinuteCounts> minutes(long allowed, long blocked) {
        List<MinuteCounts> m = new ArrayList<>();
        for (int i = 14; i >= 0; i--) {
            m.add(new MinuteCounts(NOW.minus(i, ChronoUnit.MINUTES), allowed, blocked));
        }
        return m;
    }

    private static ClientUsage usage(String client, long used, long limit) {
        return new ClientUsage(client, used, limit, limit - used, Duration.ofSeconds(30));
    }

    private static LimiterStatus defined(String name, List<ClientUsage> top, long allowed, long blocked) {
        LimitDefinition d = RateLimitRegistry.DEFAULTS.get(name);
        return new LimiterStatus(name, d.algorithm(), 1200L, d.limit(), top, d, true, minutes(allowed, blocked));
    }

    private static RateLimitsSnapshot snapshot(boolean counters, LimiterStatus... limiters) {
        return new RateLimitsSnapshot(NOW, List.of(limiters), counters, new RateLimitsSnapshot.Sampling(2, 40, 0),
                List.of(), true);
    }

    @Test
    void rowsSayAlgorithmLimitClientsTheClosestClientAndTheLast15Minutes() {
        vm.apply(snapshot(true,
                defined("general", List.of(usage("10.0.0.7", 98, 100), usage("10.0.0.8", 3, 100)), 10, 2),
                defined("auth", List.of(), 0, 0),
                new LimiterStatus("export", LimitAlgorithm.SLIDING_WINDOW, 12L, null, List.of(), null, false, List.of())));

        assertThat(vm.rows()).extracting(RateLimitsViewModel.LimiterRow::limiter).containsExactly("general", "auth", "export");
        RateLimitsViewModel.LimiterRow general = vm.rows().get(0);
        assertThat(general.algorithm()).isEqualTo("sliding window");
        assertThat(general.limit()).isEqualTo("100 / 1 min");
        assertThat(general.clientsText()).isEqualTo("1,200");
        assertThat(general.closest()).isEqualTo("10.0.0.7 · 98%");
        assertThat(general.allowed()).isEqualTo(150);
        assertThat(general.blocked()).isEqualTo(30);
        RateLimitsViewModel.LimiterRow export = vm.rows().get(2);
        assertThat(export.limit()).isEqualTo("not defined here");
        assertThat(export.clientsText()).as("first census pass still running").isEqualTo("≥ 12");
        assertThat(export.allowed()).isNull();

        assertThat(vm.selectedLimiterProperty().get()).as("the first limiter with clients near a limit").isEqualTo("general");
        assertThat(vm.topClients()).extracting(ClientUsage::client).containsExactly("10.0.0.7", "10.0.0.8");
        assertThat(vm.clientsProperty().get().title()).isEqualTo("Closest to their limit: general (100 / 1 min, sliding window)");
        assertThat(vm.chartProperty().get().minutes().series().get("allowed")).hasSize(15).containsOnly(10.0);
        assertThat(vm.chartProperty().get().available()).isTrue();

        vm.select("export");
        assertThat(vm.topClients()).isEmpty();
        assertThat(vm.clientsProperty().get().note()).startsWith("Only the backend that uses 'export' knows its limit");
        assertThat(vm.clientsProperty().get().empty()).isEqualTo("No limit is defined for 'export' here, so its clients cannot be ranked.");
        assertThat(vm.chartProperty().get().available()).isFalse();
        vm.select("auth");
        assertThat(vm.clientsProperty().get().empty()).isEqualTo("No client of 'auth' has used any of its limit right now.");
    }

    @Test
    void theSelectionSurvivesRefreshesAndTheFilterNarrowsLimitersAndClients() {
        RateLimitsSnapshot s = snapshot(true, defined("general", List.of(usage("10.0.0.7", 98, 100), usage("172.16.0.1", 3, 100)), 1, 0),
                defined("auth", List.of(usage("10.0.0.9", 4, 5)), 1, 0));
        vm.apply(s);
        vm.select("auth");
        vm.apply(s);
        assertThat(vm.selectedLimiterProperty().get()).isEqualTo("auth");

        vm.filterProperty().set("172.16");
        assertThat(vm.rows()).extracting(RateLimitsViewModel.LimiterRow::limiter).containsExactly("general");
        vm.select("general");
        assertThat(vm.topClients()).extracting(ClientUsage::client).containsExactly("172.16.0.1");
        vm.filterProperty().set("gen");
        assertThat(vm.topClients()).as("the limiter matches: all its clients").hasSize(2);
    }

    @Test
    void withoutCountersTheChartSaysWhy() {
        vm.apply(snapshot(false, defined("auth", List.of(usage("10.0.0.7", 3, 5)), 0, 0)));
        assertThat(vm.chartProperty().get().available()).isFalse();
        assertThat(vm.chartProperty().get().note()).isEqualTo(RateLimitsViewModel.NO_COUNTERS + ".");
        assertThat(vm.rows().get(0).allowed()).isNull();
    }

    @Test
    void malformedLimitsAreWarnedAbout() {
        vm.apply(new RateLimitsSnapshot(NOW, List.of(defined("auth", List.of(), 0, 0)), false,
                new RateLimitsSnapshot.Sampling(0, 0, 0), List.of(new Limits.MalformedLimit("broken", "{", "Malformed JSON")), false));
        assertThat(vm.warningProperty().get()).isEqualTo("Ignored in the limits hash: 'broken' (Malformed JSON)");
        assertThat(vm.clientsProperty().get().note()).contains("the first pass over the rate-limit keys is still running");
    }

    @Test
    void lookUpValidatesAndShowsTheUsageOrWhyNot() {
        assertThat(vm.lookupRequest()).isEmpty();
        assertThat(vm.lookupResultProperty().get()).startsWith("Choose a limiter and type a client");
        vm.lookupLimiterProperty().set("auth");
        vm.lookupClientProperty().set(" 10.0.0.7 ");
        assertThat(vm.lookupRequest()).contains(new RateLimitsViewModel.Lookup("auth", "10.0.0.7"));

        vm.showUsage(new Usage("auth", "10.0.0.7", 3, 5, 2, Duration.ofMillis(41_200)));
        assertThat(vm.lookupResultProperty().get()).isEqualTo("3 of 5 used · 2 remaining · back to empty in 42 s");
        assertThat(vm.lookupFoundProperty().get()).isTrue();
        vm.lookupClientProperty().set("10.0.0.8");
        assertThat(vm.lookupFoundProperty().get()).as("another client: look up first").isFalse();

        vm.showLookupFailure(new RedisAccessException(RedisAccessException.Kind.UNREACHABLE, "Connection refused"));
        assertThat(vm.lookupResultProperty().get()).isEqualTo("Redis is unreachable: Connection refused");
    }

    @Test
    void aResetTimeThatOverflowedIsShownAsUnknownNotAsANegativeNumber() {
        vm.showUsage(new Usage("general", "10.0.0.7", 1, 100, 99, Duration.ofMillis(-9_223_372_036_854_774_000L)));
        assertThat(vm.lookupResultProperty().get()).contains("back to empty in unknown").doesNotContain("-");
        assertThat(RateLimitsView.seconds(null)).isEqualTo("unknown");

        vm.showUsage(new Usage("auth", "10.0.0.9", 5, 5, 0, Decision.NO_EXPIRY)); // a Go counter whose EXPIRE was lost
        assertThat(vm.lookupResultProperty().get()).isEqualTo("5 of 5 used · 0 remaining · back to empty " + ResetTime.NEVER);
        assertThat(RateLimitsView.seconds(Decision.NO_EXPIRY)).isEqualTo("never (no expiry)");
    }
}
