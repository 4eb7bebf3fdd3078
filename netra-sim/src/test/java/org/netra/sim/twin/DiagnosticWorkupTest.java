package org.netra.sim.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netra.imaging.quant.AcquisitionFacts;
import org.netra.imaging.quant.Suv;
import org.netra.imaging.quant.SuvFactor;
import org.netra.imaging.quant.SuvNormalisation;
import org.netra.imaging.volume.SeriesAssembler;
import org.netra.sim.anatomy.Voi;
import org.netra.sim.export.TwinWriter;
import org.netra.sim.kinetics.SimulatedTracer;
import org.netra.sim.spect.SpectSettings;
import org.netra.testkit.ExternalTool;

class DiagnosticWorkupTest {
    @TempDir
    static Path dir;

    @Test
    void petSuvFromTheWrittenHeaderMatchesTheTruthAndDiciodvfyAccepts() throws Exception {
        Twin twin = DigitalTwin.simulate(21, 1, SpectSettings.DEFAULTS.withScanHours(List.of(24.0)), true);
        TwinWriter.write(twin, dir);
        DiagnosticWorkup d = twin.diagnostic().orElseThrow();
        // netra's own SUV factor from the PET header (injection, dose, 68Ga half-life, weight) applied to the
        // liver's mean: the truth's SUVmean within noise and spill (a large organ at 6 mm FWHM)
        var series = SeriesAssembler.assemble(dir.resolve("diagnostic/pet-060min"));
        SuvFactor f = Suv.factor(AcquisitionFacts.of(series), new SuvNormalisation.BodyWeight());
        assertThat(f).isInstanceOf(SuvFactor.Defined.class);
        double factor = ((SuvFactor.Defined) f).factor();
        var liver = twin.phantom().mask(Voi.STANDARD.get(4));
        double sum = 0;
        float[] v = series.volume().voxels();
        for (int i = liver.next(0); i >= 0; i = liver.next(i + 1)) {
            sum += v[i];
        }
        double measured = sum / liver.voxelCount() * factor;
        double truth = d.truth().stream()
                .filter(x -> x.voi().equals("Liver"))
                .findFirst()
                .orElseThrow()
                .petSuvMean();
        assertThat(measured).isCloseTo(truth, within(truth * 0.06));
        // the kinetics changed nuclide: 68Ga decays in 68 min, so its activity at 1 h is below 177Lu's
        assertThat(SimulatedTracer.GA68_DOTATATE.halfLifeHours()).isCloseTo(67.71 / 60, within(0.01));
        assertThat(d.truth().stream().filter(x -> x.voi().startsWith("Tumour")))
                .allSatisfy(x -> assertThat(x.krenning()).isBetween(1, 4));
        Path dciodvfy = Path.of("/usr/bin/dciodvfy");
        ExternalTool.require("dciodvfy", "dicom3tools");
        for (String folder : List.of("diagnostic/pet-060min", "diagnostic/srs-024h")) {
            var r = ExternalTool.run(List.of(
                    dciodvfy.toString(),
                    dir.resolve(folder).resolve("slice-050.dcm").toString()));
            assertThat((r.out() + r.err()).lines().filter(l -> l.startsWith("Error")))
                    .as(folder + "\n" + r.err())
                    .isEmpty();
        }
    }
}
