package org.forewarn.app;

import io.camunda.client.api.worker.JobHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import org.forewarn.adapters.outbox.OutboxCarrierControl;
import org.forewarn.adapters.outbox.OutboxFamilySmsSender;
import org.forewarn.adapters.outbox.OutboxFlashWarningSender;
import org.forewarn.adapters.outbox.OutboxNoticeSmsSender;
import org.forewarn.adapters.outbox.OutboxPaymentControl;
import org.forewarn.adapters.outbox.OutboxWarningCaller;
import org.forewarn.bpmn.Processes.JobTypes;
import org.forewarn.workflows.countermeasure.ApplyCountermeasureWorker;
import org.forewarn.workflows.countermeasure.LiftCountermeasureWorker;
import org.forewarn.workflows.countermeasure.ProposeCountermeasureWorker;
import org.forewarn.workflows.countermeasure.SendCountermeasureNoticeWorker;
import org.forewarn.workflows.jobs.CaseJobWorker;
import org.forewarn.workflows.ladder.FlagOverdueWorker;
import org.forewarn.workflows.ladder.RequestHomeVisitWorker;
import org.forewarn.workflows.ladder.RungStartedWorker;
import org.forewarn.workflows.ladder.SendFamilySmsWorker;
import org.forewarn.workflows.ports.FamilySmsSender;
import org.forewarn.workflows.ports.CarrierControl;
import org.forewarn.workflows.ports.FlashWarningSender;
import org.forewarn.workflows.ports.NoticeSmsSender;
import org.forewarn.workflows.ports.PaymentControl;
import org.forewarn.workflows.ports.WarningCaller;
import org.forewarn.workflows.warning.PlaceAutomatedCallWorker;
import org.forewarn.workflows.warning.SendFlashWarningWorker;
import com.mongodb.client.MongoDatabase;
import io.camunda.client.CamundaClient;
import java.time.Clock;
import java.time.Duration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.forewarn.adapters.eventstore.EventStoreCaseContacts;
import org.forewarn.adapters.eventstore.PersonalDataKeys;
import org.forewarn.adapters.eventstore.PersonalDataShredder;
import org.forewarn.adapters.mongo.CallScriptProjection;
import org.forewarn.adapters.mongo.CaseProjection;
import org.forewarn.adapters.mongo.CaseReadModel;
import org.forewarn.adapters.mongo.SuspectProjection;
import org.forewarn.adapters.mongo.SuspectReadModel;
import org.forewarn.adapters.outbox.OutboxWarningSmsSender;
import org.forewarn.adapters.web.CallScriptController;
import org.forewarn.adapters.web.CaseQueueChanges;
import org.forewarn.adapters.web.Casework;
import org.forewarn.adapters.web.ClueIntake;
import org.forewarn.domain.PersonIds;
import org.forewarn.domain.SuspectIds;
import org.forewarn.domain.person.AtRiskPerson;
import org.forewarn.domain.script.CallScript;
import org.forewarn.domain.suspect.SuspectNumber;
import org.forewarn.workflows.bridge.CaseProcessBridge;
import org.forewarn.workflows.bridge.LadderRecovery;
import org.forewarn.adapters.web.ProcessRecovery;
import org.forewarn.workflows.policy.SuspectEvidencePolicy;
import org.forewarn.workflows.ports.CaseContacts;
import org.forewarn.workflows.ports.WarningSmsSender;
import org.forewarn.workflows.warning.SendWarningSmsWorker;
import java.util.EnumMap;
import javax.sql.DataSource;
import org.forewarn.workflows.warning.WarningTemplates;
import org.forewarn.workflows.warning.WarningTemplates.Kind;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.forewarn.adapters.channels.SendLedger;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Composes the casework: intake, read models, the bridge to Zeebe, the workers and their ports. */
@Configuration(proxyBeanMethods = false)
public class CaseworkConfiguration {

    /** The unit of work's resource that says its projection commit is registered already. */
    private static final String COMMIT_REGISTERED = "forewarn.projection-commit-registered";

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    PersonIds personIds(PersonIdKey key) {
        return new PersonIds(key.bytes());
    }

