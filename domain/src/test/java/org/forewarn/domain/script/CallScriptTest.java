package org.forewarn.domain.script;

import static org.forewarn.domain.FraudCategory.IMPERSONATING_AUTHORITIES;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.forewarn.domain.DomainRuleViolation;
import org.forewarn.domain.InvalidValueException;
import org.forewarn.domain.script.api.CallScriptEdited;
import org.forewarn.domain.script.api.EditCallScript;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Call scripts: versions from 1, each by a person, the same text or request again no new version. */
class CallScriptTest {

    private static final String ID = CallScript.idOf(IMPERSONATING_AUTHORITIES);
    private static final String V1 = "您好，这里是96110反诈中心。公检法机关不会通过电话办案，也没有“安全账户”。";
    private static final String V2 = V1 + "请立即挂断对方电话，不要转账。";

    private FixtureConfiguration<CallScript> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CallScript.class);
    }

    @Test
    void theFirstEditIsVersionOne() {
        fixture.givenNoPriorActivity()
               .when(new EditCallScript(ID, IMPERSONATING_AUTHORITIES, "req-1", "  " + V1 + "\n", "supervisor"))
               .expectEvents(new CallScriptEdited(ID, IMPERSONATING_AUTHORITIES, "req-1", 1, V1, "supervisor"))
               .expectResultMessagePayload(1);
    }

    @Test
    void aLaterEditIsTheNextVersion() {
        fixture.given(new CallScriptEdited(ID, IMPERSONATING_AUTHORITIES, "req-1", 1, V1, "supervisor"))
               .when(new EditCallScript(ID, IMPERSONATING_AUTHORITIES, "req-2", V2, "supervisor2"))
               .expectEvents(new CallScriptEdited(ID, IMPERSONATING_AUTHORITIES, "req-2", 2, V2, "supervisor2"))
               .expectResultMessagePayload(2);
    }

    @Test
    void theSameRequestOrTheSameTextAgainIsNoNewVersion() {
        fixture.given(new CallScriptEdited(ID, IMPERSONATING_AUTHORITIES, "req-1", 1, V1, "supervisor"),
                      new CallScriptEdited(ID, IMPERSONATING_AUTHORITIES, "req-2", 2, V2, "supervisor"))
               .when(new EditCallScript(ID, IMPERSONATING_AUTHORITIES, "req-1", V1, "supervisor"))
               .expectNoEvents()
               .expectResultMessagePayload(1);
        fixture.given(new CallScriptEdited(ID, IMPERSONATING_AUTHORITIES, "req-1", 1, V1, "supervisor"))
               .when(new EditCallScript(ID, IMPERSONATING_AUTHORITIES, "req-3", V1, "supervisor2"))
               .expectNoEvents()
               .expectResultMessagePayload(1);
    }

    @Test
    void anEmptyOrOverlongTextIsRefused() {
        fixture.givenNoPriorActivity()
               .when(new EditCallScript(ID, IMPERSONATING_AUTHORITIES, "req-1", " ", "supervisor"))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage("text: is required");
        fixture.givenNoPriorActivity()
               .when(new EditCallScript(ID, IMPERSONATING_AUTHORITIES, "req-1", "话".repeat(4001), "supervisor"))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage("text: is longer than 4000 characters");
    }

    @Test
    void onlyAPersonWritesAScript() {
        fixture.givenNoPriorActivity()
               .when(new EditCallScript(ID, IMPERSONATING_AUTHORITIES, "req-1", V1, "system:import"))
               .expectException(DomainRuleViolation.class);
    }
}
