package org.netra.physics.nuclide;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.netra.testkit.TestData;

/** The committed resources are exactly what the documented conversion makes of shared/data/decay. */
class Icrp107ResourceTest {
    @Test
    void committedResourcesEqualAFreshConversion() throws IOException {
        if (Boolean.getBoolean("netra.regenerate")) {
            // the documented regeneration step (docs/data.md): rewrite the committed resources first
            Icrp107Conversion.main(
                    new String[] {TestData.path("decay").toString(), "src/main/resources/org/netra/physics/nuclide"});
        }
        var fresh = Icrp107Conversion.convert(TestData.path("decay"));
        assertThat(resource(NuclideCatalog.NUCLIDES_RESOURCE)).isEqualTo(fresh.nuclides());
        assertThat(resource(NuclideCatalog.EMISSIONS_RESOURCE)).isEqualTo(fresh.emissions());
        assertThat(NuclideCatalog.class.getResource("LICENSE.ICRP-07"))
                .as("the ICRP notice travels with the data")
                .isNotNull();
    }

    /** The committed file (the test runs in the module folder), so a regeneration run checks itself. */
    private static String resource(String name) throws IOException {
        return Files.readString(Path.of("src/main/resources/org/netra/physics/nuclide", name), StandardCharsets.UTF_8);
    }
}