    @Bean
    ClueIntake clueIntake(CommandGateway commands, PersonIds personIds, Clock clock) {
        return new ClueIntake(commands, personIds, clock);
    }

    @Bean
    SuspectIds suspectIds(PersonIdKey key) {
        return new SuspectIds(key.bytes());
    }

    @Bean
    SuspectEvidencePolicy suspectEvidencePolicy(CommandGateway commands, SuspectIds suspectIds) {
        return new SuspectEvidencePolicy(commands, suspectIds);
    }

    @Bean
    SuspectReadModel suspectReadModel(MongoDatabase readModels) {
        return new SuspectReadModel(readModels);
    }

    @Bean
    SuspectProjection suspectProjection(ProjectionWrites writes) {
        return new SuspectProjection(writes.database());
    }

    @Bean
    PersonalDataShredder personalDataShredder(PersonalDataKeys keys) {
        return new PersonalDataShredder(keys);
    }

    @Bean
    Casework casework(CommandGateway commands, CaseReadModel cases, Clock clock,
                      @Value("${forewarn.console.claim-ttl}") Duration claimTtl) {
        return new Casework(commands, cases, clock, claimTtl);
    }

    /** The consoles' live queue: changes read from the read model, so every node's consoles hear of every change. */
    @Bean
    CaseQueueChanges caseQueueChanges(CaseReadModel cases, Clock clock,
                                      @Value("${forewarn.console.changes.poll-interval}") Duration interval,
                                      @Value("${forewarn.console.changes.overlap}") Duration overlap,
                                      @Value("${forewarn.console.changes.stream-timeout}") Duration timeout) {
        return new CaseQueueChanges(cases, clock, interval, overlap, timeout);
    }

    @Bean
    CaseReadModel caseReadModel(MongoDatabase readModels) {
        return new CaseReadModel(readModels);
    }

    @Bean
    CaseProjection caseProjection(ProjectionWrites writes, Clock clock) {
        return new CaseProjection(writes.database(), clock);
    }

    @Bean
    CallScriptProjection callScriptProjection(ProjectionWrites writes) {
        return new CallScriptProjection(writes.database());
    }

    @Bean
    CallScriptProjection.Scripts callScripts(MongoDatabase readModels) {
        return new CallScriptProjection.Scripts(readModels);
    }

    /** The operators' call scripts before their first edit: the configured texts. */
    @Bean
    CallScriptController.Defaults callScriptDefaults(WarningTemplates templates) {
        return templates::callScript;
    }

    @Bean
    CaseProcessBridge caseProcessBridge(CamundaClient zeebe,
                                        @Value("${forewarn.bridge.message-ttl}") Duration messageTimeToLive) {
        return new CaseProcessBridge(zeebe, messageTimeToLive);
    }

    @Bean
    LadderRecovery ladderRecovery(EventStore eventStore, CaseProcessBridge bridge) {
        return new LadderRecovery(eventStore, bridge);
    }

    @Bean
    ProcessRecovery processRecovery(CaseReadModel cases, LadderRecovery ladder) {
        return new ProcessRecovery(cases, ladder);
    }

    /** What was handed to providers without idempotency keys of their own (Twilio, the SMSC). */
    @Bean
    SendLedger sendLedger(DataSource dataSource, Clock clock) {
        return new SendLedger(dataSource, clock, SendLedger.DEFAULT_LEASE);
    }

    @Bean
    CaseContacts caseContacts(EventStore eventStore) {
        return new EventStoreCaseContacts(eventStore);
    }

    @Bean
    @ConditionalOnProperty(name = "forewarn.channels.sms", havingValue = "outbox", matchIfMissing = true)
    WarningSmsSender warningSmsSender(MongoDatabase readModels, Clock clock) {
        return new OutboxWarningSmsSender(readModels, clock);
    }

