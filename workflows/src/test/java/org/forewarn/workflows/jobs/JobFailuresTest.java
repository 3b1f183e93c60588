package org.forewarn.workflows.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.forewarn.workflows.ports.CounterpartRefused;
import org.forewarn.workflows.ports.CounterpartUnavailable;
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

    @Test
    void configuredFirstBackoffStartsTheDoublingAndACounterpartsWaitStillWins() {
        Duration first = Duration.ofMillis(200);

        assertThat(JobFailures.backoff(first, 5, 5)).isEqualTo(Duration.ofMillis(200));
        assertThat(JobFailures.backoff(first, 5, 2)).isEqualTo(Duration.ofMillis(1600));
        assertThat(JobFailures.backoff(first, 5, 5, new CounterpartUnavailable("HTTP 429", Duration.ofSeconds(1), null)))
                .isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void firstBackoffMustBePositiveAndNoLongerThanTheCap() {
        assertThat(JobFailures.requireValidFirstBackoff(Duration.ofMillis(1))).isEqualTo(Duration.ofMillis(1));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JobFailures.requireValidFirstBackoff(Duration.ZERO))
                .hasMessageContaining("forewarn.workers.first-backoff");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> JobFailures.requireValidFirstBackoff(Duration.ofMinutes(6)))
                .hasMessageContaining("forewarn.workers.first-backoff");
    }

    @Test
    void counterpartAskingToWaitIsWaitedForWhenThatIsLongerThanTheBackoff() {
        CounterpartUnavailable tooMany = new CounterpartUnavailable("HTTP 429", Duration.ofSeconds(30), null);

        assertThat(JobFailures.backoff(5, 5, tooMany)).isEqualTo(Duration.ofSeconds(30));
        assertThat(JobFailures.backoff(5, 1, tooMany)).as("back-off already longer").isEqualTo(Duration.ofSeconds(32));
        assertThat(JobFailures.backoff(5, 5, new CounterpartUnavailable("HTTP 429", Duration.ofHours(2), null)))
                .as("capped").isEqualTo(Duration.ofMinutes(5));
        assertThat(JobFailures.backoff(5, 5, new IllegalStateException("x"))).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void refusalForGoodLeavesNoRetryEvenWhenWrapped() {
        assertThat(JobFailures.refusedForGood(new RuntimeException(new CounterpartRefused("HTTP 400")))).isTrue();
        assertThat(JobFailures.refusedForGood(new CounterpartUnavailable("HTTP 503"))).isFalse();
        assertThat(JobFailures.refusedForGood(new IllegalStateException("down"))).isFalse();
    }
}
