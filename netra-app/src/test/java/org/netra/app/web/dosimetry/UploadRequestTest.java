package org.netra.app.web.dosimetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.netra.dosimetry.cycle.CycleOptions;
import org.netra.dosimetry.cycle.DoseMethod;
import org.netra.dosimetry.cycle.RegionRole;

/** The queued request of an upload gives the pipeline's options and folders again on any node. */
class UploadRequestTest {
    private static final Path DIR = Path.of("data", "uploads", "anna", "u1");

    private static DosimetryJobs.Upload upload(CycleOptions options) {
        return new DosimetryJobs.Upload(
                "u1",
                "anna",
                "scans.zip",
                List.of(),
                List.of(DIR.resolve("ct/4h"), DIR.resolve("ct/24h")),
                List.of("Kidney_L", "Lesion 1"),
                options,
                DIR,
                DIR.resolve("rt/struct.dcm"));
    }

    private static DosimetryJobs.UploadRequest roundTrip(DosimetryJobs.UploadRequest r) throws Exception {
        var json = new ObjectMapper();
        return json.readValue(json.writeValueAsString(r), DosimetryJobs.UploadRequest.class);
    }

    @Test
    void theChoicesOfThePageSurviveTheQueue() throws Exception {
        CycleOptions options = CycleOptions.DEFAULTS
                .withMethod(new DoseMethod.LocalDeposition())
                .withRegistration(CycleOptions.Registration.RIGID)
                .withRecovery("gtm", Optional.of(9.5), Optional.empty())
                .withDepartmentPsf(Optional.of(11.0));
        options = options.withRoles(options.roles().withOverrides(List.of("Lesion 1=tumour", "Kidney_L=organ")));

        var r = roundTrip(DosimetryJobs.UploadRequest.of(
                upload(options), List.of("spect/4h", "spect/24h"), List.of("Kidney_L"), options));

        assertThat(r.options()).isEqualTo(options);
        assertThat(r.options().roles().roleOf("Kidney_L")).isEqualTo(RegionRole.ORGAN);
        assertThat(r.timePoints()).containsExactly("spect/4h", "spect/24h");
        assertThat(r.cts())
                .containsExactly(Path.of("ct/4h").toString(), Path.of("ct/24h").toString());
        assertThat(r.rtstruct()).isEqualTo(Path.of("rt/struct.dcm").toString());
        assertThat(r.vois()).containsExactly("Kidney_L");
    }

    @Test
    void withoutCorrectionAndOnTheDefaults() throws Exception {
        CycleOptions none = CycleOptions.DEFAULTS.withRecovery("none", Optional.empty(), Optional.empty());
        assertThat(roundTrip(DosimetryJobs.UploadRequest.of(upload(none), List.of("a"), List.of("Lesion 1"), none))
                        .options())
                .isEqualTo(none);
        assertThat(roundTrip(DosimetryJobs.UploadRequest.of(
                                upload(CycleOptions.DEFAULTS),
                                List.of("a"),
                                List.of("Lesion 1"),
                                CycleOptions.DEFAULTS))
                        .options())
                .isEqualTo(CycleOptions.DEFAULTS);
    }
}
