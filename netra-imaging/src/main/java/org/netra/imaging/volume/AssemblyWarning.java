package org.netra.imaging.volume;

import java.util.Locale;

/** Something odd about a series that did not stop it being assembled, but that a reader must know. */
public sealed interface AssemblyWarning {
    String message();

    /**
     * Slices missing along the stack: the step at {@code positionMm} (along the slice normal) was
     * {@code stepMm}, {@code missing} times the regular spacing; the missing slices are zeros.
     */
    record Gap(double positionMm, double stepMm, double spacingMm, int missing) implements AssemblyWarning {
        @Override
        public String message() {
            return String.format(
                    Locale.ROOT,
                    "gap of %.3f mm after the slice at %.3f mm (spacing %.3f mm): %d missing slice(s) filled with"
                            + " zeros",
                    stepMm,
                    positionMm,
                    spacingMm,
                    missing);
        }
    }

    /** Slice steps differ by more than the tolerance; slices are stacked at the median step. */
    record UnevenSpacing(double minStepMm, double maxStepMm, double usedMm) implements AssemblyWarning {
        @Override
        public String message() {
            return String.format(
                    Locale.ROOT,
                    "uneven slice spacing %.4f–%.4f mm; stacked at %.4f mm, so positions along the stack are"
                            + " approximate: resample the series to a regular grid for geometry-critical work",
                    minStepMm,
                    maxStepMm,
                    usedMm);
        }
    }

    /** The series has no position or orientation: the volume sits at the origin, axis-aligned. */
    record NoPatientPosition(String detail) implements AssemblyWarning {
        @Override
        public String message() {
            return "no patient position/orientation (" + detail
                    + "): the volume is placed at the origin with identity direction cosines";
        }
    }

    /** Other series in the same folder, left out because another one was chosen. */
    record OtherSeriesIgnored(String seriesInstanceUid, String modality, int files) implements AssemblyWarning {
        @Override
        public String message() {
            return "ignored another series (" + modality + ", " + files + " files, UID " + seriesInstanceUid + ")";
        }
    }

    /** Files that are not DICOM images (non-DICOM files, structure sets, segmentations) were skipped. */
    record FilesSkipped(int count, String example, String reason) implements AssemblyWarning {
        @Override
        public String message() {
            return "skipped " + count + " file(s) (e.g. " + example + "): " + reason;
        }
    }
}
