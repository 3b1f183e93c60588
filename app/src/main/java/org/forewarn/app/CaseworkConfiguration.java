package org.forewarn.app;

import com.mongodb.client.MongoDatabase;
import io.camunda.client.CamundaClient;
import java.time.Clock;
import java.time.Duration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.forewarn.adapters.eventstore.EventStoreCaseContacts;
import org.forewarn.adapters.eventstore.PersonalDataKeys;
import org.forewarn.adapters.eventstore.PersonalDataShredder;
import org.forewarn.adapters.mongo.CaseProjection;
import org.forewarn.adapters.mongo.CaseReadModel;
import org.forewarn.adapters.mongo.SuspectProjection;
import org.forewarn.adapters.mongo.SuspectReadModel;
import org.forewarn.adapters.outbox.OutboxWarningSmsSender;
import org.forewarn.adapters.web.Casework;
import org.forewarn.adapters.web.ClueIntake;
import org.forewarn.domain.PersonIds;
import org.forewarn.domain.SuspectIds;
import org.forewarn.domain.person.AtRiskPerson;
import org.forewarn.domain.suspect.SuspectNumber;
import org.forewarn.workflows.bridge.CaseProcessBridge;
import org.forewarn.workflows.bridge.LadderRecovery;
import org.forewarn.adapters.web.ProcessRecovery;
import org.forewarn.workflows.policy.SuspectEvidencePolicy;
import org.forewarn.workflows.ports.CaseContacts;
import org.forewarn.workflows.ports.WarningSmsSender;
import org.forewarn.workflows.warning.SendWarningSmsWorker;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Composes the casework: intake, read models, the bridge to Zeebe, the workers and their ports. */
@Configuration(proxyBeanMethods = false)
public class CaseworkConfiguration {

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
    SuspectProjection suspectProjection(MongoDatabase readModels) {
        return new SuspectProjection(readModels);
    }

    @Bean
    PersonalDataShredder personalDataShredder(PersonalDataKeys keys) {
        return new PersonalDataShredder(keys);
    }

    @Bean
    Casework casework(CommandGateway commands, CaseReadModel cases, Clock clock) {
        return new Casework(commands, cases, clock);
    }

    @Bean
    CaseReadModel caseReadModel(MongoDatabase readModels) {
        return new CaseReadModel(readModels);
    }

    @Bean
    CaseProjection caseProjection(MongoDatabase readModels) {
        return new CaseProjection(readModels);
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

    @Bean
    CaseContacts caseContacts(EventStore eventStore) {
        return new EventStoreCaseContacts(eventStore);
    }

    @Bean
    WarningSmsSender warningSmsSender(MongoDatabase readModels, Clock clock) {
        return new OutboxWarningSmsSender(readModels, clock);
    }

    @Bean
    SendWarningSmsWorker sendWarningSmsWorker(CaseContacts contacts, WarningSmsSender sender,
                                              CommandGateway commands,
                                              @Value("${forewarn.workers.retries}") int retries) {
        return new SendWarningSmsWorker(contacts, sender, commands, retries);
    }

    /** The aggregates: the domain carries no Spring stereotype, so they are registered here. */
    @Bean
    ConfigurerModule aggregates() {
        return configurer -> configurer.configureAggregate(AtRiskPerson.class)
                                       .configureAggregate(SuspectNumber.class);
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
                .registerListenerInvocationErrorHandler(SuspectEvidencePolicy.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance()));
    }
}
