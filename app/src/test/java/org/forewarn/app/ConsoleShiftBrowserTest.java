package org.forewarn.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.forewarn.domain.Rung;
import org.forewarn.domain.person.api.RecordChannelFailure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;

/**
 * A shift in the browser, as the README walks a new operator through it: the demo clues are
 * posted by {@code ops/demo-clues} while the queue is open and appear in it without a reload;
 * the operator claims the most urgent case, reveals the number (and the timeline records it),
 * writes a note, records the call and hands over at the end of the shift; a supervisor reads the
 * handover note, reassigns a case and edits the call script that operators then read.
 */
class ConsoleShiftBrowserTest {

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
    void demoCluesAppearLiveAndTheOperatorWorksTheMostUrgentCaseToAnOutcomeThenHandsOver() throws Exception {
        browser = Browser.open(app.base(), "en");
        browser.signIn("operator");
        browser.awaitText("Work queue");

        postDemoClues();

        // without a reload: the live queue tells the page, which fetches its rows again
        browser.awaitPage("the twelve demo cases in the queue", () -> rows().stream()
                .filter(row -> row.getText().contains("****00")).count() == 12);
        browser.awaitPage("the extreme case on top", () -> rows().get(0).getText().contains("Extreme")
                && rows().get(0).getText().contains("Impersonating police")
                && rows().get(0).getText().contains("+86136****0001"));
        browser.screenshot("queue");

        // the live queue may swap the rows in between: find the button again until the click lands
        await().atMost(Duration.ofSeconds(10)).ignoreException(StaleElementReferenceException.class).until(() -> {
            rows().get(0).findElement(By.cssSelector("button.claim")).click();
            return true;
        });
        browser.awaitText("You hold this case until");
        String caseId = browser.text(By.id("case-id"));
        assertThat(browser.url()).endsWith("/console/cases/" + caseId);
        assertThat(browser.text(By.id("number"))).isEqualTo("+86136****0001");

        browser.click(By.id("reveal"));
        browser.awaitPage("the number revealed", () -> browser.text(By.id("number")).equals("+8613600990001"));
        browser.awaitText("operator revealed the full number.");
        assertThat(browser.url()).doesNotContain("13600990001");
        assertThat(browser.title()).doesNotContain("0001");

        browser.type("note-text", "Son says she is at the bank counter now");
        browser.click(By.id("add-note"));
        browser.awaitText("Note added.");
        browser.click(By.id("outcome-PERSUADED"));
        browser.awaitText("Call outcome recorded.");
        browser.awaitText("operator recorded the call: Persuaded");
        browser.awaitText("operator added a note: Son says she is at the bank counter now");
        browser.screenshot("case-worked");

        browser.go("/console");
        browser.awaitText("You hold 1 case(s).");
        browser.type("handover-note", "0001 persuaded, call back at 21:00 to confirm");
        browser.click(By.id("handover"));
        browser.awaitText("Handed over: 1 case(s) released.");
        browser.awaitPage("the handover note in the queue", () -> rows().stream().anyMatch(
                row -> row.getText().contains("call back at 21:00")));
        browser.screenshot("queue-after-handover");
        browser.signOut();

        browser.signIn("supervisor");
        browser.go("/console/cases/" + caseId);
        assertThat(browser.text(By.id("handover-note"))).contains("Handover note from operator",
                "call back at 21:00 to confirm");
        browser.type("assign-operator", "operator");
        browser.type("assign-note", "please confirm at 21:00");
        browser.click(By.id("assign"));
        browser.awaitText("Case assigned to operator.");
        browser.awaitText("supervisor assigned the case to operator.");
    }

    @Test
    void aSupervisorEditsTheCallScriptOfACategoryAndOperatorsReadItOnTheCasePage() throws Exception {
        String caseId = openCase("13600991001", "PRIZE_SCAM");
        browser = Browser.open(app.base(), "zh-CN");
        browser.signIn("supervisor");
        browser.go("/console/supervision");
        browser.awaitText("劝阻话术");
        browser.click(By.id("edit-PRIZE_SCAM"));
        browser.type("script-text", "您好，这里是96110反诈中心。所谓中奖要先交手续费的，都是诈骗。");
        browser.click(By.id("save-script"));
        browser.awaitText("话术已保存（第 1 版）。");
        browser.screenshot("script-edited");
        browser.signOut();

        browser.signIn("operator");
        browser.go("/console/cases/" + caseId);
        browser.awaitPage("the edited script", () -> {
            browser.go("/console/cases/" + caseId);
            return browser.text(By.id("call-script")).contains("所谓中奖要先交手续费的，都是诈骗");
        });
    }

