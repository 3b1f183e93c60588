package org.forewarn.workflows.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.PublishMessageRequest;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.MessageStartEventSubscriptionIntent;
import io.camunda.zeebe.protocol.record.value.MessageStartEventSubscriptionRecordValue;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCallListener.SimpleForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;
import org.forewarn.bpmn.InProcessZeebe;
import org.forewarn.bpmn.Processes;
import org.forewarn.bpmn.Processes.Messages;
import org.forewarn.domain.AgeGroup;
import org.forewarn.domain.Clue;
import org.forewarn.domain.ClueChannel;
import org.forewarn.domain.ClueId;
import org.forewarn.domain.FraudCategory;
import org.forewarn.domain.PhoneNumber;
import org.forewarn.domain.RiskLevel;
import org.forewarn.domain.person.AtRiskPerson;
import org.forewarn.domain.person.api.OpenCase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bridge's processor takes the events that wait in batches; a batch's messages are in flight
 * together, one case's in their order, and the processor stores its position only once the
 * engine has answered every one. A batch in which one message fails is published again whole:
 * the engine drops what it has already, so every case still has exactly one process.
 */
class CaseProcessBridgeBatchesTest {

    private static final int CASES = 60;
    private static final int BATCH = 20;
    /** The person whose second clue raises the risk of the case its first opened. */
    private static final String RAISED = person(7);

    private final InProcessZeebe zeebe = InProcessZeebe.start(0);
    private final Calls calls = new Calls();
    private final CamundaClient client = CamundaClient.newClientBuilder()
            .grpcAddress(zeebe.grpcAddress())
            .preferRestOverGrpc(false)
            .applyEnvironmentVariableOverrides(false)
            .withInterceptors(calls)
            .build();
    private Configuration axon;

    @AfterEach
    void close() {
        if (axon != null) {
            axon.shutdown();
        }
        client.close();
        zeebe.close();
    }

    @Test
    void aBatchsMessagesAreInFlightTogetherAndEachCaseKeepsItsOrder() {
        handleAll();

        assertThat(processStarts()).as("one process per case").hasSize(CASES).allSatisfy((caseId, starts) ->
                assertThat(starts).as(caseId).isEqualTo(1));
        assertThat(calls.mostInFlight.get()).as("messages in flight at once").isGreaterThan(BATCH / 2);
        Call opened = calls.of(Messages.CASE_OPENED, caseOf(RAISED));
        Call raised = calls.of(Messages.RISK_RAISED, caseOf(RAISED));
        assertThat(raised.sent).as("the risk raised is sent once the case's opening is answered")
                .isAfterOrEqualTo(opened.answered);
        assertThat(calls.all).as("each message offered once").hasSize(CASES + 1)
                .allSatisfy(c -> assertThat(c.status).isEqualTo(Status.Code.OK));
    }

    @Test
    void aBatchWithAFailedMessageIsPublishedAgainWholeAndNoCaseHasTwoProcesses() {
        calls.failOnce = caseOf(person(CASES / 2));

        handleAll();

        assertThat(processStarts()).as("one process per case").hasSize(CASES).allSatisfy((caseId, starts) ->
                assertThat(starts).as(caseId).isEqualTo(1));
        assertThat(calls.failed.get()).as("the engine's answer that failed the batch").isEqualTo(1);
        long refused = calls.all.stream().filter(c -> c.status == Status.Code.ALREADY_EXISTS).count();
        assertThat(refused).as("the failed batch's other messages, offered again and dropped by the engine")
                .isBetween(1L, (long) BATCH);
        assertThat(calls.all.stream().filter(c -> c.status == Status.Code.OK).count())
                .as("each message published once").isEqualTo(CASES + 1);
    }

