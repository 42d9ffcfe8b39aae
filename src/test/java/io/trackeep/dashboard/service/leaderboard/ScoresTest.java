package io.trackeep.dashboard.service.leaderboard;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScoresTest {

    @Test
    void wholeScoresAreWrittenWithoutAFraction() {
        assertThat(Scores.format(100.0)).isEqualTo("100");
        assertThat(Scores.format(-3.0)).isEqualTo("-3");
        assertThat(Scores.format(0.5)).isEqualTo("0.5");
        assertThat(Scores.format(1e20)).isEqualTo("1.0E20");
        assertThatThrownBy(() -> Scores.format(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void redisInfinitiesAreRead() {
        assertThat(Scores.parse("inf")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Scores.parse("-inf")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Scores.parse("0.30000000000000004")).isEqualTo(0.1 + 0.2);
    }

    @Test
    void onlyCanonicalDecimalsAreUserIds() {
        assertThat(Scores.canonicalDecimal("42")).hasValue(42);
        assertThat(Scores.canonicalDecimal("-1")).hasValue(-1);
        assertThat(Scores.canonicalDecimal("042")).isEmpty();
        assertThat(Scores.canonicalDecimal("+42")).isEmpty();
        assertThat(Scores.canonicalDecimal("bob")).isEmpty();
        assertThat(Scores.canonicalDecimal("99999999999999999999")).isEmpty();
    }
}
