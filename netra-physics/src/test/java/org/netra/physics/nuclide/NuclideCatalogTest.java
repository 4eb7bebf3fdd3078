package org.netra.physics.nuclide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netra.testkit.TestData;

class NuclideCatalogTest {
    private final NuclideCatalog catalog = NuclideCatalog.icrp107();

    /** ICRP-107 figures as DOMAIN.md §3 quotes them. */
    @Test
    void lutetium177MatchesIcrp107() {
        Nuclide lu = catalog.get("Lu-177");
        assertThat(lu.halfLifeSeconds() / 86400).isCloseTo(6.647, within(1e-9));
        assertThat(lu.meanEnergyPerDecay().electron().inMeV()).isCloseTo(0.14792, within(1e-9));
        assertThat(lu.meanEnergyPerDecay().photon().inMeV()).isCloseTo(0.03509, within(1e-9));
        assertThat(lu.meanEnergyPerDecay().alpha().inMeV()).isZero();
        assertThat(lu.decayModes()).containsExactly(DecayMode.BETA_MINUS);
        assertThat(lu.progeny()).containsExactly(new Progeny("Hf-177", 1.0));

        var main = lu.gammaLines(0.01);
        assertThat(main.get(0).energy().inKeV()).isCloseTo(208.366, within(1e-6));
        assertThat(main.get(0).yieldPerDecay()).isCloseTo(0.110, within(1e-9));
        assertThat(main.get(1).energy().inKeV()).isCloseTo(112.95, within(1e-6));
        assertThat(main.get(1).yieldPerDecay()).isCloseTo(0.064, within(1e-9));
    }

    @Test
    void otherTherapyAndImagingNuclides() {
        assertThat(catalog.get("Y-90").halfLifeSeconds() / 3600).isCloseTo(64.10, within(1e-9));
        assertThat(catalog.get("In-111").halfLifeSeconds() / 86400).isCloseTo(2.8047, within(1e-9));
        assertThat(catalog.get("I-131").halfLifeSeconds() / 86400).isCloseTo(8.0207, within(1e-9));
        assertThat(catalog.get("Tc-99m").halfLifeSeconds() / 3600).isCloseTo(6.015, within(0.01));
        assertThat(catalog.get("F-18").halfLifeSeconds() / 60).isCloseTo(109.77, within(0.01));
        // In-111's two imaging gammas, 171 and 245 keV
        var in111 = catalog.get("In-111").gammaLines(0.5);
        assertThat(in111).extracting(l -> Math.round(l.energy().inKeV())).containsExactlyInAnyOrder(171L, 245L);
    }

    /** The emission lines sum to the index's mean energies: two ICRP-107 files agree through our parsing. */
    @Test
    void emissionLinesSumToTheIndexTotals() {
        assertThat(catalog.withEmissionLines()).hasSizeGreaterThanOrEqualTo(29);
        for (Nuclide n : catalog.withEmissionLines()) {
            double electron = 0;
            double photon = 0;
            for (EmissionLine l : n.emissionLines()) {
                switch (l.type().kind()) {
                    case ELECTRON -> electron += l.energyPerDecay().inMeV();
                    case PHOTON -> photon += l.energyPerDecay().inMeV();
                    case ALPHA, OTHER -> {}
                }
            }
            var e = n.meanEnergyPerDecay();
            assertThat(electron)
                    .as(n.name() + " electrons")
                    .isCloseTo(e.electron().inMeV(), within(2e-3 * e.electron().inMeV() + 2e-5));
            assertThat(photon)
                    .as(n.name() + " photons")
                    .isCloseTo(e.photon().inMeV(), within(2e-3 * e.photon().inMeV() + 2e-5));
        }
    }

    /** Every half-life equals radioactivedecay's own conversion (icrp.csv), an independent reading. */
    @Test
    void everyHalfLifeAgreesWithRadioactivedecay() throws IOException {
        Map<String, Double> seconds = new HashMap<>();
        var lines = Files.readAllLines(TestData.path("decay/icrp.csv"), StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            if (!f[9].equals("inf")) { // stable nuclides
                seconds.put(f[0], Double.parseDouble(f[9]));
            }
        }
        int compared = 0;
        for (Nuclide n : catalog.all()) {
            Double expected = seconds.get(n.name());
            if (expected != null) {
                assertThat(n.halfLifeSeconds()).as(n.name()).isCloseTo(expected, within(expected * 1e-9));
                compared++;
            }
        }
        assertThat(compared).isEqualTo(catalog.all().size()).isEqualTo(1252);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Lu-177", "177Lu", "lu177", "LU-177", "Lu177", " 177-Lu "})
    void acceptsTheUsualSpellings(String name) {
        assertThat(catalog.get(name).name()).isEqualTo("Lu-177");
    }

    @Test
    void metastableStatesKeepTheirSuffix() {
        assertThat(catalog.get("99mTc").name()).isEqualTo("Tc-99m");
        assertThat(catalog.get("Lu-177m").name()).isEqualTo("Lu-177m");
        assertThat(catalog.get("Lu-177m").halfLifeSeconds())
                .isGreaterThan(catalog.get("Lu-177").halfLifeSeconds());
    }

    @Test
    void unknownNameListsCloseMatches() {
        assertThatThrownBy(() -> catalog.get("Lu-178x"))
                .isInstanceOf(UnknownNuclideException.class)
                .hasMessageContaining("Lu-178x");
        var e = (UnknownNuclideException) catchThrowable("Lu-176");
        assertThat(e).isNull();
        var miss = (UnknownNuclideException) catchThrowable("Lu-1777");
        assertThat(miss.closeMatches()).contains("Lu-177");
        assertThat(miss.getMessage()).contains("did you mean").contains("Lu-177");
        var garbage = (UnknownNuclideException) catchThrowable("octreotide");
        assertThat(garbage.getMessage()).contains("e.g. Lu-177");
    }

    private Throwable catchThrowable(String name) {
        try {
            catalog.get(name);
            return null;
        } catch (UnknownNuclideException e) {
            return e;
        }
    }

    @Test
    void editDistanceIsLevenshtein() {
        assertThat(NuclideCatalog.editDistance("kitten", "sitting")).isEqualTo(3);
        assertThat(NuclideCatalog.editDistance("", "abc")).isEqualTo(3);
        assertThat(NuclideCatalog.editDistance("lu-177", "lu-177")).isZero();
    }
}
