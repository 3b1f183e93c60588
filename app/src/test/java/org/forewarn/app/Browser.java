package org.forewarn.app;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through Debian's chromedriver (both installed by
 * ops/install-chromium, which the build runs before the tests), at the console's design size of
 * 1366×768 and one browser language. Nothing is downloaded: the driver and the browser are
 * named by path, so Selenium Manager is never asked. Screenshots go to
 * {@code app/target/console-screenshots/}.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private final ChromeDriver driver;
    private final URI base;

    private Browser(ChromeDriver driver, URI base) {
        this.driver = driver;
        this.base = base;
    }

    static Browser open(URI base, String language) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1366,768", "--lang=" + language, "--no-first-run", "--disable-extensions");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new Browser(new ChromeDriver(service, options), base);
    }

    void go(String path) {
        driver.get(base.resolve(path).toString());
    }

    void signIn(String user) {
        go("/console/login");
        type("username", user);
        type("password", "demo");
        click(By.id("sign-in"));
        awaitPage(user + " signed in", () -> !driver.getCurrentUrl().contains("/console/login"));
    }

    void signOut() {
        click(By.id("logout"));
        awaitPage("signed out", () -> driver.getCurrentUrl().contains("/console/login"));
    }

    void type(String id, String text) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    void click(By by) {
        driver.findElement(by).click();
    }

    String text(By by) {
        return driver.findElement(by).getText();
    }

    List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    /** Forgets the session, as a timeout on the server would. */
    void loseSession() {
        driver.manage().deleteCookieNamed("JSESSIONID");
    }

    /** Sends the form found by {@code selector} twice from the page, as a double click or a resent request does. */
    void submitTwice(String selector) {
        driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const form = document.querySelector(arguments[0]);
                const send = () => fetch(form.action, {method: 'POST', body: new URLSearchParams(new FormData(form))});
                send().then(send).then(() => done(true), () => done(false));
                """, selector);
    }

    /** How many requests the page has made so far to a path containing {@code path} (resource timing). */
    long requestsTo(String path) {
        Object count = driver.executeScript(
                "return performance.getEntriesByType('resource').filter(e => e.name.includes(arguments[0])).length;",
                path);
        return ((Number) count).longValue();
    }

    String title() {
        return driver.getTitle();
    }

    String url() {
        return driver.getCurrentUrl();
    }

    String page() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** Waits until the page's text holds {@code expected} (htmx swaps it in when it arrives). */
    void awaitText(String expected) {
        awaitPage("the text '" + expected + "'", () -> page().contains(expected));
    }

    /** Waits for a condition of the page; on timeout says where the browser is and what it shows. */
    void awaitPage(String what, java.util.concurrent.Callable<Boolean> condition) {
        try {
            await().atMost(Duration.ofSeconds(15)).ignoreException(StaleElementReferenceException.class)
                   .until(condition);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            screenshot("failed-" + System.nanoTime());
            throw new AssertionError("waited for " + what + " at " + url() + "; the page shows:\n" + page(), e);
        }
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
