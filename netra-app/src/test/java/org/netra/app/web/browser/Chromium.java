package org.netra.app.web.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import org.netra.testkit.TestData;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;

/** Debian's headless Chromium through Debian's chromedriver (both paths given: Selenium Manager never runs). */
final class Chromium {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SHOTS = Path.of("target", "screenshots");

    private Chromium() {}

    static void requireInstalled() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            TestData.unavailable(
                    "Debian's chromium and chromium-driver are needed (apt-get install chromium chromium-driver)");
        }
    }

    static ChromeDriver start(Path profile) throws IOException {
        return start(profile, true);
    }

    /**
     * A browser whose pages run script or not ({@code scripts} false: the content setting that blocks JavaScript
     * on every site, as a user who turned it off has it; WebDriver's own calls still run).
     */
    static ChromeDriver start(Path profile, boolean scripts) throws IOException {
        var options = new ChromeOptions();
        if (!scripts) {
            options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
        }
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--user-data-dir=" + profile);
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        var driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1280, 860));
        Files.createDirectories(SHOTS);
        return driver;
    }

    static void shot(ChromeDriver driver, String name) throws IOException {
        Files.write(SHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    /** Quits the browser, stops the server and deletes the profile, whichever of them was started. */
    static void stop(ChromeDriver driver, AutoCloseable server, Path profile) throws Exception {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
        if (profile != null) {
            delete(profile);
        }
    }

    static void delete(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
