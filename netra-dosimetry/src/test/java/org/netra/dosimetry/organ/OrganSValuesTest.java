package org.netra.dosimetry.organ;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Mass;
import org.netra.physics.quantity.TimeIntegratedActivity;
import org.netra.testkit.TestData;

class OrganSValuesTest {

    @Test
    void committedResourceEqualsAFreshConversion() throws IOException {
        Path source = TestData.path("organ-s-values");
        Path committed = Path.of("src/main/resources/org/netra/dosimetry/organ", OrganSValues.RESOURCE);
        if (Boolean.getBoolean("netra.regenerate")) {
            OpenDoseConversion.main(
                    new String[] {source.toString(), committed.getParent().toString()});
        }
        assertThat(Files.readString(committed, StandardCharsets.UTF_8)).isEqualTo(OpenDoseConversion.convert(source));
    }

    /** DOMAIN.md §3: kidneys ← left kidney, 177Lu, adult male, 7.706e-5 mGy/(MBq·s), kidneys 310 g. */
    @Test
    void kidneyExampleOfTheDomainNotes() {
        var s = OrganSValues.openDoseLu177()
                .get(ReferencePhantom.ADULT_MALE, SourceRegion.LEFT_KIDNEY, "RKidney + LKidney");
        assertThat(s.s().inMGyPerMBqSecond()).isEqualTo(7.706e-5);
        assertThat(s.targetMass().inGrams()).isCloseTo(310, within(0.01));
    }

    /** Every value the table serves is the one in OpenDose's files, read here independently. */
    @Test
    void lookupsEqualTheFiles() throws IOException {
        Path root = TestData.path("organ-s-values");
        var mapper = new ObjectMapper();
        int checked = 0;
        for (Path f : OpenDoseConversion.sourceFiles(root)) {
            ReferencePhantom phantom = f.getParent().getFileName().toString().endsWith("am")
                    ? ReferencePhantom.ADULT_MALE
                    : ReferencePhantom.ADULT_FEMALE;
            String name = f.getFileName().toString().replace("lu-177_", "").replace(".json", "");
            SourceRegion source = SourceRegion.ofCode(name);
            for (var row : mapper.readTree(f.toFile())) {
                var v = OrganSValues.openDoseLu177()
                        .get(phantom, source, row.get(0).asText());
                assertThat(v.s().inMGyPerMBqSecond())
                        .isEqualTo(Double.parseDouble(row.get(1).asText()));
                assertThat(v.standardError())
                        .isEqualTo(Double.parseDouble(row.get(2).asText()));
                assertThat(v.targetMass().inGrams())
                        .isCloseTo(Double.parseDouble(row.get(3).asText()), within(1e-9));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(OrganSValues.openDoseLu177().all().size()).isGreaterThan(600);
    }

    @Test
    void selfDoseScalesInverselyWithTheOrganMass() {
        var liver = OrganSValues.openDoseLu177().get(ReferencePhantom.ADULT_MALE, SourceRegion.LIVER, "Liver");
        // a 1.5 kg patient liver, phantom 1799.776 g: S × 1799.776/1500
        var scaled = liver.s().scaledToMass(liver.targetMass(), Mass.ofGrams(1500));
        assertThat(scaled.inMGyPerMBqSecond()).isCloseTo(1.3713e-5 * 1799.776 / 1500, within(1e-15));
    }

    /** D = Σ Ã·S: 1000 MBq·h in the liver plus 100 MBq·h in the left kidney, both dosing the liver. */
    @Test
    void organDoseSumsTheSources() {
        var toLiverFromLiver = OrganSValues.openDoseLu177()
                .get(ReferencePhantom.ADULT_MALE, SourceRegion.LIVER, "Liver")
                .s();
        var toLiverFromKidney = OrganSValues.openDoseLu177()
                .get(ReferencePhantom.ADULT_MALE, SourceRegion.LEFT_KIDNEY, "Liver")
                .s();
        AbsorbedDose d = OrganDose.of(List.of(
                new OrganDose.Contribution("liver", TimeIntegratedActivity.ofMBqHours(1000), toLiverFromLiver),
                new OrganDose.Contribution("left kidney", TimeIntegratedActivity.ofMBqHours(100), toLiverFromKidney)));
        // by hand, mGy: 1000·3600·1.3713e-5 + 100·3600·4.6791e-8
        assertThat(d.inMGy()).isCloseTo(1000 * 3600 * 1.3713e-5 + 100 * 3600 * 4.6791e-8, within(1e-9));
    }

    @Test
    void anUnknownTargetIsNamedWithExamples() {
        assertThatThrownBy(() ->
                        OrganSValues.openDoseLu177().get(ReferencePhantom.ADULT_FEMALE, SourceRegion.SPLEEN, "Spline"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Spline")
                .hasMessageContaining("Adipose");
    }
}
