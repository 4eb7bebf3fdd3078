package org.netra.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class NuclideCommandTest {
    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var cl = Main.commandLine(args);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void jsonCarriesTheIcrpFigures() throws Exception {
        Run r = run("nuclide", "177Lu", "--json");
        assertThat(r.exit()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("name").asText()).isEqualTo("Lu-177");
        assertThat(j.get("halfLifeSeconds").asDouble()).isCloseTo(6.647 * 86400, within(1e-6));
        assertThat(j.at("/meanEnergyPerDecayMeV/electron").asDouble()).isCloseTo(0.14792, within(1e-9));
        assertThat(j.at("/meanEnergyPerDecayMeV/photon").asDouble()).isCloseTo(0.03509, within(1e-9));
        assertThat(j.at("/meanEnergyPerDecayMeV/alpha").asDouble()).isZero();
        assertThat(j.at("/gammaLines/0/energyKeV").asDouble()).isCloseTo(208.366, within(1e-6));
        assertThat(j.at("/gammaLines/0/yieldPerDecay").asDouble()).isCloseTo(0.11, within(1e-9));
    }

    @Test
    void unknownNuclideIsOneClearSentence() {
        Run r = run("nuclide", "Lu-1777");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .contains("unknown nuclide 'Lu-1777'")
                .contains("Lu-177")
                .doesNotContain("Exception");
    }

    @Test
    void versionAndHelp() {
        assertThat(run("--version").out()).contains("netra 0.1.0");
        assertThat(run("--help").out()).contains("nuclide").contains("demo");
    }
}