    /**
     * Opens the cases before the processor starts, so that their events wait and fill its batches,
     * and runs the bridge until its position has passed the last of them.
     */
    private void handleAll() {
        client.newDeployResourceCommand().addResourceFromClasspath(Processes.RESOURCES.get(0))
              .addResourceFromClasspath(Processes.RESOURCES.get(1)).addResourceFromClasspath(Processes.RESOURCES.get(2))
              .send().join();
        InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine();
        Configuration intake = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> storage)
                .configureAggregate(AtRiskPerson.class)
                .start();
        try {
            for (int i = 0; i < CASES; i++) {
                intake.commandGateway().sendAndWait(new OpenCase(person(i), caseOf(person(i)),
                        clue("clue-" + i, RiskLevel.MEDIUM), "intake"));
                if (person(i).equals(RAISED)) {
                    // merged into the case just opened: its message waits in the same batch
                    intake.commandGateway().sendAndWait(new OpenCase(RAISED, "case-unused",
                            clue("clue-raise", RiskLevel.HIGH), "intake"));
                }
            }
        } finally {
            intake.shutdown();
        }
        long last = storage.createHeadToken().position().orElseThrow();
        InMemoryTokenStore tokens = new InMemoryTokenStore();
        axon = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> storage)
                .registerComponent(org.axonframework.eventhandling.tokenstore.TokenStore.class, c -> tokens)
                .eventProcessing(processing -> processing
                        .registerTrackingEventProcessor(CaseProcessBridge.PROCESSING_GROUP,
                                Configuration::eventStore,
                                c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                        .andInitialTrackingToken(StreamableMessageSource::createTailToken)
                                        .andBatchSize(BATCH))
                        .registerEventHandler(c -> new CaseProcessBridge(client, Duration.ofMinutes(5)))
                        .registerListenerInvocationErrorHandler(CaseProcessBridge.PROCESSING_GROUP,
                                c -> PropagatingErrorHandler.instance()))
                .start();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
            var token = tokens.fetchToken(CaseProcessBridge.PROCESSING_GROUP, 0);
            return token != null && token.position().orElse(-1) >= last;
        });
    }

    /** Per case (correlation key), how often a message started its process. */
    private Map<String, Long> processStarts() {
        return StreamSupport.stream(zeebe.records().getRecords().spliterator(), false)
                .filter(r -> r.getValueType() == ValueType.MESSAGE_START_EVENT_SUBSCRIPTION
                        && r.getIntent() == MessageStartEventSubscriptionIntent.CORRELATED)
                .map(Record::getValue).map(MessageStartEventSubscriptionRecordValue.class::cast)
                .collect(Collectors.groupingBy(MessageStartEventSubscriptionRecordValue::getCorrelationKey,
                        Collectors.counting()));
    }

    private static Clue clue(String id, RiskLevel risk) {
        return new Clue(new ClueId(id), PhoneNumber.parse("victimNumber", "13800138000"), null,
                FraudCategory.IMPERSONATING_AUTHORITIES, risk, Instant.now(), ClueChannel.CALL, "test", AgeGroup.ADULT);
    }

    private static String person(int i) {
        return "p-%032d".formatted(i);
    }

    private static String caseOf(String person) {
        return "case-" + person;
    }

    /** One message offered to the engine: when it went out, when and how it was answered. */
    static final class Call {
        final String name;
        final String correlationKey;
        final Instant sent = Instant.now();
        volatile Instant answered;
        volatile Status.Code status;

        Call(String name, String correlationKey) {
            this.name = name;
            this.correlationKey = correlationKey;
        }
    }

    /**
     * Watches the client's publish calls at its edge: how many are in flight at once and how each
     * was answered; cuts the first publication for one correlation key before it reaches the
     * engine, as a gateway that went away would.
     */
    static final class Calls implements ClientInterceptor {
        final List<Call> all = new CopyOnWriteArrayList<>();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger mostInFlight = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        volatile String failOnce;
        private final Map<String, Boolean> failedFor = new ConcurrentHashMap<>();

        Call of(String name, String correlationKey) {
            return all.stream().filter(c -> c.name.equals(name) && c.correlationKey.equals(correlationKey))
                      .findFirst().orElseThrow();
        }

        @Override
        public <Q, A> ClientCall<Q, A> interceptCall(MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
            if (!method.getFullMethodName().endsWith("/PublishMessage")) {
                return next.newCall(method, options);
            }
            return new Watched<>(next.newCall(method, options));
        }

        /** A publish call that starts on the wire only once its request is known, or is refused before it. */
        private final class Watched<Q, A> extends ClientCall<Q, A> {
            private final ClientCall<Q, A> wire;
            private Listener<A> listener;
            private Metadata headers;
            private int requested;
            private Call call;
            private boolean refused;

            Watched(ClientCall<Q, A> wire) {
                this.wire = wire;
            }

            @Override
            public void start(Listener<A> responseListener, Metadata requestHeaders) {
                listener = responseListener;
                headers = requestHeaders;
            }

            @Override
            public void request(int messages) {
                if (call == null) {
                    requested += messages;
                } else if (!refused) {
                    wire.request(messages);
                }
            }

            @Override
            public void sendMessage(Q message) {
                PublishMessageRequest request = (PublishMessageRequest) message;
                Call sent = new Call(request.getName(), request.getCorrelationKey());
                call = sent;
                all.add(sent);
                mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                if (request.getCorrelationKey().equals(failOnce)
                        && failedFor.putIfAbsent(request.getCorrelationKey(), true) == null) {
                    refused = true;
                    failed.incrementAndGet();
                    answered(sent, Status.Code.UNAVAILABLE);
                    listener.onClose(Status.UNAVAILABLE.withDescription("the gateway went away"), new Metadata());
                    return;
                }
                wire.start(new SimpleForwardingClientCallListener<>(listener) {
                    @Override
                    public void onMessage(A response) {
                        answered(sent, Status.Code.OK);
                        super.onMessage(response);
                    }

                    @Override
                    public void onClose(Status status, Metadata trailers) {
                        answered(sent, status.getCode());
                        super.onClose(status, trailers);
                    }
                }, headers);
                if (requested > 0) {
                    wire.request(requested);
                }
                wire.sendMessage(message);
            }

            @Override
            public void halfClose() {
                if (call != null && !refused) {
                    wire.halfClose();
                }
            }

            @Override
            public void cancel(String message, Throwable cause) {
                if (call != null && !refused) {
                    wire.cancel(message, cause);
                }
            }

            private void answered(Call sent, Status.Code status) {
                if (sent.answered == null) {
                    sent.answered = Instant.now();
                    sent.status = status;
                    inFlight.decrementAndGet();
                }
            }
        }
    }
}
