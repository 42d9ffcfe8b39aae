package io.trackeep.dashboard.ui.ratelimits;

import io.trackeep.dashboard.service.ratelimit.LimitAlgorithm;
import io.trackeep.dashboard.service.ratelimit.LimitDefinition;
import io.trackeep.dashboard.service.ratelimit.RateLimitRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The limit editor's form without a window. */
class LimitEditorViewModelTest {

    private final LimitDefinition general = RateLimitRegistry.DEFAULTS.get("general");

    @Test
    void startsWithTheLimitInForceAndShowsOldToNew() {
        LimitEditorViewModel vm = new LimitEditorViewModel("general", general, null);
        assertThat(vm.limitProperty().get()).isEqualTo("100");
        assertThat(vm.windowProperty().get()).isEqualTo("1m");
        assertThat(vm.checkProperty().get().valid()).as("nothing changed yet").isFalse();
        assertThat(vm.checkProperty().get().message()).isEmpty();
        assertThat(vm.changeProperty().get()).startsWith("In force: 100 / 1 min, sliding window");

        vm.limitProperty().set("200");
        assertThat(vm.checkProperty().get().valid()).isTrue();
        assertThat(vm.changeProperty().get()).isEqualTo("100 / 1 min  →  200 / 1 min, sliding window");
        assertThat(vm.result()).contains(LimitDefinition.slidingWindow(200, Duration.ofMinutes(1)));

        vm.windowProperty().set("90s");
        assertThat(vm.changeProperty().get()).isEqualTo("100 / 1 min  →  200 / 1 min 30 s, sliding window");
    }

    @Test
    void numbersAreValidatedAsTheyAreTyped() {
        LimitEditorViewModel vm = new LimitEditorViewModel("general", general, null);
        vm.limitProperty().set("0");
        assertThat(vm.checkProperty().get().valid()).isFalse();
        assertThat(vm.checkProperty().get().message()).isEqualTo("Limit must be at least 1 request per window, got 0");
        assertThat(vm.result()).isEmpty();
        vm.limitProperty().set("lots");
        assertThat(vm.checkProperty().get().message()).isEqualTo("Limit 'lots' is not a whole number of requests");
        vm.limitProperty().set("50");
        vm.windowProperty().set("soon");
        assertThat(vm.checkProperty().get().message()).startsWith("Window 'soon' is not a length of time");
        vm.windowProperty().set("2h");
        assertThat(vm.checkProperty().get().valid()).isTrue();
        assertThat(vm.checkProperty().get().message()).isEmpty();
    }

    @Test
    void anotherAlgorithmIsRefusedWithTheServicesReason() {
        LimitEditorViewModel vm = new LimitEditorViewModel("general", general, null);
        vm.limitProperty().set("200");
        vm.algorithmProperty().set(LimitAlgorithm.TOKEN_BUCKET);
        assertThat(vm.checkProperty().get().valid()).isFalse();
        assertThat(vm.checkProperty().get().message()).isEqualTo("Limiter 'general' is a sliding-window limiter: its clients' keys are "
                + "sorted sets, so it cannot become token-bucket; use a new limiter name");
    }

    @Test
    void aLimiterWithoutLimitStartsEmptyWithTheSuggestedAlgorithmAndMayTakeAny() {
        LimitEditorViewModel vm = new LimitEditorViewModel("export", null, LimitAlgorithm.FIXED_WINDOW);
        assertThat(vm.hasLimit()).isFalse();
        assertThat(vm.algorithmProperty().get()).isEqualTo(LimitAlgorithm.FIXED_WINDOW);
        assertThat(vm.checkProperty().get().message()).as("nothing typed, nothing to complain about").isEmpty();
        vm.limitProperty().set("20");
        vm.windowProperty().set("1m");
        vm.algorithmProperty().set(LimitAlgorithm.TOKEN_BUCKET);
        assertThat(vm.checkProperty().get().valid()).isTrue();
        assertThat(vm.changeProperty().get()).isEqualTo("New limit: 20 / 1 min, token bucket (refills 0.333/s)");
    }

    @Test
    void windowsAreTypedBackCompactly() {
        assertThat(LimitEditorViewModel.typed(Duration.ofMinutes(10))).isEqualTo("10m");
        assertThat(LimitEditorViewModel.typed(Duration.ofHours(2))).isEqualTo("2h");
        assertThat(LimitEditorViewModel.typed(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(LimitEditorViewModel.typed(Duration.ofMillis(250))).isEqualTo("250ms");
    }
}
