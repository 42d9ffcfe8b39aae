package io.trackeep.dashboard.service.redis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReplyNumbersTest {

    @Test
    void aWholeNumberIsReadAndAnythingElseIsUnknown() {
        assertThat(ReplyNumbers.longOrNull("12345678901")).isEqualTo(12_345_678_901L);
        assertThat(ReplyNumbers.longOrNull(" -3\r")).isEqualTo(-3L);
        assertThat(ReplyNumbers.longOrNull(null)).isNull();
        assertThat(ReplyNumbers.longOrNull("")).isNull();
        assertThat(ReplyNumbers.longOrNull("1.5")).isNull();
        assertThat(ReplyNumbers.longOrNull("99999999999999999999")).isNull();
    }

    @Test
    void anIntThatDoesNotFitIsUnknownRatherThanCut() {
        assertThat(ReplyNumbers.intOrNull("16384")).isEqualTo(16_384);
        assertThat(ReplyNumbers.intOrNull("2147483648")).isNull();
        assertThat(ReplyNumbers.intOrNull("-2147483649")).isNull();
        assertThat(ReplyNumbers.intOrNull("x")).isNull();
    }
}
