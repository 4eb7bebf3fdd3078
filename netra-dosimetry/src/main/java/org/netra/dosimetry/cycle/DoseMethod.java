package org.netra.dosimetry.cycle;

import org.netra.dosimetry.organ.ReferencePhantom;
import org.netra.dosimetry.voxel.KernelMedium;

/** How a cycle's time-integrated activity becomes absorbed dose. */
public sealed interface DoseMethod {
    /** The name the CLI and reports use. */
    String label();

    /** The labels of the methods, as {@link #parse} reads them. */
    java.util.List<String> LABELS = java.util.List.of("voxel-kernel", "local-deposition", "organ-s", "monte-carlo");

    /**
     * The method of a label (any case); an unknown label is refused, never taken for the default.
     *
     * @param phantom the phantom for organ-s
     */
    static DoseMethod parse(String label, ReferencePhantom phantom) {
        return switch (label.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "voxel-kernel" -> new VoxelKernel(KernelMedium.SOFT_TISSUE);
            case "local-deposition" -> new LocalDeposition();
            case "organ-s" -> new OrganS(phantom);
            case "monte-carlo" -> new MonteCarlo(org.netra.dosimetry.montecarlo.MonteCarloSettings.defaults());
            default ->
                throw new CycleInputException("the dose method must be one of " + LABELS + ", got '" + label + "'");
        };
    }

    /** Convolution of the voxel TIA map with Lanconelli's dose-voxel kernel, resampled to the image's voxels. */
    record VoxelKernel(KernelMedium medium) implements DoseMethod {
        @Override
        public String label() {
            return "voxel-kernel";
        }
    }

    /** Every decay's non-penetrating energy absorbed in its own voxel. */
    record LocalDeposition() implements DoseMethod {
        @Override
        public String label() {
            return "local-deposition";
        }
    }

    /**
     * Region level: D = Ã·S per VOI with the self-dose S-value only. VOIs named as an organ ("Liver", "Spleen",
     * "Kidney", "kidney_L", "Right kidney"; not "lesion in liver") take
     * OpenDose's S-value of the phantom, scaled to the VOI's mass; any other VOI (a tumour) the sphere model of
     * its volume. No dose map.
     */
    record OrganS(ReferencePhantom phantom) implements DoseMethod {
        @Override
        public String label() {
            return "organ-s";
        }
    }

    /**
     * Photon transport through the patient's CT (or soft tissue without one) with electrons deposited in their
     * voxel ({@link org.netra.dosimetry.montecarlo.MonteCarloDose}), run beside the voxel kernel: each VOI's two
     * doses are compared and differences beyond 5 % flagged.
     */
    record MonteCarlo(org.netra.dosimetry.montecarlo.MonteCarloSettings settings) implements DoseMethod {
        @Override
        public String label() {
            return "monte-carlo";
        }
    }
}
