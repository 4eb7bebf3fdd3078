package org.netra.dosimetry.cycle;

import org.netra.dosimetry.organ.Phantom;
import org.netra.dosimetry.voxel.KernelMedium;

/** How a cycle's time-integrated activity becomes absorbed dose. */
public sealed interface DoseMethod {
    /** The name the CLI and reports use. */
    String label();

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
    record OrganS(Phantom phantom) implements DoseMethod {
        @Override
        public String label() {
            return "organ-s";
        }
    }
}
