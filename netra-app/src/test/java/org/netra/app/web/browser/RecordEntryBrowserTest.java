package org.netra.app.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.netra.app.web.TestServer;
import org.netra.store.clinical.ClinicalKinds;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Record entry in Debian's Chromium on an empty database: the physician registers a patient (a mistake first,
 * refused with field messages), enters labs in the units the lab wrote and records an SRS read; a stale edit is
 * refused saying who changed what; the nurse enters labs but registers nobody; the administrator sees the
 * eligibility limits. Screenshots in target/screenshots (e-*.png).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the first starts on the empty database
class RecordEntryBrowserTest {
    private static BrowserSession b;
    private static TestServer server;
    private static ChromeDriver driver;
    private static WebDriverWait wait;

    @BeforeAll
    static void start() throws Exception {
        Chromium.requireInstalled();
        b = BrowserSession.open(TestServer.custom(null, s -> s), null);
        server = b.server;
        driver = b.driver;
        wait = b.wait;
    }

    @AfterAll
    static void stop() throws Exception {
        if (b != null) {
            b.close();
        }
    }

    @Test
    @Order(1)
    void registerAPatientEnterLabsAndAnSrsRead() throws Exception {
        b.signIn("physician");
        driver.get(server.base + "/patients");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("patient-rows"), "No patients yet"));
        driver.findElement(By.id("register-patient")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("name")));
        b.type("name", "Lindqvist, Maja");
        b.set("birthDate", "1961-04-12");
        new Select(driver.findElement(By.id("sex"))).selectByValue("female");
        b.type("heightCm", "1.68"); // metres where centimetres belong, and no MRN
        b.type("weightKg", "64.5");
        new Select(driver.findElement(By.id("site"))).selectByValue("small_intestine");
        new Select(driver.findElement(By.id("grade"))).selectByValue("g2");
        b.type("ki67", "7");
        b.set("ki67Date", "2024-03-01");
        Chromium.shot(driver, "e-01-register");
        driver.findElement(By.id("save")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("heightCm-error")));
        assertThat(driver.findElement(By.id("heightCm-error")).getText()).contains("centimetres");
        assertThat(driver.findElement(By.id("mrn-error")).getText())
                .contains("MRN")
                .contains("required");
        assertThat(driver.findElement(By.id("name")).getAttribute("value")).isEqualTo("Lindqvist, Maja");
        Chromium.shot(driver, "e-02-register-refused");

        b.retype("heightCm", "168");
        b.type("mrn", "HOSP-1001");
        driver.findElement(By.id("save")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("enter-labs")));
        assertThat(driver.getCurrentUrl()).contains("/patients/P-0001");
        assertThat(driver.findElement(By.cssSelector("[role=status]")).getText())
                .contains("Saved");
        Chromium.shot(driver, "e-03-chart-registered");

        driver.findElement(By.id("enter-labs")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("haemoglobin")));
        b.set("sampled", "2024-05-02");
        b.type("haemoglobin", "125");
        new Select(driver.findElement(By.id("haemoglobinUnit"))).selectByValue("g/L");
        b.type("platelets", "70");
        b.type("leukocytes", "4.1");
        b.type("neutrophils", "2.3");
        b.type("creatinine", "0.9");
        new Select(driver.findElement(By.id("creatinineUnit"))).selectByValue("mg/dL");
        b.type("bilirubin", "9");
        b.type("albumin", "41");
        b.type("alt", "22");
        b.type("ast", "27");
        b.type("chromograninA", "1250");
        Chromium.shot(driver, "e-04-labs-form");
        driver.findElement(By.id("save")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("egfr")));
        // CKD-EPI 2021, woman of 63, creatinine 0.9 mg/dL: 71.8 → 72 (by hand in RecordEntryApiTest)
        assertThat(driver.findElement(By.id("egfr")).getText()).isEqualTo("72");
        assertThat(driver.findElement(By.id("lab-values")).getText())
                .contains("12.5 g/dL")
                .contains("79.56 µmol/L")
                .contains("G2 (platelet count decreased)");
        Chromium.shot(driver, "e-05-labs-confirmed");

        driver.get(server.base + "/patients/P-0001");
        driver.findElement(By.id("record-srs")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("injection")));
        b.set("injection", "2024-04-02T09:15");
        b.type("lesion1Organ", "liver segment 7");
        new Select(driver.findElement(By.id("lesion1Krenning"))).selectByValue("4");
        b.type("lesion2Organ", "L3 vertebra");
        driver.findElement(By.id("lesion2Skeletal")).click();
        new Select(driver.findElement(By.id("lesion2Krenning"))).selectByValue("3");
        Chromium.shot(driver, "e-06-srs-form");
        driver.findElement(By.id("save")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("lesions")));
        assertThat(driver.findElement(By.id("reads")).getText())
                .contains("injection 2024-04-02 09:15")
                .contains("read 2024-04-04 09:15");
        Chromium.shot(driver, "e-07-srs-read");

        driver.get(server.base + "/patients/P-0001#follow-up");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("follow-up")));
        assertThat(driver.findElement(By.id("lab-table")).getText())
                .contains("haemoglobin (g/dL)")
                .contains("creatinine (µmol/L)")
                .contains("eGFR (mL/min/1.73m²)")
                .contains("72 (G1)");
        assertThat(driver.getPageSource()).doesNotContain("G_PER_DL").doesNotContain("PER_NL");
        Chromium.shot(driver, "e-08-chart-labs");

        // a stale edit: someone else saves while the form is open
        driver.get(server.base + "/patients/P-0001/edit");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("weightKg")));
        var records = server.store.records();
        var current = records.get(ClinicalKinds.PATIENT, "P-0001");
        var p = current.value();
        records.update(
                ClinicalKinds.PATIENT,
                current.version(),
                p.with(p.patient(), p.name(), p.tumour(), p.identifiers())
                        .withPriorTreatment(org.netra.clinical.patient.NetTherapy.SOMATOSTATIN_ANALOGUE.given(
                                java.time.LocalDate.of(2023, 1, 10), java.util.Optional.empty(), "lanreotide 120 mg")),
                "dr.colleague");
        b.retype("weightKg", "62");
        driver.findElement(By.id("save")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("form-alert")));
        assertThat(driver.findElement(By.id("form-alert")).getText())
                .contains("dr.colleague")
                .contains("priorTreatments");
        Chromium.shot(driver, "e-09-stale-edit-refused");
        b.assertQuiet(BrowserSession::refusedOnPurpose);
    }

    @Test
    @Order(3)
    void theNurseEntersLabsButRegistersNobodyAndTheAdminSeesTheLimits() throws Exception {
        b.signIn("nurse");
        driver.get(server.base + "/patients");
        assertThat(driver.findElements(By.id("register-patient"))).isEmpty();
        driver.get(server.base + "/patients/new");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Not allowed");
        b.signIn("admin");
        driver.get(server.base + "/admin/eligibility");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("ki67")));
        b.retype("platelets", "20000");
        driver.findElement(By.id("save")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("platelets-error")));
        assertThat(driver.findElement(By.id("platelets-error")).getText()).contains("platelet minimum");
        b.retype("platelets", "100");
        driver.findElement(By.id("save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.className("lead"), "Saved as version 1"));
        Chromium.shot(driver, "e-10-eligibility-limits");
    }

    @Test
    @Order(2)
    void aBoneScanRecommendsWorkUpAndAnMibgLesionIsQuantifiedByConjugateViews() throws Exception {
        b.signIn("physician");
        driver.get(server.base + "/patients/new");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("name")));
        b.type("name", "Berg, Anton");
        b.set("birthDate", "1955-09-30");
        new Select(driver.findElement(By.id("sex"))).selectByValue("male");
        b.type("mrn", "HOSP-2002");
        b.type("heightCm", "181");
        b.type("weightKg", "79");
        new Select(driver.findElement(By.id("site"))).selectByValue("pancreas");
        new Select(driver.findElement(By.id("grade"))).selectByValue("g3");
        driver.findElement(By.id("save")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("enter-labs")));
        String pid = driver.getCurrentUrl().replaceAll(".*/patients/([^?#/]+).*", "$1");

        driver.get(server.base + "/patients/" + pid + "/studies/bone/new");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("finding1Site")));
        b.set("injection", "2024-04-05T08:00");
        b.type("finding1Site", "T8 vertebra");
        new Select(driver.findElement(By.id("finding1Kind"))).selectByValue("suspicious");
        b.type("finding2Site", "left knee");
        new Select(driver.findElement(By.id("finding2Kind"))).selectByValue("degenerative");
        driver.findElement(By.id("save")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("findings")));
        assertThat(driver.findElement(By.id("findings")).getText()).contains("CT or MRI or biopsy");
        b.set("date", "2024-04-12");
        new Select(driver.findElement(By.id("test"))).selectByValue("mri");
        b.type("result", "haemangioma");
        driver.findElement(By.xpath("//button[text()='Record work-up']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("findings"), "MRI on 2024-04-12"));
        Chromium.shot(driver, "e-11-bone-work-up");

        driver.get(server.base + "/patients/" + pid + "/studies/mibg/new");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("anteriorCounts")));
        b.set("injection", "2024-04-08T10:00");
        b.type("lesion1Organ", "left adrenal");
        b.type("anteriorCounts", "300000");
        b.type("posteriorCounts", "120000");
        b.type("seconds", "300");
        b.type("muPerCm", "0.12");
        b.type("thicknessCm", "20");
        b.type("cpsPerMBq", "10");
        driver.findElement(By.id("save")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("planar")));
        // MIRD 16 by hand: √(1000 · 400) × e^1.2 / 10 = 209.98 MBq
        assertThat(driver.findElement(By.id("planar")).getText())
                .contains("632.5")
                .contains("210");
        Chromium.shot(driver, "e-12-mibg-conjugate-view");

        driver.get(server.base + "/patients/" + pid + "/studies/pet/new");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("tracer")));
        // a G3 tumour: the catalogue proposes 18F-FDG first
        assertThat(new Select(driver.findElement(By.id("tracer")))
                        .getFirstSelectedOption()
                        .getText())
                .isEqualTo("18F-FDG");
        Chromium.shot(driver, "e-13-pet-tracer-proposed");
        b.assertQuiet(BrowserSession::refusedOnPurpose);
    }
}