    @Test
    void anOperatorMayNotOpenTheSupervisionPageAndAnAuditorHasNoQueueButReadsCases() {
        browser = Browser.open(app.base(), "en");
        browser.signIn("operator");
        browser.go("/console/supervision");
        browser.awaitText("Your role may not open this page");
        browser.signOut();

        String caseId = openCase("13600991002", "LOAN_SCAM");
        browser.signIn("auditor");
        assertThat(browser.url()).endsWith("/console/outbox");
        browser.go("/console");
        browser.awaitText("Your role may not open this page");
        browser.go("/console/cases/" + caseId);
        browser.awaitText("Case opened by intake: Fake online loan");
        assertThat(browser.all(By.id("reveal"))).isEmpty();
        assertThat(browser.all(By.tagName("form")).stream().filter(f -> !f.getText().contains("Sign out"))).isEmpty();
    }

    @Test
    void aFormSentTwiceIsOneAttemptAndAnExpiredSessionSendsTheLiveCasePageToTheSignIn() {
        String caseId = openCase("13600991003", "ONLINE_GAMBLING");
        browser = Browser.open(app.base(), "en");
        browser.signIn("operator");
        browser.go("/console/cases/" + caseId);
        browser.type("note-text", "asked twice, said once");

        browser.submitTwice("form[action$='/notes']");

        browser.awaitText("operator added a note: asked twice, said once");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
                app.get("/api/v1/cases/" + caseId + "/history", "operator").body().split("\"NoteAdded\"").length == 2);

        // the timeline refreshes itself every two seconds; without a session it is sent to sign in
        browser.loseSession();
        browser.awaitPage("the sign-in page", () -> browser.url().endsWith("/console/login?expired"));
        browser.awaitText("Your session has ended. Please sign in again.");
    }

    @Test
    void theQueueFetchesItsRowsOnceMoreWhenItsLiveStreamOpens() {
        // A change told before the page's stream was listening (a handover's release, projected
        // while the page after the redirect loaded) is never told again: the page must read its
        // rows once its stream is open, not wait for the 30 s refresh.
        browser = Browser.open(app.base(), "en");
        browser.signIn("operator");
        browser.go("/console");
        browser.awaitText("Work queue");
        browser.awaitPage("the rows fetched once the stream opened",
                () -> browser.requestsTo("/console/queue/rows") >= 1);
    }

    @Test
    void aStalledLadderIsMarkedInTheQueueListedForSupervisorsAndExplainedOnTheCasePage() {
        String caseId = openCase("13600991004", "LOAN_SCAM");
        JsonNode view = await().atMost(Duration.ofSeconds(20)).until(
                () -> Json.parse(app.get("/api/v1/cases/" + caseId, "operator").body()),
                v -> v.path("currentRung").isTextual());
        // what a channel worker records once its retries are spent (PeerOutageTest drives it through a failing peer)
        app.bean(CommandGateway.class).sendAndWait(new RecordChannelFailure(view.path("personId").asText(), caseId,
                caseId + ":browser_test", Rung.valueOf(view.path("currentRung").asText()),
                "CounterpartUnavailable: the provider answered 503", "system:place-automated-call"));

        browser = Browser.open(app.base(), "en");
        browser.signIn("supervisor");
        browser.go("/console/supervision");
        browser.awaitText("Stalled ladders");
        browser.awaitPage("the stalled case listed", () -> {
            browser.go("/console/supervision");
            return !browser.all(By.cssSelector("#stalled a[href$='/console/cases/" + caseId + "']")).isEmpty();
        });

        browser.go("/console?stalled=true");
        browser.awaitPage("the queue filtered to the stalled case", () -> {
            List<WebElement> rows = rows();
            return rows.size() == 1 && caseId.equals(rows.get(0).getAttribute("data-case"))
                    && rows.get(0).getText().contains("stalled since");
        });
        assertThat(browser.all(By.id("filter-stalled")).get(0).isSelected()).isTrue();

        browser.go("/console/cases/" + caseId);
        browser.awaitText("The ladder waits for a person");
        assertThat(browser.text(By.id("stalls"))).contains("the channel could not deliver")
                .contains("CounterpartUnavailable: the provider answered 503");
        browser.screenshot("stalled-case");
    }

    // ---- helpers ----

    private List<WebElement> rows() {
        return browser.all(By.cssSelector("#queue tbody tr"));
    }

    private static void postDemoClues() throws IOException, InterruptedException {
        Process demo = new ProcessBuilder("bash", "../ops/demo-clues", app.base().toString())
                .redirectErrorStream(true).start();
        String output = new String(demo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(demo.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(demo.exitValue()).as(output).isZero();
        assertThat(output).contains("Done: 14 clues.");
    }

    private static String openCase(String victim, String category) {
        var posted = app.post("/api/v1/clues", "intake", Json.clue("ui2-" + victim, victim, "HIGH", "+8617000000019",
                category));
        assertThat(posted.statusCode()).isEqualTo(202);
        String caseId = Json.parse(posted.body()).path("caseId").asText();
        await().atMost(Duration.ofSeconds(10))
               .until(() -> app.get("/api/v1/cases/" + caseId, "operator").statusCode() == 200);
        return caseId;
    }
}
