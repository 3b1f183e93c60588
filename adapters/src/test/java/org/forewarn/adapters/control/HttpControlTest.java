package org.forewarn.adapters.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.forewarn.adapters.carrier.HttpCarrierControl;
import org.forewarn.adapters.payment.HttpPaymentControl;
import org.forewarn.domain.PhoneNumber;
import org.forewarn.workflows.ports.ControlReceipt;
import org.forewarn.workflows.ports.CounterpartRefused;
import org.forewarn.workflows.ports.CounterpartUnavailable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The carrier and payment adapters against the control simulator run as a real process: every
 * action, idempotency, how each kind of answer becomes a receipt or a failure, and the
 * simulator's check of our signature and timestamp.
 */
class HttpControlTest {

    private static final String SECRET = "test-secret-0123456789-abcdefghijklmnop";
    private static final String CARRIER = "Test Mobile";
    private static final String BANK = "Test Payments";
    private static final AtomicInteger NUMBERS = new AtomicInteger();

    private static ControlSimulatorProcess simulator;
    private static HttpCarrierControl carrier;
    private static HttpPaymentControl payment;

    @BeforeAll
    static void start() {
        simulator = ControlSimulatorProcess.start(SECRET);
        carrier = new HttpCarrierControl(endpoint(simulator.carrierBaseUrl(), SECRET, CARRIER, Duration.ofSeconds(5)),
                Clock.systemUTC());
        payment = new HttpPaymentControl(endpoint(simulator.paymentBaseUrl(), SECRET, BANK, Duration.ofSeconds(5)),
                Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        carrier.close();
        payment.close();
        simulator.close();
    }

    @AfterEach
    void noFaultLeftOver() {
        simulator.clearFaults();
    }

    @Test
    void everyCarrierActionChangesTheLineAndAnswersWithTheCarriersReceipt() {
        PhoneNumber number = newNumber();
        Instant before = Instant.now().minusSeconds(1);

        ControlReceipt cancelled = carrier.cancelForwarding(key("fwd"), number);
        ControlReceipt suspended = carrier.suspendService(key("suspend"), number);
        ControlReceipt cut = carrier.cutData(key("cut"), number);
        assertThat(line(number)).isEqualTo(
                json("{\"dataCut\":true,\"forwardingCancelled\":true,\"serviceSuspended\":true}"));
        ControlReceipt restored = carrier.restoreService(key("restore"), number);
        ControlReceipt dataBack = carrier.restoreData(key("data"), number);
        assertThat(line(number)).isEqualTo(
                json("{\"dataCut\":false,\"forwardingCancelled\":true,\"serviceSuspended\":false}"));

        Instant after = Instant.now().plusSeconds(1);
        for (ControlReceipt receipt : new ControlReceipt[] {cancelled, suspended, cut, restored, dataBack}) {
            assertThat(receipt.provider()).isEqualTo(CARRIER);
            assertThat(receipt.reference()).startsWith("CO-");
            assertThat(receipt.at()).isBetween(before, after);
        }
        assertThat(ordersOf(number)).extracting(o -> o.path("action").asText() + "=" + o.path("orderId").asText())
                .containsExactly("CANCEL_FORWARDING=" + cancelled.reference(), "SUSPEND_SERVICE=" + suspended.reference(),
                        "CUT_DATA=" + cut.reference(), "RESTORE_SERVICE=" + restored.reference(),
                        "RESTORE_DATA=" + dataBack.reference());
    }

    @Test
    void everyPaymentActionChangesTheAccountsAndAnswersWithThePaymentSidesReceipt() {
        PhoneNumber number = newNumber();
        Instant before = Instant.now().minusSeconds(1);

        ControlReceipt restricted = payment.restrictTransfers(key("restrict"), number);
        assertThat(account(number).path("transfersRestricted").asBoolean()).isTrue();
        ControlReceipt lifted = payment.liftTransferRestriction(key("lift"), number);
        assertThat(account(number).path("transfersRestricted").asBoolean()).isFalse();

        for (ControlReceipt receipt : new ControlReceipt[] {restricted, lifted}) {
            assertThat(receipt.provider()).isEqualTo(BANK);
            assertThat(receipt.reference()).startsWith("PO-");
            assertThat(receipt.at()).isBetween(before, Instant.now().plusSeconds(1));
        }
        assertThat(restricted.reference()).isNotEqualTo(lifted.reference());
        assertThat(simulator.state().path("lines").has(number.e164())).isFalse();
    }

    @Test
    void sameIdempotencyKeyActsOnce() {
        PhoneNumber number = newNumber();
        String key = key("apply");

        ControlReceipt first = payment.restrictTransfers(key, number);
        ControlReceipt again = payment.restrictTransfers(key, number);

        assertThat(again).isEqualTo(first);
        assertThat(simulator.ordersWithKey(key)).singleElement()
                .satisfies(order -> assertThat(order.path("replays").asInt()).isEqualTo(1));
    }

    @Test
    void sameIdempotencyKeyForAnotherActionIsRefusedAndChangesNothing() {
        PhoneNumber number = newNumber();
        String key = key("apply");
        carrier.cutData(key, number);

        CounterpartRefused refused = catchThrowableOfType(CounterpartRefused.class,
                () -> carrier.restoreData(key, number));

        assertThat(refused).hasMessage(CARRIER + " RESTORE_DATA order " + key + " answered 422 Unprocessable Content");
        assertThat(line(number).path("dataCut").asBoolean()).isTrue();
        assertThat(simulator.ordersWithKey(key)).singleElement()
                .satisfies(order -> assertThat(order.path("action").asText()).isEqualTo("CUT_DATA"));
    }

    @Test
    void badRequestIsRefusedForGoodWithItsStatusAndTitleButNotTheNumber() {
        PhoneNumber number = newNumber();
        String key = key("apply");
        simulator.fault("{\"side\":\"carrier\",\"status\":400}");

        CounterpartRefused refused = catchThrowableOfType(CounterpartRefused.class,
                () -> carrier.suspendService(key, number));

        assertThat(refused).hasMessage(CARRIER + " SUSPEND_SERVICE order " + key + " answered 400 Bad Request");
        assertNoNumberIn(refused, number);
        assertThat(simulator.ordersWithKey(key)).isEmpty();
    }

    @Test
    void unknownLineIsRefusedForGood() {
        PhoneNumber number = newNumber();
        simulator.fault("{\"side\":\"carrier\",\"status\":404}");

        assertThatThrownBy(() -> carrier.cancelForwarding(key("apply"), number))
                .isInstanceOf(CounterpartRefused.class)
                .hasMessageEndingWith("answered 404 Not Found");
    }

    @Test
    void unavailableCounterpartAsksUsToWaitAndTheSameOrderLaterActsOnce() {
        PhoneNumber number = newNumber();
        String key = key("apply");
        simulator.fault("{\"side\":\"payment\",\"status\":503,\"retryAfter\":\"7\"}");

        CounterpartUnavailable unavailable = catchThrowableOfType(CounterpartUnavailable.class,
                () -> payment.restrictTransfers(key, number));

        assertThat(unavailable).hasMessage(BANK + " RESTRICT_TRANSFERS order " + key
                + " answered 503 Service Unavailable");
        assertThat(unavailable.retryAfter()).contains(Duration.ofSeconds(7));
        assertNoNumberIn(unavailable, number);
        assertThat(simulator.ordersWithKey(key)).isEmpty();

        ControlReceipt receipt = payment.restrictTransfers(key, number);
        assertThat(simulator.ordersWithKey(key)).singleElement()
                .satisfies(order -> assertThat(order.path("orderId").asText()).isEqualTo(receipt.reference()));
    }

    @Test
    void serverErrorWithoutRetryAfterIsUnavailableWithoutAWait() {
        simulator.fault("{\"side\":\"carrier\",\"status\":500}");

        CounterpartUnavailable unavailable = catchThrowableOfType(CounterpartUnavailable.class,
                () -> carrier.cutData(key("apply"), newNumber()));

        assertThat(unavailable.retryAfter()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 409, 429, 500, 502, 503, 504})
    void answerThatMayChangeLaterIsUnavailable(int status) {
        simulator.fault("{\"side\":\"carrier\",\"status\":" + status + "}");

        assertThatThrownBy(() -> carrier.cutData(key("apply"), newNumber()))
                .isInstanceOf(CounterpartUnavailable.class)
                .hasMessageContaining("answered " + status + " ");
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 405, 413, 415, 422})
    void answerThatWillNotChangeIsRefusedForGood(int status) {
        simulator.fault("{\"side\":\"payment\",\"status\":" + status + "}");

        assertThatThrownBy(() -> payment.restrictTransfers(key("apply"), newNumber()))
                .isInstanceOf(CounterpartRefused.class)
                .hasMessageContaining("answered " + status);
    }

