package org.forewarn.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The shift console in a real headless Chromium against the running application: people sign
 * in with the demo users and work cases in the browser as the README tells a new operator to.
 * Each test leaves a screenshot under app/target/console-screenshots/.
 */
class ConsoleBrowserTest {

    private static final AtomicInteger NUMBERS = new AtomicInteger();

    @TempDir
    static Path data;
    private static RunningApp app;
    private Browser browser;

    @BeforeAll
    static void start() {
        app = RunningApp.start(data);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void operatorSignsInRecordsACallOutcomeAndSeesItInTheTimeline() {
        String caseId = openCase("IMPERSONATING_AUTHORITIES");
        browser = Browser.open(app.base(), "en");
        browser.signIn("operator");
        browser.go("/console/cases/" + caseId);

        assertThat(browser.title()).isEqualTo("Case " + caseId + " · Forewarn shift console");
        assertThat(browser.text(By.id("number"))).matches("\\+86136\\*+\\d{4}");
        browser.awaitText("Case opened by intake");
        browser.click(By.id("outcome-PERSUADED"));

        browser.awaitText("Call outcome recorded.");
        browser.awaitText("operator recorded the call: Persuaded");
        browser.screenshot("case-call-outcome");
        assertThat(history(caseId)).contains("\"OperatorCallRecorded\"");
    }

    @Test
    void operatorClosesACaseWithTheAmountAlreadyPaidAndABadAmountIsExplained() {
        String caseId = openCase("INVESTMENT_SCAM");
        browser = Browser.open(app.base(), "en");
        browser.signIn("operator");
        browser.go("/console/cases/" + caseId);

        browser.type("loss-yuan", "12abc");
        browser.click(By.id("outcome-LOSS_OCCURRED"));
        browser.awaitText("Not done: Amount paid: must be an amount in yuan");
        assertThat(history(caseId)).doesNotContain("OperatorCallRecorded");

        new Select(browser.all(By.id("resolution-outcome")).get(0)).selectByValue("LOSS_OCCURRED");
        browser.type("resolution-loss-yuan", "3000.50");
        browser.click(By.id("resolve"));
        browser.awaitText("Case closed.");
        browser.awaitText("operator closed the case: Already paid (lost: 3000.50");
        browser.screenshot("case-closed");
    }

    @Test
    void aCountermeasureProposedByTheOperatorIsAppliedAfterTwoOtherSupervisorsApprove() {
        String caseId = openCase("FAKE_CUSTOMER_SERVICE");
        browser = Browser.open(app.base(), "en");
        browser.signIn("operator");
        browser.go("/console/cases/" + caseId);
        new Select(browser.all(By.id("countermeasure-type")).get(0)).selectByValue("RESTRICT_TRANSFERS");
        browser.type("countermeasure-reason", "keeps transferring to the 'safe account'");
        browser.click(By.id("propose"));
        browser.awaitText("Countermeasure proposed");
        browser.signOut();

        for (String supervisor : new String[] {"supervisor", "supervisor2"}) {
            browser.signIn(supervisor);
            browser.go("/console/cases/" + caseId);
            browser.click(By.cssSelector("#countermeasures button.approve"));
            browser.awaitText("Countermeasure approved.");
            browser.awaitText(supervisor + " approved Restrict transfers.");
            browser.screenshot("countermeasure-approved-by-" + supervisor);
            browser.signOut();
        }

        browser.signIn("supervisor");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            browser.go("/console/cases/" + caseId);
            assertThat(browser.text(By.cssSelector("#countermeasures .cm-status"))).isIn("approved", "in force");
        });
    }

    @Test
    void theConsoleSpeaksChineseToAChineseBrowserAndSwitchesToEnglish() {
        String caseId = openCase("IMPERSONATING_AUTHORITIES");
        browser = Browser.open(app.base(), "zh-CN");
        browser.go("/console/login");
        assertThat(browser.text(By.id("sign-in"))).isEqualTo("登录");
        browser.signIn("operator");
        browser.go("/console/cases/" + caseId);
        browser.awaitText("冒充公检法");
        browser.awaitText("案件经过");
        browser.screenshot("case-zh");

        browser.click(By.cssSelector("a[lang=en]"));
        browser.awaitText("Timeline");
        browser.go("/console/cases/" + caseId);
        assertThat(browser.page()).contains("Impersonating police, procuratorate or court");
    }

    @Test
    void aSignedOutBrowserIsSentToTheSignInPageAndAWrongPasswordIsRefused() {
        browser = Browser.open(app.base(), "en");
        browser.go("/console/cases/case-anything");
        assertThat(browser.url()).endsWith("/console/login");
        browser.type("username", "operator");
        browser.type("password", "wrong");
        browser.click(By.id("sign-in"));
        browser.awaitText("Wrong user name or password.");
    }

    @Test
    void theIntakeClientMayNotUseTheConsoleAndAnUnknownCaseIsAPageNotAnError() {
        browser = Browser.open(app.base(), "en");
        browser.signIn("intake");
        browser.awaitText("Your role may not open this page");
        browser.signOut();

        browser.signIn("auditor");
        browser.go("/console/cases/case-does-not-exist");
        browser.awaitText("There is no such case or page.");
    }

    // ---- helpers ----

    private static String openCase(String category) {
        String victim = String.format("1360013%04d", 7000 + NUMBERS.incrementAndGet());
        HttpResponse<String> posted = app.post("/api/v1/clues", "intake",
                Json.clue("ui-" + victim, victim, "HIGH", "+8617000000009", category));
        assertThat(posted.statusCode()).isEqualTo(202);
        String caseId = Json.parse(posted.body()).path("caseId").asText();
        await().atMost(Duration.ofSeconds(10))
               .until(() -> app.get("/api/v1/cases/" + caseId, "operator").statusCode() == 200);
        return caseId;
    }

    private static String history(String caseId) {
        return app.get("/api/v1/cases/" + caseId + "/history", "operator").body();
    }
}
