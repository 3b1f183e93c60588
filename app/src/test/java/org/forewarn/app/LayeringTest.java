package org.forewarn.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The layers of STYLE.md, checked across the modules as the application assembles them. */
@AnalyzeClasses(packages = "org.forewarn", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    @ArchTest
    static final ArchRule domainKnowsNoFramework = noClasses()
            .that().resideInAPackage("org.forewarn.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "io.camunda..",
                    "com.twilio..", "com.mongodb..", "org.bson..", "org.forewarn.workflows..",
                    "org.forewarn.adapters..", "org.forewarn.app..");

    @ArchTest
    static final ArchRule workflowsKnowNoAdapterAndNoSpring = noClasses()
            .that().resideInAPackage("org.forewarn.workflows..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.mongodb..",
                    "org.forewarn.adapters..", "org.forewarn.app..");

    @ArchTest
    static final ArchRule adaptersDoNotReachIntoTheApp = noClasses()
            .that().resideInAPackage("org.forewarn.adapters..")
            .should().dependOnClassesThat().resideInAPackage("org.forewarn.app..");

    @ArchTest
    static final ArchRule adaptersAreIndependentOfEachOther = noClasses()
            .that().resideInAPackage("org.forewarn.adapters.outbox..")
            .should().dependOnClassesThat().resideInAnyPackage("org.forewarn.adapters.web..",
                    "org.forewarn.adapters.eventstore..");
}
