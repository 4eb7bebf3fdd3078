package org.netra.dosimetry.voxel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.netra.testkit.TestData;

/** The committed kernel resource is exactly what the documented conversion makes of shared/data. */
class VoxelSValueResourceTest {
    private static final String FOLDER = "src/main/resources/org/netra/dosimetry/voxel";

    @Test
    void committedResourceEqualsAFreshConversion() throws IOException {
        if (Boolean.getBoolean("netra.regenerate")) {
            VoxelSValueConversion.main(
                    new String[] {TestData.path("voxel-s-values").toString(), FOLDER});
        }
        String fresh = VoxelSValueConversion.convert(TestData.path("voxel-s-values"));
        assertThat(Files.readString(Path.of(FOLDER, VoxelSValues.RESOURCE), StandardCharsets.UTF_8))
                .isEqualTo(fresh);
        // 3 nuclides × 13 sizes × 2 tissues, plus 2 header lines
        assertThat(fresh.lines().count()).isEqualTo(3 * 13 * 2 + 2);
    }
}
