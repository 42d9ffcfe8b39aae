package io.trackeep.dashboard.ui.format;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class UnitsTest {

    private static final Locale EN = Locale.US;

    @Test
    void bytesUseBinaryUnitsWithThreeDigits() {
        assertThat(Units.bytes(0, EN)).isEqualTo("0 B");
        assertThat(Units.bytes(1023, EN)).isEqualTo("1023 B");
        assertThat(Units.bytes(1536, EN)).isEqualTo("1.50 KiB");
        assertThat(Units.bytes(12_900_000, EN)).isEqualTo("12.3 MiB");
        assertThat(Units.bytes(512L * 1024 * 1024 * 1024, EN)).isEqualTo("512 GiB");
        assertThat(Units.bytes(1536, Locale.GERMANY)).isEqualTo("1,50 KiB");
    }

    @Test
    void countsRatesAndPercentages() {
        assertThat(Units.count(1_234_567, EN)).isEqualTo("1,234,567");
        assertThat(Units.compact(999, EN)).isEqualTo("999");
        assertThat(Units.compact(12_345, EN)).isEqualTo("12.3 k");
        assertThat(Units.compact(1_200_000, EN)).isEqualTo("1.20 M");
        assertThat(Units.perSecond(12.5, "msg", EN)).isEqualTo("12.5 msg/s");
        assertThat(Units.perSecond(50_000, "msg", EN)).isEqualTo("50,000 msg/s");
        assertThat(Units.percent(0.875, EN)).isEqualTo("87.5%");
        assertThat(Units.percent(1, EN)).isEqualTo("100%");
        assertThat(Units.percent(Double.NaN, EN)).isEqualTo("–");
    }

    @Test
    void latenciesAndDurations() {
        assertThat(Units.latency(Duration.ofNanos(420_000), EN)).isEqualTo("0.42 ms");
        assertThat(Units.latency(Duration.ofMillis(12), EN)).isEqualTo("12.0 ms");
        assertThat(Units.latency(Duration.ofMillis(1200), EN)).isEqualTo("1.20 s");
        assertThat(Units.duration(Duration.ZERO, EN)).isEqualTo("0 s");
        assertThat(Units.duration(Duration.ofMillis(400), EN)).isEqualTo("0.4 s");
        assertThat(Units.duration(Duration.ofSeconds(45), EN)).isEqualTo("45 s");
        assertThat(Units.duration(Duration.ofSeconds(252), EN)).isEqualTo("4 min 12 s");
        assertThat(Units.duration(Duration.ofMinutes(125), EN)).isEqualTo("2 h 5 min");
        assertThat(Units.duration(Duration.ofHours(76), EN)).isEqualTo("3 d 4 h");
        assertThat(Units.duration(Duration.ofHours(24), EN)).isEqualTo("1 d");
        assertThat(Units.ttl(-1)).isEqualTo("no expiry");
        assertThat(Units.ttl(-2)).isEqualTo("expired");
    }

    @Test
    void timesAreShownInTheGivenZone() {
        Instant t = Instant.parse("2026-11-27T13:03:22Z");
        assertThat(Times.time(t, ZoneId.of("Europe/Berlin"), Locale.GERMANY)).isEqualTo("14:03:22");
        assertThat(Times.time(t, ZoneId.of("America/New_York"), EN)).isEqualTo("8:03:22 AM");
        assertThat(Times.zoneLabel(ZoneId.of("Europe/Berlin"), t)).isEqualTo("Europe/Berlin (UTC+01:00)");
        assertThat(Times.zoneLabel(ZoneId.of("Etc/UTC"), t)).isEqualTo("UTC");
        assertThat(Times.relative(t.minusSeconds(12), t)).isEqualTo("12 s ago");
        assertThat(Times.relative(t.minusSeconds(200), t)).isEqualTo("3 min ago");
        assertThat(Times.relative(t.plusSeconds(300), t)).isEqualTo("in 5 min");
        assertThat(Times.relative(t, t)).isEqualTo("just now");
    }
}
