package org.netra.app.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netra.app.cyclezero.VirtualCycleZero;
import org.netra.app.web.TestServer;
import org.netra.app.web.therapy.TherapyFixture;
import org.netra.store.clinical.ClinicalKinds;

/**
 * The physician sees a course's virtual cycle 0 on the patient's plan in Debian's Chromium: each region's PET SUV,
 * predicted Gy/GBq and interval, "not measured yet" before cycle 1, and the proposed first activity with its
 * reason. Screenshot target/screenshots/z-01-virtual-cycle-0.png.
 */
class CycleZeroBrowserTest {
    static final String PID = "P-7100";
    private static BrowserSession b;

    @BeforeAll
    static void start() throws Exception {
        Chromium.requireInstalled();
        b = BrowserSession.open(TestServer.custom(null, s -> s), null);
        var store = b.server.store;
        var course = TherapyFixture.register(store, PID, "Inga Berg", LocalDateTime.of(2026, 3, 2, 9, 30));
        // a kidney SUVmean of 14 predicts 0.59 Gy/GBq with the published default: the kidneys limit cycle 1
        var zero = new VirtualCycleZero(store.records())
                .predict(PID, course.id(), LocalDate.of(2026, 1, 26), 14, Optional.of(22.0), Map.of("L1", 30.0), 4);
        store.records().create(ClinicalKinds.CYCLE_ZERO, zero, "physician");
    }

    @AfterAll
    static void stop() throws Exception {
        if (b != null) {
            b.close();
        }
    }

    @Test
    void thePhysicianSeesThePredictionAndTheProposedActivity() throws Exception {
        b.signIn("physician");
        b.get("/patients/" + PID + "#plan");
        b.waitFor("cycle-zero");
        String panel = b.text("cycle-zero");
        assertThat(panel)
                .contains("Virtual cycle 0")
                .contains("published defaults (version 0)")
                .contains("kidneys")
                .contains("spleen")
                .contains("L1")
                .contains("not measured yet")
                .contains("kidney BED limit 27 Gy over 4 planned cycles");
        // by hand: 0.5·(14/10)^0.5 = 0.59 Gy/GBq
        assertThat(panel).contains("0.59");
        assertThat(b.text("cycle-zero-activity")).endsWith("GBq");
        // no cycle has dosimetry yet: the plan shows no predicted course
        assertThat(b.driver.findElements(org.openqa.selenium.By.id("course-forecast")))
                .isEmpty();
        ((org.openqa.selenium.JavascriptExecutor) b.driver)
                .executeScript("document.getElementById('cycle-zero').scrollIntoView()");
        b.shot("z-01-virtual-cycle-0");
        b.assertQuiet(BrowserSession::refusedOnPurpose);
    }

    /**
     * The physician records another patient's PET from the plan: a kidney SUV of "abc" is refused naming the
     * field; the corrected entry is predicted and shown.
     */
    @Test
    void thePhysicianRecordsThePetOnThePlan() throws Exception {
        TherapyFixture.register(b.server.store, "P-7101", "Ole Dahl", LocalDateTime.of(2026, 3, 2, 9, 30));
        b.signIn("physician");
        b.get("/patients/P-7101#plan");
        b.waitFor("save-cycle-zero");
        b.set("petDate", "2026-01-20");
        b.retype("kidneySuv", "abc");
        b.retype("tumourSuvs", "L1=18");
        b.click("save-cycle-zero");
        b.driver.findElement(org.openqa.selenium.By.tagName("body"));
        new org.openqa.selenium.support.ui.WebDriverWait(b.driver, java.time.Duration.ofSeconds(20))
                .until(d -> d.getPageSource().contains("kidneys' SUVmean must be a number"));
        b.shot("z-02-cycle-zero-refused");
        b.get("/patients/P-7101#plan");
        b.waitFor("save-cycle-zero");
        b.set("petDate", "2026-01-20");
        b.retype("kidneySuv", "9.5");
        b.retype("tumourSuvs", "L1=18");
        b.click("save-cycle-zero");
        b.waitFor("cycle-zero");
        assertThat(b.text("cycle-zero")).contains("9.5").contains("L1").contains("18.0");
        assertThat(b.server.store.records().find(ClinicalKinds.CYCLE_ZERO, "P-7101/prrt-1/cycle-0"))
                .isPresent();
    }
}
