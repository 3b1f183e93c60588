package org.forewarn.adapters.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;

/** The token bucket of each intake client, on a clock the test moves. */
class IntakeRateLimitTest {

    private static final long SECOND = 1_000_000_000L;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong now = new AtomicLong(123 * SECOND);

    @Test
    void aClientMaySendItsBurstAtOnceAndIsThenToldWhenToRetry() throws Exception {
        IntakeRateLimit limit = new IntakeRateLimit(2, 5, json, now::get);
        for (int i = 0; i < 5; i++) {
            assertThat(limit.preHandle(post("platform-a"), new MockHttpServletResponse(), null)).isTrue();
        }
        MockHttpServletResponse refused = new MockHttpServletResponse();

        assertThat(limit.preHandle(post("platform-a"), refused, null)).isFalse();
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getContentType()).isEqualTo("application/problem+json");
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1"); // half a second, rounded up
        JsonNode problem = json.readTree(refused.getContentAsString());
        assertThat(problem.path("status").asInt()).isEqualTo(429);
        assertThat(problem.path("title").asText()).isEqualTo("Too Many Requests");
        assertThat(problem.path("type").asText()).endsWith("/rate-limited");
    }

    @Test
    void oneClientOverItsLimitDoesNotSlowAnother() {
        IntakeRateLimit limit = new IntakeRateLimit(1, 3, json, now::get);
        for (int i = 0; i < 3; i++) {
            assertThat(limit.take("platform-a")).isZero();
        }
        assertThat(limit.take("platform-a")).isPositive();
        for (int i = 0; i < 3; i++) {
            assertThat(limit.take("platform-b")).isZero();
        }
    }

    @Test
    void theBucketRefillsAtTheRateButNeverBeyondTheBurst() {
        IntakeRateLimit limit = new IntakeRateLimit(4, 2, json, now::get);
        limit.take("a");
        limit.take("a");
        assertThat(limit.take("a")).isEqualTo(SECOND / 4);

        now.addAndGet(SECOND / 4);
        assertThat(limit.take("a")).isZero();
        assertThat(limit.take("a")).isPositive();

        now.addAndGet(3600 * SECOND); // an idle hour earns no more than the burst
        assertThat(limit.take("a")).isZero();
        assertThat(limit.take("a")).isZero();
        assertThat(limit.take("a")).isPositive();
    }

    @Test
    void retryAfterIsInWholeSecondsRoundedUp() throws Exception {
        IntakeRateLimit slow = new IntakeRateLimit(0.4, 1, json, now::get);
        slow.take("a");
        MockHttpServletResponse refused = new MockHttpServletResponse();

        slow.preHandle(post("a"), refused, null);

        assertThat(refused.getHeader("Retry-After")).isEqualTo("3"); // 2.5 s
    }

    @Test
    void onlyPostedCluesOfAuthenticatedClientsCount() throws Exception {
        IntakeRateLimit limit = new IntakeRateLimit(1, 1, json, now::get);
        MockHttpServletRequest get = new MockHttpServletRequest("GET", "/api/v1/clues");
        get.setUserPrincipal(new UsernamePasswordAuthenticationToken("a", null));
        for (int i = 0; i < 3; i++) {
            assertThat(limit.preHandle(get, new MockHttpServletResponse(), null)).isTrue();
            assertThat(limit.preHandle(new MockHttpServletRequest("POST", "/api/v1/clues"),
                    new MockHttpServletResponse(), null)).isTrue();
        }
        assertThat(limit.take("a")).isZero();
    }

    @Test
    void forgetsTheLeastRecentClientsBeyondItsBound() {
        IntakeRateLimit limit = new IntakeRateLimit(1, 1, json, now::get);
        limit.take("first");
        for (int i = 0; i < IntakeRateLimit.MAX_CLIENTS; i++) {
            limit.take("client-" + i);
        }
        assertThat(limit.take("first")).as("forgotten, so a full bucket again").isZero();
        assertThat(limit.take("client-" + (IntakeRateLimit.MAX_CLIENTS - 1))).isPositive();
    }

    @Test
    void refusesALimitThatCannotWork() {
        assertThatThrownBy(() -> new IntakeRateLimit(0, 10, json)).hasMessageContaining("per-second");
        assertThatThrownBy(() -> new IntakeRateLimit(Double.NaN, 10, json)).hasMessageContaining("per-second");
        assertThatThrownBy(() -> new IntakeRateLimit(5, 0, json)).hasMessageContaining("burst");
    }

    private static MockHttpServletRequest post(String client) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/clues");
        request.setUserPrincipal(new UsernamePasswordAuthenticationToken(client, null));
        return request;
    }
}
