package org.netra.app.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netra.app.web.TestServer;
import org.openqa.selenium.By;

/**
 * The physicist keeps the camera calibration factors in Debian's Chromium: an empty list says counts series are
 * refused, a factor with an impossible window is refused against that field, a correct one is listed with its
 * window, an old one is marked "re-measure", and one is removed. Screenshots in target/screenshots (k-*.png).
 */
class CalibrationBrowserTest {
    private static BrowserSession b;

    @BeforeAll
    static void start() throws Exception {
        Chromium.requireInstalled();
        b = BrowserSession.open(TestServer.custom(null, s -> s), null);
    }

    @AfterAll
    static void stop() throws Exception {
        if (b != null) {
            b.close();
        }
    }

    private static void fill(String id, String collimator, String width, String measuredOn) {
        b.retype("id", id);
        b.retype("manufacturer", "SIEMENS NM");
        b.retype("model", "Encore2");
        b.retype("device", "NM-ROOM-2");
        b.retype("collimator", collimator);
        b.retype("windowWidthKeV", width);
        b.retype("cpsPerMBq", "12.5");
        b.set("measuredOn", measuredOn);
        b.retype("measuredBy", "A. Physicist");
    }

    @Test
    void thePhysicistAddsChecksAndRemovesFactors() throws Exception {
        b.signIn("physicist");
        b.get("/admin/calibrations");
        b.waitFor("no-calibrations");
        b.click("new-calibration");
        b.waitFor("cpsPerMBq");
        assertThat(b.find("windowCentreKeV").getAttribute("value")).isEqualTo("208");
        fill("room2-melp", "MELP", "500", "2026-01-10");
        b.click("save");
        b.waitFor("windowWidthKeV-error");
        assertThat(b.text("windowWidthKeV-error")).contains("full width");
        b.shot("k-01-calibration-refused");
        b.retype("windowWidthKeV", "41.6");
        b.click("save");
        b.waitForStatus("Saved as version 1");
        assertThat(b.text("calibrations")).contains("room2-melp", "208.0 keV ± 10.0 %", "12.5", "A. Physicist");

        b.click("new-calibration");
        b.waitFor("cpsPerMBq");
        fill("room2-hegp-2019", "HEGP", "41.6", "2019-03-01");
        b.click("save");
        b.waitForStatus("Saved as version 2");
        assertThat(b.text("calibrations")).contains("room2-hegp-2019").contains("re-measure");
        b.shot("k-02-calibrations");

        b.driver
                .findElement(By.cssSelector("form[action='/admin/calibrations/room2-hegp-2019/delete'] button"))
                .click();
        b.waitForStatus("now version 3");
        assertThat(b.text("calibrations")).doesNotContain("room2-hegp-2019").contains("room2-melp");
        b.assertQuiet(BrowserSession::refusedOnPurpose);
    }
}
