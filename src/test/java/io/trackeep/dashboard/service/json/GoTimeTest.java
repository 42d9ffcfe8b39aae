package io.trackeep.dashboard.service.json;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GoTimeTest {

    @Test
    void formatsLikeGoRfc3339Nano() {
        assertThat(GoTime.format(OffsetDateTime.of(2026, 11, 27, 10, 0, 0, 123456789, ZoneOffset.ofHours(2))))
                .isEqualTo("2026-11-27T10:00:00.123456789+02:00");
        assertThat(GoTime.format(OffsetDateTime.of(2026, 11, 27, 10, 0, 0, 120_000_000, ZoneOffset.UTC)))
                .isEqualTo("2026-11-27T10:00:00.12Z");
        assertThat(GoTime.format(OffsetDateTime.of(2026, 11, 27, 10, 0, 0, 0, ZoneOffset.ofHoursMinutes(-5, -30))))
                .isEqualTo("2026-11-27T10:00:00-05:30");
    }

    @Test
    void parsesWhatGoWrites() {
        OffsetDateTime t = GoTime.parse("2026-11-27T10:00:00.123456789+02:00");
        assertThat(t.getNano()).isEqualTo(123456789);
        assertThat(t.getOffset()).isEqualTo(ZoneOffset.ofHours(2));
        assertThat(GoTime.parse("2026-11-27T10:00:00Z").getOffset()).isEqualTo(ZoneOffset.UTC);
        assertThat(GoTime.format(GoTime.parse("2026-11-27T10:00:00.5-07:00"))).isEqualTo("2026-11-27T10:00:00.5-07:00");
        assertThatThrownBy(() -> GoTime.parse("yesterday")).hasMessageContaining("RFC 3339");
    }
}
