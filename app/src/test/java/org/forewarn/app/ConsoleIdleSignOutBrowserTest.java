package org.forewarn.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A console screen left without input signs its user out, although its pages keep refreshing
 * themselves (the live queue), which would keep the server's session alive for ever. The idle
 * time is set to three seconds here; it is the session timeout by default.
 */
class ConsoleIdleSignOutBrowserTest {

    @TempDir
    static Path data;
    private static RunningApp app;
    private Browser browser;

    @BeforeAll
    static void start() {
        app = RunningApp.start(data, "--forewarn.console.idle-sign-out=PT3S");
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
    void aQueueLeftWithoutInputSignsItsOperatorOutAndTheSessionEnds() {
        browser = Browser.open(app.base(), "en");
        browser.signIn("operator");

        browser.awaitPage("the sign-in page after 3 s without input",
                () -> browser.url().contains("/console/login?logout"));
        browser.screenshot("idle-signed-out");
        browser.go("/console");
        assertThat(browser.url()).endsWith("/console/login");
    }
}
