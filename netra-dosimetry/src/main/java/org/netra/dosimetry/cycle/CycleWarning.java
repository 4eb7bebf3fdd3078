package org.netra.dosimetry.cycle;

import java.util.Locale;

/**
 * Something about a cycle's result the physicist must see before acting on it. Each says what was found, with
 * its numbers, and what to do.
 */
public sealed interface CycleWarning {
    /** The VOI it concerns, or "" for the whole cycle. */
    String voi();

    /** The warning in words. */
    String message();

    /** A short stable code for the JSON and the pages. */
    default String code() {
        return switch (this) {
            case ShortEffectiveHalfLife w -> "short-effective-half-life";
            case EffectiveHalfLifeBeyondPhysical w -> "effective-half-life-beyond-physical";
            case StillRising w -> "still-rising";
            case MostlyExtrapolated w -> "mostly-extrapolated";
            case UnmeasuredBeforeFirstScan w -> "unmeasured-before-first-scan";
            case UnregisteredMotion w -> "unregistered-motion";
            case SinglePointFarFromEffectiveHalfLife w -> "single-point-far-from-effective-half-life";
            case SinglePointAwayFromRecommendedTime w -> "single-point-away-from-recommended-time";
            case ImageBasedMarrow w -> "image-based-marrow";
            case NoPartialVolumeCorrection w -> "no-partial-volume-correction";
            case OldCalibration w -> "old-calibration";
            case CalibrationAssumed w -> "calibration-assumed";
            case MonteCarloDisagrees w -> "monte-carlo-disagrees";
            case MonteCarloElectronsBeyondVoxel w -> "monte-carlo-electrons-beyond-voxel";
        };
    }

    /** T_eff below {@link CyclePipeline#MIN_PLAUSIBLE_TEFF_HOURS}: the curve clears faster than plausible. */
    record ShortEffectiveHalfLife(String voi, double effectiveHalfLifeH) implements CycleWarning {
        @Override
        public String message() {
            return String.format(
                    Locale.ROOT,
                    "%s: effective half-life %.2f h is implausibly short (< %.0f h); check the time points and the"
                            + " VOI (misregistration, a wrong acquisition time)",
                    voi,
                    effectiveHalfLifeH,
                    CyclePipeline.MIN_PLAUSIBLE_TEFF_HOURS);
        }
    }

    /**
     * The last two scans clear more slowly than the nuclide decays: an apparent effective half-life longer than the
     * physical one, impossible for activity that is only retained (netra's fits cannot follow it and the TIA falls
     * back to a physical tail).
     */
    record EffectiveHalfLifeBeyondPhysical(String voi, double effectiveHalfLifeH, double physicalHalfLifeH)
            implements CycleWarning {
        @Override
        public String message() {
            return String.format(
                    Locale.ROOT,
                    "%s: between the last two scans the activity clears with an apparent half-life of %.1f h, longer"
                            + " than the physical %.1f h; check the scans' calibration, decay correction and"
                            + " registration",
                    voi,
                    effectiveHalfLifeH,
                    physicalHalfLifeH);
        }
    }

    /** The activity still rises at the last scan: peak and washout unmeasured, TIA by physical decay. */
    record StillRising(String voi, double lastHours) implements CycleWarning {
        @Override
        public String message() {
            return String.format(
                    Locale.ROOT,
                    "%s: activity still rising at the last scan (%.1f h); the TIA assumes physical decay after it,"
                            + " an upper bound: add a later scan",
                    voi,
                    lastHours);
        }
    }

    /** More than half the TIA lies after the last scan. */
    record MostlyExtrapolated(String voi, double fraction) implements CycleWarning {
        @Override
        public String message() {
            return String.format(
                    Locale.ROOT,
                    "%s: %.0f %% of the time-integrated activity lies after the last scan (extrapolated); add a"
                            + " later scan",
                    voi,
                    100 * fraction);
        }
    }

    /**
     * The VOI clears so fast between the first two scans that much of its TIA falls before the first scan, where
     * no scan measured it: its dose rests on how the activity rose after injection, which the scans cannot tell
     * (the bladder, filled and emptied by urine within hours, imaged from 4 h on). The shares bound that part by a
     * linear rise from injection and by uptake at injection; {@code halfBand} is the resulting relative
     * uncertainty of the TIA (± about the middle of the two). A clearance half-life of 0 means that the second scan
     * shows no activity at all. {@code middleTaken}: the VOI is a urinary bladder whose TIA took the middle of the
     * two ({@link org.netra.dosimetry.kinetics.BladderKinetics}), half their range in its SD.
     */
    record UnmeasuredBeforeFirstScan(
            String voi,
            double firstHours,
            double secondHours,
            double clearanceHalfLifeH,
            double shareLow,
            double shareHigh,
            double halfBand,
            boolean middleTaken)
            implements CycleWarning {
        @Override
        public String message() {
            if (clearanceHalfLifeH == 0) {
                return String.format(
                        Locale.ROOT,
                        "%s: no activity left at %.0f h of what the scan at %.0f h showed: its time-integrated"
                                + " activity lies mostly before the first scan, which no scan measures, so its dose"
                                + " is not determined by these scans; add a scan within a few hours of injection",
                        voi,
                        secondHours,
                        firstHours);
            }
            return String.format(
                    Locale.ROOT,
                    "%s: clears with a half-life of %.1f h between the scans at %.0f h and %.0f h, so %.0f–%.0f %% of"
                            + " its time-integrated activity falls before the first scan, which no scan measures"
                            + " (activity rising linearly from injection … taken up at injection): its dose is"
                            + " uncertain by about ±%.0f %% whatever the fit%s; add a scan within a few hours of"
                            + " injection",
                    voi,
                    clearanceHalfLifeH,
                    firstHours,
                    secondHours,
                    100 * shareLow,
                    100 * shareHigh,
                    100 * halfBand,
                    middleTaken
                            ? " (as a urinary bladder, empty at injection, its TIA takes the middle of the two and"
                                    + " counts half their range in its SD)"
                            : "");
        }
    }

