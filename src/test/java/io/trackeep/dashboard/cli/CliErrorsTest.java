package io.trackeep.dashboard.cli;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

class CliErrorsTest {

    /** `bench census` once ended with "error: null" and nothing else. */
    @Test
    void aFailureWithoutAMessageSaysWhatItIsAndHowToLearnMore() {
        assertThat(CliErrors.describe(new IllegalStateException()))
                .isEqualTo("unexpected failure (java.lang.IllegalStateException, no message); TRACKEEP_DEBUG=1 prints where it happened");
    }

    @Test
    void aWrappedFailureIsDescribedByItsCause() {
        assertThat(CliErrors.describe(new CompletionException(new IllegalArgumentException("bad count"))))
                .isEqualTo("bad count");
        assertThat(CliErrors.describe(new CompletionException(new ArithmeticException())))
                .startsWith("unexpected failure (java.lang.ArithmeticException, no message)");
    }

    @Test
    void aMessageIsShownAsItIs() {
        assertThat(CliErrors.describe(new IllegalArgumentException("--sessions must be positive"))).isEqualTo("--sessions must be positive");
    }
}