    /**
     * The warning texts per fraud category: the standard ones, with the centre's own from
     * {@code forewarn.texts.<warning-sms|flash-warning|call-script>.<CATEGORY>} in their place. A
     * text with a link or a number, or for an unknown category, stops the start.
     */
    @Bean
    WarningTemplates warningTemplates(Environment environment) {
        Binder binder = Binder.get(environment);
        Map<Kind, Map<String, String>> configured = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            binder.bind("forewarn.texts." + kind.configName(), Bindable.mapOf(String.class, String.class))
                  .ifBound(texts -> configured.put(kind, texts));
        }
        return WarningTemplates.withOverrides(configured);
    }

    @Bean
    SendWarningSmsWorker sendWarningSmsWorker(CaseContacts contacts, WarningSmsSender sender,
                                              CommandGateway commands, WarningTemplates templates,
                                              @Value("${forewarn.workers.retries}") int retries) {
        return new SendWarningSmsWorker(contacts, sender, commands, retries, templates);
    }

    @Bean
    @ConditionalOnProperty(name = "forewarn.channels.flash", havingValue = "outbox", matchIfMissing = true)
    FlashWarningSender flashWarningSender(MongoDatabase readModels, Clock clock) {
        return new OutboxFlashWarningSender(readModels, clock);
    }

    @Bean
    @ConditionalOnProperty(name = "forewarn.channels.call", havingValue = "outbox", matchIfMissing = true)
    WarningCaller warningCaller(MongoDatabase readModels, Clock clock) {
        return new OutboxWarningCaller(readModels, clock);
    }

    @Bean
    @ConditionalOnProperty(name = "forewarn.channels.sms", havingValue = "outbox", matchIfMissing = true)
    FamilySmsSender familySmsSender(MongoDatabase readModels, Clock clock) {
        return new OutboxFamilySmsSender(readModels, clock);
    }

    @Bean
    @ConditionalOnProperty(name = "forewarn.channels.sms", havingValue = "outbox", matchIfMissing = true)
    NoticeSmsSender noticeSmsSender(MongoDatabase readModels, Clock clock) {
        return new OutboxNoticeSmsSender(readModels, clock);
    }

    @Bean
    @ConditionalOnProperty(name = "forewarn.channels.carrier", havingValue = "outbox", matchIfMissing = true)
    CarrierControl carrierControl(MongoDatabase readModels, Clock clock) {
        return new OutboxCarrierControl(readModels, clock);
    }

    @Bean
    @ConditionalOnProperty(name = "forewarn.channels.payment", havingValue = "outbox", matchIfMissing = true)
    PaymentControl paymentControl(MongoDatabase readModels, Clock clock) {
        return new OutboxPaymentControl(readModels, clock);
    }

    /**
     * Every job worker of the ladder, by job type; {@link ZeebeRuntime} opens one Zeebe worker for
     * each. {@code retries} is the retry budget the models give their jobs, used for the back-off,
     * which starts at {@code firstBackoff} and doubles with each failure.
     */
    @Bean
    LadderWorkers ladderWorkers(CamundaClient zeebe, CaseContacts contacts, CommandGateway commands, Clock clock,
                                SendWarningSmsWorker sendWarningSms, FlashWarningSender flash, WarningCaller caller,
                                NoticeSmsSender notices, FamilySmsSender family, CarrierControl carrier,
                                PaymentControl payment, WarningTemplates templates,
                                @Value("${forewarn.countermeasures.term}") Duration term,
                                @Value("${forewarn.workers.retries}") int retries,
                                @Value("${forewarn.workers.first-backoff}") Duration firstBackoff) {
        Map<String, JobHandler> handlers = new LinkedHashMap<>();
        handlers.put(JobTypes.RUNG_STARTED, new RungStartedWorker(zeebe, commands, retries));
        handlers.put(JobTypes.SEND_WARNING_SMS, sendWarningSms);
        handlers.put(JobTypes.SEND_FLASH_WARNING, new SendFlashWarningWorker(contacts, flash, commands, retries,
                templates));
        handlers.put(JobTypes.PLACE_AUTOMATED_CALL, new PlaceAutomatedCallWorker(contacts, caller, commands, retries,
                templates));
        handlers.put(JobTypes.SEND_FAMILY_SMS, new SendFamilySmsWorker(contacts, family, commands, retries, templates));
        handlers.put(JobTypes.REQUEST_HOME_VISIT, new RequestHomeVisitWorker(commands, retries));
        handlers.put(JobTypes.PROPOSE_COUNTERMEASURE, new ProposeCountermeasureWorker(commands, retries));
        handlers.put(JobTypes.FLAG_OVERDUE, new FlagOverdueWorker(commands, clock, retries));
        handlers.put(JobTypes.APPLY_COUNTERMEASURE,
                new ApplyCountermeasureWorker(contacts, carrier, payment, commands, term, retries));
        handlers.put(JobTypes.LIFT_COUNTERMEASURE,
                new LiftCountermeasureWorker(contacts, carrier, payment, commands, clock, retries));
        handlers.put(JobTypes.SEND_COUNTERMEASURE_NOTICE,
                new SendCountermeasureNoticeWorker(contacts, notices, commands, retries));
        handlers.values().forEach(handler -> {
            if (handler instanceof CaseJobWorker worker) {
                worker.useFirstBackoff(firstBackoff);
            }
        });
        return new LadderWorkers(Map.copyOf(handlers));
    }

    /** The job handlers by job type. */
    public record LadderWorkers(Map<String, JobHandler> byType) {
        public LadderWorkers {
            if (!byType.keySet().equals(java.util.Set.copyOf(JobTypes.ALL))) {
                throw new IllegalStateException("job types without a worker, or workers without a job type: "
                        + byType.keySet() + " vs " + JobTypes.ALL);
            }
        }
    }

    /** The aggregates: the domain carries no Spring stereotype, so they are registered here. */
    @Bean
    ConfigurerModule aggregates() {
        return configurer -> configurer.configureAggregate(AtRiskPerson.class)
                                       .configureAggregate(SuspectNumber.class)
                                       .configureAggregate(CallScript.class);
    }

    /**
     * The projections' writes of an event made durable before their processor records that it
     * handled the event (in the unit of work's prepare-commit, before the token store's transaction
     * commits); only where the store commits on request ({@link ProjectionWrites#defersCommits()}).
     * If the commit fails, the unit of work rolls back and the processor retries the event.
     * A unit of work that handles a batch of events (the projections' processors take up to
     * {@code batch-size} events that wait, application.yml) commits once for the whole batch.
     */
    @Bean
    ConfigurerModule projectionsCommitBeforeProgress(ProjectionWrites writes) {
        MessageHandlerInterceptor<EventMessage<?>> commitFirst = (unitOfWork, chain) -> {
            unitOfWork.getOrComputeResource(COMMIT_REGISTERED, key -> {
                unitOfWork.onPrepareCommit(u -> writes.commit());
                return Boolean.TRUE;
            });
            return chain.proceed();
        };
        return configurer -> {
            if (writes.defersCommits()) {
                configurer.eventProcessing(processing -> processing
                        .registerHandlerInterceptor(CaseProjection.PROCESSING_GROUP, c -> commitFirst)
                        .registerHandlerInterceptor(SuspectProjection.PROCESSING_GROUP, c -> commitFirst)
                        .registerHandlerInterceptor(CallScriptProjection.PROCESSING_GROUP, c -> commitFirst));
            }
        };
    }

    /**
     * A handler that fails must not skip its event: the bridge would lose a process start and a
     * projection a row. Errors propagate, so the tracking processor backs off and retries.
     */
    @Bean
    ConfigurerModule failingHandlersRetry() {
        return configurer -> configurer.eventProcessing(processing -> processing
                // inside the appending transaction: a key that cannot be destroyed fails the erasure
                .registerSubscribingEventProcessor(PersonalDataShredder.PROCESSING_GROUP)
                .registerListenerInvocationErrorHandler(PersonalDataShredder.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance())
                .registerListenerInvocationErrorHandler(CaseProcessBridge.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance())
                .registerListenerInvocationErrorHandler(CaseProjection.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance())
                .registerListenerInvocationErrorHandler(SuspectProjection.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance())
                .registerListenerInvocationErrorHandler(CallScriptProjection.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance())
                .registerListenerInvocationErrorHandler(SuspectEvidencePolicy.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance()));
    }
}
