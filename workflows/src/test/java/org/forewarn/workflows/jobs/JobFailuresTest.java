package org.forewarn.workflows.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class JobFailuresTest {

    @Test
    void failureIsTheExceptionsClassAndMessage() {
        assertThat(JobFailures.describe(new IllegalStateException("gateway down")))
                .isEqualTo("IllegalStateException: gateway down");
    }

    @Test
    void numberEchoedByACounterpartIsBlankedOut() {
        String described = JobFailures.describe(new IllegalArgumentException(
                "The 'To' number +8613800138000 (13800138000) is not reachable, code 21211"));

        assertThat(described).doesNotContain("13800138000")
                .isEqualTo("IllegalArgumentException: The 'To' number [digits] ([digits]) is not reachable, code 21211");
    }

    @Test
    void failureIsCutToFiveHundredCharacters() {
        assertThat(JobFailures.describe(new RuntimeException("x".repeat(1000)))).hasSize(500);
    }

    @Test
    void backoffDoublesWithEachFailureUpToItsCap() {
        assertThat(JobFailures.backoff(5, 5)).isEqualTo(Duration.ofSeconds(2));
        assertThat(JobFailures.backoff(5, 4)).isEqualTo(Duration.ofSeconds(4));
        assertThat(JobFailures.backoff(5, 3)).isEqualTo(Duration.ofSeconds(8));
        assertThat(JobFailures.backoff(100, 0)).isEqualTo(Duration.ofMinutes(5));
    }
}
