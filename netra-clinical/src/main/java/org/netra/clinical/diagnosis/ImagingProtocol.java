package org.netra.clinical.diagnosis;

import java.time.Duration;
import java.util.List;

/** The nuclear-medicine examinations of the NET pathway (docs/DOMAIN.md §1). */
public sealed interface ImagingProtocol {
    Tracer tracer();

    /** When images are taken, counted from the injection. */
    List<Duration> scanTimes();

    /**
     * Somatostatin-receptor scintigraphy: 111In-pentetreotide on day 1, planar whole body and SPECT/CT at
     * about 4 h, 24 h and often 48 h.
     */
    record SomatostatinReceptorScintigraphy(List<Duration> scanTimes) implements ImagingProtocol {
        public static final List<Duration> DEFAULT_SCANS =
                List.of(Duration.ofHours(4), Duration.ofHours(24), Duration.ofHours(48));

        public SomatostatinReceptorScintigraphy {
            scanTimes = checked(scanTimes, "SRS");
        }

        public static SomatostatinReceptorScintigraphy standard() {
            return new SomatostatinReceptorScintigraphy(DEFAULT_SCANS);
        }

        @Override
        public Tracer tracer() {
            return Tracer.IN111_PENTETREOTIDE;
        }
    }

    /** Whole-body bone scintigraphy with a 99mTc-diphosphonate, imaged about 3 h after injection. */
    record BoneScintigraphy(List<Duration> scanTimes) implements ImagingProtocol {
        public BoneScintigraphy {
            scanTimes = checked(scanTimes, "bone scintigraphy");
        }

        public static BoneScintigraphy standard() {
            return new BoneScintigraphy(List.of(Duration.ofHours(3)));
        }

        @Override
        public Tracer tracer() {
            return Tracer.TC99M_DIPHOSPHONATE;
        }
    }

    /** MIBG scintigraphy with 123I or 131I, imaged hours to days after injection. */
    record MibgScintigraphy(Tracer tracer, List<Duration> scanTimes) implements ImagingProtocol {
        public MibgScintigraphy {
            if (tracer != Tracer.I123_MIBG && tracer != Tracer.I131_MIBG) {
                throw new IllegalArgumentException("MIBG scintigraphy uses 123I- or 131I-MIBG, not " + tracer.label());
            }
            scanTimes = checked(scanTimes, "MIBG scintigraphy");
        }

        public static MibgScintigraphy i123() {
            return new MibgScintigraphy(Tracer.I123_MIBG, List.of(Duration.ofHours(24)));
        }
    }

    /** PET/CT, quantified in SUV. */
    record PetCt(Tracer tracer, List<Duration> scanTimes) implements ImagingProtocol {
        public PetCt {
            if (tracer.modality() != Modality.PET_CT) {
                throw new IllegalArgumentException(tracer.label() + " is not a PET tracer");
            }
            scanTimes = checked(scanTimes, "PET/CT");
        }

        /** One scan after the usual uptake time (60 min; 68Ga-SSTR tracers 45–60 min). */
        public static PetCt of(Tracer tracer) {
            return new PetCt(tracer, List.of(Duration.ofMinutes(60)));
        }
    }

    private static List<Duration> checked(List<Duration> times, String what) {
        if (times == null || times.isEmpty()) {
            throw new IllegalArgumentException(what + " needs at least one scan time");
        }
        for (Duration t : times) {
            if (t.isNegative() || t.isZero()) {
                throw new IllegalArgumentException(what + ": scan time " + t + " must be after the injection");
            }
        }
        return List.copyOf(times.stream().sorted().toList());
    }
}