    @Test
    void tooManyRequestsIsUnavailableForTheTimeItsHttpDateNames() {
        String in30s = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(30));
        simulator.fault("{\"side\":\"carrier\",\"status\":429,\"retryAfter\":\"" + in30s + "\"}");

        CounterpartUnavailable unavailable = catchThrowableOfType(CounterpartUnavailable.class,
                () -> carrier.cancelForwarding(key("apply"), newNumber()));

        assertThat(unavailable).hasMessageEndingWith("answered 429 Too Many Requests");
        assertThat(unavailable.retryAfter()).hasValueSatisfying(wait ->
                assertThat(wait).isBetween(Duration.ofSeconds(25), Duration.ofSeconds(31)));
    }

    @Test
    void orderWithoutAnAnswerInTimeIsUnavailableAndItsRetryActsOnce() {
        PhoneNumber number = newNumber();
        String key = key("apply");
        // the simulator acts on the order after the client gave up waiting, as a slow carrier would
        simulator.fault("{\"side\":\"carrier\",\"delayMillis\":1500}");
        try (HttpCarrierControl impatient = new HttpCarrierControl(
                endpoint(simulator.carrierBaseUrl(), SECRET, CARRIER, Duration.ofMillis(300)), Clock.systemUTC())) {
            CounterpartUnavailable unavailable = catchThrowableOfType(CounterpartUnavailable.class,
                    () -> impatient.suspendService(key, number));
            assertThat(unavailable).hasMessage(CARRIER + " SUSPEND_SERVICE order " + key + " got no answer within PT0.3S");
            assertNoNumberIn(unavailable, number);
        }

        ControlReceipt receipt = carrier.suspendService(key, number);

        // the late first request, once worked on, found the order and only answered it again
        JsonNode order = await().atMost(Duration.ofSeconds(10)).until(() -> simulator.ordersWithKey(key),
                orders -> orders.size() == 1 && orders.get(0).path("replays").asInt() == 1).get(0);
        assertThat(order.path("orderId").asText()).isEqualTo(receipt.reference());
        assertThat(line(number).path("serviceSuspended").asBoolean()).isTrue();
    }

    @Test
    void counterpartThatCannotBeReachedIsUnavailable() {
        int closedPort = closedLoopbackPort();
        try (HttpPaymentControl nowhere = new HttpPaymentControl(endpoint(
                URI.create("http://127.0.0.1:" + closedPort + "/payment"), SECRET, BANK, Duration.ofSeconds(2)),
                Clock.systemUTC())) {
            assertThatThrownBy(() -> nowhere.restrictTransfers(key("apply"), newNumber()))
                    .isInstanceOf(CounterpartUnavailable.class)
                    .hasMessageEndingWith("could not connect");
        }
    }

    @Test
    void wrongSecretIsRefusedAsUnauthenticatedAndChangesNothing() {
        PhoneNumber number = newNumber();
        String key = key("apply");
        int refusedBefore = simulator.state().path("refusals").path("401").asInt();
        try (HttpCarrierControl impostor = new HttpCarrierControl(endpoint(simulator.carrierBaseUrl(),
                "not-the-secret-0123456789-abcdefghijkl", CARRIER, Duration.ofSeconds(5)), Clock.systemUTC())) {

            CounterpartRefused refused = catchThrowableOfType(CounterpartRefused.class,
                    () -> impostor.cutData(key, number));

            assertThat(refused).hasMessage(CARRIER + " CUT_DATA order " + key + " answered 401 Unauthorized");
            assertNoNumberIn(refused, number);
        }
        JsonNode state = simulator.state();
        assertThat(state.path("refusals").path("401").asInt()).isEqualTo(refusedBefore + 1);
        assertThat(state.path("lines").has(number.e164())).isFalse();
        assertThat(simulator.ordersWithKey(key)).isEmpty();
    }

    @Test
    void requestStampedOutsideTheClockWindowIsRefusedAsUnauthenticated() {
        PhoneNumber number = newNumber();
        String key = key("apply");
        Clock tenMinutesSlow = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10));
        try (HttpPaymentControl late = new HttpPaymentControl(
                endpoint(simulator.paymentBaseUrl(), SECRET, BANK, Duration.ofSeconds(5)), tenMinutesSlow)) {

            assertThatThrownBy(() -> late.restrictTransfers(key, number))
                    .isInstanceOf(CounterpartRefused.class)
                    .hasMessageEndingWith("answered 401 Unauthorized");
        }
        assertThat(simulator.state().path("accounts").has(number.e164())).isFalse();
    }

    @Test
    void capturedRequestReplayedWithAnotherBodyIsRefusedAsUnauthenticated() {
        PhoneNumber number = newNumber();
        String key = key("apply");
        long now = Instant.now().getEpochSecond();
        byte[] signedBody = body("CUT_DATA", "+8613800000000");
        byte[] swappedBody = body("CUT_DATA", number.e164());
        String signature = new RequestSignature(SECRET).sign("POST", "/carrier/v1/orders", now, key, signedBody);

        HttpResponse<String> swapped = simulator.send(signed(key, now, signature, swappedBody));
        HttpResponse<String> genuine = simulator.send(signed(key, now, signature, signedBody));

        assertThat(swapped.statusCode()).isEqualTo(401);
        assertThat(swapped.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(swapped.body()).doesNotContain(number.e164());
        assertThat(simulator.state().path("lines").has(number.e164())).isFalse();
        // the same request unaltered is authentic: the signature scheme is ours and the simulator's alike
        assertThat(genuine.statusCode()).isEqualTo(201);
    }

    @Test
    void signatureOfTheExamplePublishedInTheOpenApiFilesIsTheOneWeCompute() {
        RequestSignature example = new RequestSignature("example-secret-do-not-use-0123456789");
        byte[] carrierBody = ("{\"action\":\"CUT_DATA\",\"msisdn\":\"+8613800138000\","
                + "\"requestedAt\":\"2026-12-01T10:00:00.000Z\"}").getBytes(StandardCharsets.UTF_8);
        byte[] paymentBody = ("{\"action\":\"RESTRICT_TRANSFERS\",\"msisdn\":\"+8613800138000\","
                + "\"requestedAt\":\"2026-12-01T10:00:00.000Z\"}").getBytes(StandardCharsets.UTF_8);

        assertThat(RequestSignature.canonical("POST", "/forewarn/v1/orders", 1796119200L, "cm-3f2a9c1e:apply",
                carrierBody)).isEqualTo("FOREWARN-HMAC-SHA256\nPOST\n/forewarn/v1/orders\n1796119200\n"
                + "cm-3f2a9c1e:apply\n8275f5c079eedf046e20f6881ded9567c8445a5ee66626d908a12962af3983c2");
        assertThat(example.sign("POST", "/forewarn/v1/orders", 1796119200L, "cm-3f2a9c1e:apply", carrierBody))
                .isEqualTo("7IUvmtLknu8RHtlKOK/fvTkX3NNPM2GlAsRujhpZuiM=");
        assertThat(example.sign("POST", "/forewarn/v1/orders", 1796119200L, "cm-3f2a9c1e:apply", paymentBody))
                .isEqualTo("s0wXxKwtXG3mEIgHiC8qGD2f0UVbyRb+NG8zlxQwrPY=");
    }

    @Test
    void endpointRefusesPlainHttpToARemoteHostAndNeverShowsItsSecret() {
        assertThatThrownBy(() -> endpoint(URI.create("http://control.carrier.example/forewarn"), SECRET, CARRIER,
                Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("https://");
        assertThatThrownBy(() -> endpoint(URI.create("https://control.carrier.example"), "short", CARRIER,
                Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the secret must be at least 32 bytes");
        assertThat(endpoint(URI.create("https://control.carrier.example/"), SECRET, CARRIER, Duration.ofSeconds(5)))
                .satisfies(e -> assertThat(e.toString()).doesNotContain(SECRET))
                .satisfies(e -> assertThat(e.orders()).isEqualTo(URI.create("https://control.carrier.example/v1/orders")));
    }

    @Test
    void retryAfterIsReadAsSecondsOrAnHttpDateAndIgnoredOtherwise() {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        assertThat(RetryAfter.parse("120", now)).contains(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse("Tue, 01 Dec 2026 10:00:45 GMT", now)).contains(Duration.ofSeconds(45));
        assertThat(RetryAfter.parse("Tue, 01 Dec 2026 09:00:00 GMT", now)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", now)).isEmpty();
        assertThat(RetryAfter.parse("-5", now)).isEmpty();
        assertThat(RetryAfter.parse(null, now)).isEmpty();
    }

    // ---- helpers ----

    private static ControlEndpoint endpoint(URI base, String secret, String provider, Duration timeout) {
        return new ControlEndpoint(base, ControlSimulatorProcess.KEY_ID, secret, Duration.ofSeconds(2), timeout,
                provider);
    }

    private static PhoneNumber newNumber() {
        return new PhoneNumber(String.format("+8613900%06d", NUMBERS.incrementAndGet()));
    }

    private static String key(String action) {
        return "cm-" + UUID.randomUUID() + ":" + action;
    }

    private static JsonNode line(PhoneNumber number) {
        return simulator.state().path("lines").path(number.e164());
    }

    private static JsonNode account(PhoneNumber number) {
        return simulator.state().path("accounts").path(number.e164());
    }

    private static List<JsonNode> ordersOf(PhoneNumber number) {
        List<JsonNode> orders = new ArrayList<>();
        simulator.state().path("orders").forEach(o -> {
            if (o.path("msisdn").asText().equals(number.e164())) {
                orders.add(o);
            }
        });
        return orders;
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] body(String action, String msisdn) {
        return ("{\"action\":\"" + action + "\",\"msisdn\":\"" + msisdn + "\",\"requestedAt\":\"" + Instant.now()
                + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static HttpRequest.Builder signed(String key, long timestamp, String signature, byte[] body) {
        return HttpRequest.newBuilder(simulator.carrierBaseUrl().resolve("/carrier/v1/orders"))
                          .header("Content-Type", "application/json")
                          .header("Idempotency-Key", key)
                          .header("X-Forewarn-Key-Id", ControlSimulatorProcess.KEY_ID)
                          .header("X-Forewarn-Timestamp", Long.toString(timestamp))
                          .header("X-Forewarn-Signature", signature)
                          .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private static void assertNoNumberIn(Throwable failure, PhoneNumber number) {
        String national = number.e164().substring(3);
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(national).doesNotContain(number.masked());
        }
    }

    /** A loopback port that nothing listens on. */
    private static int closedLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
