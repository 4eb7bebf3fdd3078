package org.netra.app.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.function.Predicate;
import java.util.logging.Level;
import org.netra.app.web.TestServer;
import org.netra.app.web.therapy.TherapyFixture;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One Chromium on one test server, with what every browser test of the department's work does: sign in as a
 * role (moving the department's clock first, when the test has one), fill a field, set a date input, choose
 * an option, wait for the page's status line, keep a screenshot, and check the console stayed quiet.
 */
final class BrowserSession {
    final TestServer server;
    final ChromeDriver driver;
    final WebDriverWait wait;
    private final TherapyFixture.TestClock clock;
    private final Path profile;

    private BrowserSession(TestServer server, TherapyFixture.TestClock clock, Duration patience, boolean scripts)
            throws IOException {
        this.server = server;
        this.clock = clock;
        this.profile = Files.createTempDirectory("netra-chromium-");
        this.driver = Chromium.start(profile, scripts);
        this.wait = new WebDriverWait(driver, patience);
        // a page being replaced while a wait looks at it: Chromium may answer a look at the old page's node with an
        // inspector error ("Node with given id does not belong to the document"), which only means "not yet"; a
        // condition never met still fails at the end of the patience
        this.wait.ignoring(WebDriverException.class);
    }

    /** A browser on {@code server}; {@code clock} is the server's department clock, or null when it has none. */
    static BrowserSession open(TestServer server, TherapyFixture.TestClock clock) throws IOException {
        return new BrowserSession(server, clock, Duration.ofSeconds(20), true);
    }

    /** As {@link #open}, in a browser with JavaScript turned off. */
    static BrowserSession openWithoutScript(TestServer server, TherapyFixture.TestClock clock) throws IOException {
        return new BrowserSession(server, clock, Duration.ofSeconds(20), false);
    }

    Path profile() {
        return profile;
    }

    String url(String path) {
        return server.base + path;
    }

    void get(String path) {
        driver.get(url(path));
    }

    /** Signs out whoever is signed in and signs in as {@code user}, whose password is the test server's. */
    void signIn(String user) {
        driver.manage().deleteAllCookies();
        driver.get(url("/login"));
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(TestServer.password(user));
        driver.findElement(By.xpath("//button[text()='Sign in']")).click();
        wait.until(ExpectedConditions.urlToBe(url("/")));
    }

    /** Moves the department's clock to {@code at}, then signs in as {@code user}. */
    void signInAt(String user, LocalDateTime at) {
        clock.set(at);
        signIn(user);
    }

    void clockAt(LocalDateTime at) {
        clock.set(at);
    }

    WebElement find(String id) {
        return driver.findElement(By.id(id));
    }

    /** Adds {@code text} to what the field holds. */
    void type(String id, String text) {
        find(id).sendKeys(text);
    }

    /** Replaces what the field holds with {@code text}. */
    void retype(String id, String text) {
        var e = find(id);
        e.clear();
        e.sendKeys(text);
    }

    /** Date and date-time inputs take keys in the browser's locale order; their value is set as the form posts it. */
    void set(String id, String value) {
        driver.executeScript("arguments[0].value = arguments[1]", find(id), value);
    }

    void choose(String id, String value) {
        new Select(find(id)).selectByValue(value);
    }

    void click(String id) {
        find(id).click();
    }

    void waitFor(String id) {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
    }

    /** Waits until the page's status line says {@code what} (saved, approved, reading, …). */
    void waitForStatus(String what) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"), what));
    }

    void waitForHeading(String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), text));
    }

    String text(String id) {
        return find(id).getText();
    }

    void shot(String name) throws IOException {
        Chromium.shot(driver, name);
    }

    /** The console's severe entries other than those {@code expected} accepts: none may remain. */
    void assertQuiet(Predicate<LogEntry> expected) {
        var problems = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .filter(expected.negate())
                .toList();
        assertThat(problems).as("browser console errors (e.g. CSP violations)").isEmpty();
    }

    /** A refused form is answered 4xx on purpose; the browser logs it as a failed load. */
    static boolean refusedOnPurpose(LogEntry e) {
        return e.getMessage().contains("the server responded with a status of 4");
    }

    /** Quits the browser, stops the server and deletes the profile. */
    void close() throws Exception {
        Chromium.stop(driver, server, profile);
    }
}
