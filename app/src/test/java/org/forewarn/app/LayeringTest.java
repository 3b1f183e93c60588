package org.forewarn.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layers of STYLE.md that the Maven modules alone do not enforce (the domain's own rule is
 * in the domain module; a module cannot import one that does not depend on it).
 */
@AnalyzeClasses(packages = "org.forewarn", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    @ArchTest
    static final ArchRule workflowsKnowNoSpringAndNoStore = noClasses()
            .that().resideInAPackage("org.forewarn.workflows..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.mongodb..",
                    "java.sql..", "javax.sql..")
            .because("workers and the bridge reach stores and channels through ports only");

    @ArchTest
    static final ArchRule adaptersAreIndependentOfEachOther = noClasses()
            .that().resideInAnyPackage("org.forewarn.adapters.outbox..", "org.forewarn.adapters.eventstore..",
                    "org.forewarn.adapters.control..", "org.forewarn.adapters.carrier..",
                    "org.forewarn.adapters.payment..")
            .should().dependOnClassesThat().resideInAPackage("org.forewarn.adapters.web..")
            .because("the web adapter is one counterpart among others, not a layer below them");
}
