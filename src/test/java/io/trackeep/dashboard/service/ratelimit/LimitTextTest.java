package io.trackeep.dashboard.service.ratelimit;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LimitTextTest {

    @Test
    void limitsReadAsAdminsSayThem() {
        assertThat(LimitText.of(RateLimitRegistry.DEFAULTS.get("general"))).isEqualTo("100 / 1 min, sliding window");
        assertThat(LimitText.of(RateLimitRegistry.DEFAULTS.get("upload"))).isEqualTo("10 / 10 min, sliding window");
        assertThat(LimitText.of(RateLimitRegistry.DEFAULTS.get("auth"))).isEqualTo("5 / 1 min, fixed window");
        assertThat(LimitText.of(RateLimitRegistry.DEFAULTS.get("ai-chat"))).isEqualTo("20 / 1 min, token bucket (refills 0.333/s)");
        assertThat(LimitText.of(LimitDefinition.tokenBucket(10, 1))).isEqualTo("10 / 10 s, token bucket (refills 1/s)");
    }

    @Test
    void windows() {
        assertThat(LimitText.window(Duration.ofSeconds(30))).isEqualTo("30 s");
        assertThat(LimitText.window(Duration.ofSeconds(90))).isEqualTo("1 min 30 s");
        assertThat(LimitText.window(Duration.ofHours(1))).isEqualTo("1 h");
        assertThat(LimitText.window(Duration.ofMinutes(90))).isEqualTo("1 h 30 min");
        assertThat(LimitText.window(Duration.ofMillis(250))).isEqualTo("250 ms");
    }

    @Test
    void typedWindowsAndLimits() {
        assertThat(LimitText.parseWindow("60s")).isEqualTo(Duration.ofMinutes(1));
        assertThat(LimitText.parseWindow(" 10m ")).isEqualTo(Duration.ofMinutes(10));
        assertThat(LimitText.parseWindow("10 min")).isEqualTo(Duration.ofMinutes(10));
        assertThat(LimitText.parseWindow("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(LimitText.parseWindow("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(LimitText.parseWindow("45")).isEqualTo(Duration.ofSeconds(45));
        assertThatThrownBy(() -> LimitText.parseWindow("0s")).hasMessageContaining("longer than 0");
        assertThatThrownBy(() -> LimitText.parseWindow("soon")).hasMessageContaining("not a length of time");
        assertThat(LimitText.parseLimit("1,000")).isEqualTo(1000);
        assertThatThrownBy(() -> LimitText.parseLimit("0")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> LimitText.parseLimit("-3")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> LimitText.parseLimit("2.5")).hasMessageContaining("not a whole number");
    }
}
