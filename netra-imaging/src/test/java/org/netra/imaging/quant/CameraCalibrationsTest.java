package org.netra.imaging.quant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which factor a series' header selects, what is assumed where the header is silent, and what is refused. */
class CameraCalibrationsTest {
    static final CameraCalibration.CameraIdentity ROOM2 =
            new CameraCalibration.CameraIdentity("SIEMENS NM", "Encore2", "NM-ROOM-2");
    static final EnergyWindow LU_PEAK = new EnergyWindow(208, 41.6);

    static CameraCalibration factor(String id, String collimator, EnergyWindow w, double cps, LocalDate on) {
        return new CameraCalibration(id, ROOM2, collimator, w, "Lu-177", cps, on, "A. Physicist");
    }

    static CameraSetup setup(Optional<String> collimator, List<EnergyWindow> windows) {
        return new CameraSetup(
                "scan-1",
                "SIEMENS NM",
                "Encore2",
                Optional.empty(),
                Optional.of("NM-ROOM-2"), // matched by serial when the station name is absent
                collimator,
                windows,
                Optional.of("Lu-177"),
                Optional.of(Duration.ofMinutes(25)));
    }

    static final LocalDate SCAN = LocalDate.of(2026, 3, 1);

    @Test
    void theLatestFactorOfTheStatedSetUpIsUsed() {
        var table = new CameraCalibrations(
                List.of(
                        factor("melp-2025", "MELP", LU_PEAK, 12.1, LocalDate.of(2025, 6, 1)),
                        factor("melp-2026", "MELP", LU_PEAK, 12.4, LocalDate.of(2026, 1, 10)),
                        factor("hegp-2026", "HEGP", LU_PEAK, 9.0, LocalDate.of(2026, 1, 10)),
                        factor("melp-113", "MELP", new EnergyWindow(113, 22.6), 5.0, LocalDate.of(2026, 1, 10))),
                CameraCalibrations.DEFAULT_MAX_AGE);
        // DICOM states limits; a scatter window beside the photopeak does not matter
        var m = table.match(
                setup(Optional.of("melp"), List.of(EnergyWindow.ofLimits(187.2, 228.8), new EnergyWindow(170, 20))),
                SCAN);
        assertThat(m.calibration().id()).isEqualTo("melp-2026");
        assertThat(m.assumed()).isEmpty();
        assertThat(m.old()).isFalse();
    }

    @Test
    void aSilentHeaderUsesTheOnlyFactorLeftAndSaysSo() {
        var one = new CameraCalibrations(
                List.of(factor("melp-2026", "MELP", LU_PEAK, 12.4, LocalDate.of(2026, 1, 10))),
                CameraCalibrations.DEFAULT_MAX_AGE);
        var m = one.match(setup(Optional.empty(), List.of()), SCAN);
        assertThat(m.calibration().id()).isEqualTo("melp-2026");
        assertThat(String.join("; ", m.assumed()))
                .contains("collimator (0018,1180)", "energy windows (0054,0012)", "used melp-2026");

        var two = new CameraCalibrations(
                List.of(
                        factor("melp-2026", "MELP", LU_PEAK, 12.4, LocalDate.of(2026, 1, 10)),
                        factor("hegp-2026", "HEGP", LU_PEAK, 9.0, LocalDate.of(2026, 1, 10))),
                CameraCalibrations.DEFAULT_MAX_AGE);
        assertThatThrownBy(() -> two.match(setup(Optional.empty(), List.of(LU_PEAK)), SCAN))
                .isInstanceOf(MissingCalibrationException.class)
                .hasMessageContaining("several calibrations fit")
                .hasMessageContaining("melp-2026")
                .hasMessageContaining("hegp-2026");
    }

    @Test
    void anOldFactorIsFlaggedByTheConfiguredAge() {
        var f = factor("melp-2025", "MELP", LU_PEAK, 12.1, LocalDate.of(2025, 6, 1));
        var s = setup(Optional.of("MELP"), List.of(LU_PEAK));
        assertThat(new CameraCalibrations(List.of(f), Period.ofMonths(12))
                        .match(s, SCAN)
                        .old())
                .isFalse();
        assertThat(new CameraCalibrations(List.of(f), Period.ofMonths(6))
                        .match(s, SCAN)
                        .old())
                .isTrue();
    }

    @Test
    void anotherCameraOrNuclideHasNoFactor() {
        var table = new CameraCalibrations(
                List.of(factor("melp-2026", "MELP", LU_PEAK, 12.4, LocalDate.of(2026, 1, 10))),
                CameraCalibrations.DEFAULT_MAX_AGE);
        var otherRoom = new CameraSetup(
                "scan-2",
                "SIEMENS NM",
                "Encore2",
                Optional.of("NM-ROOM-3"),
                Optional.empty(),
                Optional.of("MELP"),
                List.of(LU_PEAK),
                Optional.of("Lu-177"),
                Optional.empty());
        assertThatThrownBy(() -> table.match(otherRoom, SCAN))
                .isInstanceOf(MissingCalibrationException.class)
                .hasMessageContaining("scan-2")
                .hasMessageContaining("station NM-ROOM-3");
        var indium = new CameraSetup(
                "scan-3",
                "SIEMENS NM",
                "Encore2",
                Optional.empty(),
                Optional.of("NM-ROOM-2"),
                Optional.of("MELP"),
                List.of(LU_PEAK),
                Optional.of("In-111"),
                Optional.empty());
        assertThatThrownBy(() -> table.match(indium, SCAN))
                .isInstanceOf(MissingCalibrationException.class)
                .hasMessageContaining("nuclide In-111");
        assertThatThrownBy(() -> new CameraCalibrations(
                        List.of(factor("a", "MELP", LU_PEAK, 1, SCAN), factor("a", "HEGP", LU_PEAK, 1, SCAN)),
                        CameraCalibrations.DEFAULT_MAX_AGE))
                .hasMessageContaining("two calibrations have the id 'a'");
    }
}
