package org.forewarn.domain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The domain holds the rules only: no framework but Axon's modelling may reach into it. */
@AnalyzeClasses(packages = "org.forewarn.domain", importOptions = ImportOption.DoNotIncludeTests.class)
class DomainLayeringTest {

    @ArchTest
    static final ArchRule domainUsesNoSpringZeebeTwilioOrMongo = noClasses()
            .that().resideInAPackage("org.forewarn.domain..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..", "io.camunda..", "io.zeebe..", "com.twilio..",
                    "com.mongodb..", "org.bson..", "jakarta.persistence..", "com.fasterxml.jackson..")
            .because("the domain must stay free of frameworks other than Axon (DESIGN.md)");

    @ArchTest
    static final ArchRule domainUsesOnlyAxonModelling = noClasses()
            .that().resideInAPackage("org.forewarn.domain..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.axonframework.config..", "org.axonframework.spring..",
                    "org.axonframework.eventsourcing.eventstore..", "org.axonframework.springboot..")
            .because("aggregates know Axon's modelling and messaging, not its wiring or storage");
}