    /** A later scan's CT shows the patient moved, but the scans were not registered. */
    record UnregisteredMotion(String source, double shiftMm) implements CycleWarning {
        @Override
        public String voi() {
            return "";
        }

        @Override
        public String message() {
            return String.format(
                    Locale.ROOT,
                    "time point %s: its CT's body moved %.1f mm from the reference scan's but the scans were not"
                            + " registered; use registration ct (or rigid)",
                    source,
                    shiftMm);
        }
    }

    /** One scan integrated by Hänscheid's formula at a time far from the effective half-life it assumes. */
    record SinglePointFarFromEffectiveHalfLife(String voi, double scanHours, double expectedTeffH)
            implements CycleWarning {
        @Override
        public String message() {
            return String.format(
                    Locale.ROOT,
                    "%s: single time point at %.1f h integrated by Hänscheid's formula, which is exact only when"
                            + " the scan is at T_eff; the expected T_eff is %.0f h, so the TIA may be off by tens of"
                            + " per cent: scan nearer T_eff or add time points",
                    voi,
                    scanHours,
                    expectedTeffH);
        }
    }

    /**
     * One scan integrated by the population method at a time where the unknown half-life alone leaves the TIA
     * more than {@link CyclePipeline#POPULATION_STP_LOG_SD_LIMIT} uncertain (1 SD).
     */
    record SinglePointAwayFromRecommendedTime(String voi, double scanHours, double recommendedH, double relativeSd)
            implements CycleWarning {
        @Override
        public String message() {
            return String.format(
                    Locale.ROOT,
                    "%s: single time point at %.1f h integrated with the population prior; at this time the"
                            + " patient's unknown effective half-life alone makes the TIA ±%.0f %% (1 SD, see its 90 %%"
                            + " interval); a scan at %.0f h would be most informative, or add time points",
                    voi,
                    scanHours,
                    100 * relativeSd,
                    recommendedH);
        }
    }

    /** A marrow VOI's dose from images: unreliable at 177Lu's resolution and schedule. */
    record ImageBasedMarrow(String voi) implements CycleWarning {
        @Override
        public String message() {
            return voi + ": the marrow dose is image-based (spill-in from kidneys and bone lesions, the blood phase"
                    + " missed by the scans); use the blood-based marrow dose for the 2 Gy limit";
        }
    }

    /** The partial-volume correction was switched off: organ and tumour doses are under-read. */
    record NoPartialVolumeCorrection() implements CycleWarning {
        @Override
        public String voi() {
            return "";
        }

        @Override
        public String message() {
            return "no partial-volume correction: kidney doses read ≈ 11 % and tumours ≥ 5 mL ≈ 30 % low on the"
                    + " digital twins (docs/benchmarks.md)";
        }
    }

    /** A time point in counts converted with a calibration factor measured longer ago than the department allows. */
    record OldCalibration(String source, String calibrationId, java.time.LocalDate measuredOn, String maxAge)
            implements CycleWarning {
        @Override
        public String voi() {
            return "";
        }

        @Override
        public String message() {
            return "time point " + source + ": converted from counts with calibration " + calibrationId
                    + " measured " + measuredOn + ", more than " + maxAge + " before the scan; re-measure the"
                    + " camera's sensitivity and update netra's camera calibrations";
        }
    }

    /** A time point in counts whose header lacks the collimator or window: the one factor left was used. */
    record CalibrationAssumed(String source, java.util.List<String> assumed) implements CycleWarning {
        public CalibrationAssumed {
            assumed = java.util.List.copyOf(assumed);
        }

        @Override
        public String voi() {
            return "";
        }

        @Override
        public String message() {
            return "time point " + source + ": " + String.join("; ", assumed)
                    + "; check that this is the set-up the scan was acquired with";
        }
    }

    /**
     * The Monte Carlo and the kernel method differ by more than {@link MonteCarloComparison#FLAG_ABOVE} in a VOI, or
     * (beyond it by more than its SD) in a region netra drew around a tumour or kidney ("Tumour_lung · adjoining
     * lung"). They model different things: the Monte Carlo transports photons and electrons through the patient's own
     * tissue (bone, lung, air from the CT); the kernel spreads them as in uniform soft tissue scaled by density.
     */
    record MonteCarloDisagrees(String voi, double monteCarloGy, double monteCarloSdGy, double kernelGy)
            implements CycleWarning {
        @Override
        public String message() {
            return String.format(
                    Locale.ROOT,
                    "%s: Monte Carlo %.3f ± %.3f Gy (statistical, 1 SD) against the voxel kernel's %.3f Gy, %+.1f %%;"
                            + " the kernel assumes soft tissue around every voxel, the Monte Carlo follows the CT's"
                            + " bone, lung and air: look at the tissue there before choosing which to report",
                    voi,
                    monteCarloGy,
                    monteCarloSdGy,
                    kernelGy,
                    100 * (monteCarloGy - kernelGy) / kernelGy);
        }
    }

    /** The nuclide's electrons reach beyond half a voxel, so the Monte Carlo's local deposition sharpens the map. */
    record MonteCarloElectronsBeyondVoxel(String statement) implements CycleWarning {
        @Override
        public String voi() {
            return "";
        }

        @Override
        public String message() {
            return "Monte Carlo " + statement + ": its voxel doses are sharper than the truth and VOI means near"
                    + " an activity edge too high; prefer the voxel kernel for this nuclide's voxel doses";
        }
    }
}
