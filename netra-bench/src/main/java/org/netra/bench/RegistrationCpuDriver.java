package org.netra.bench;

import java.lang.management.ManagementFactory;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.netra.dosimetry.cycle.Alignment;
import org.netra.dosimetry.cycle.TimePointImage;
import org.netra.imaging.volume.ImageVolume;
import org.netra.sim.anatomy.Phantom;
import org.netra.sim.spect.SpectScan;
import org.netra.sim.spect.SpectSettings;
import org.netra.sim.twin.DigitalTwin;
import org.netra.sim.twin.Twin;

/**
 * Registration cost and accuracy on digital twins whose later sessions netra-sim moved by 5 mm (and ≤ 1° per
 * axis): both of {@link Alignment}'s registrations (through the CTs, and SPECT to SPECT by NMI), timed in CPU
 * seconds of the whole process (what a loaded machine does not inflate much, unlike wall time), each with the
 * largest distance between where the found and the true motion send the body's voxels.
 * Usage: {@code java -cp … org.netra.bench.RegistrationCpuDriver [runs] [seeds…]} (default 5 runs, seeds 1 2 10).
 */
public final class RegistrationCpuDriver {
    private static final LocalDateTime INJECTION = LocalDateTime.of(2026, 3, 2, 9, 0);

    private RegistrationCpuDriver() {}

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        long[] seeds = args.length > 1
                ? Arrays.stream(args, 1, args.length).mapToLong(Long::parseLong).toArray()
                : new long[] {1, 2, 10};
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.println("load: " + Arrays.toString(loadAverage()));
        for (long seed : seeds) {
            Twin twin = DigitalTwin.simulate(seed, 1, SpectSettings.DEFAULTS.withMisalignment(5));
            Phantom phantom = twin.phantom();
            List<SpectScan> scans = twin.cycles().get(0).scans();
            List<TimePointImage> tps = new ArrayList<>();
            List<ImageVolume> cts = new ArrayList<>();
            for (SpectScan s : scans) {
                tps.add(new TimePointImage(
                        s.hoursAfterInjection() + " h",
                        s.image(),
                        INJECTION.plusMinutes(Math.round(s.hoursAfterInjection() * 60))));
                cts.add(s.ct(phantom));
            }
            for (String how : new String[] {"ct", "rigid"}) {
                double[] cpu = new double[runs];
                Alignment.Aligned aligned = null;
                // one warm-up run, then the measured ones
                for (int r = -1; r < runs; r++) {
                    long c0 = os.getProcessCpuTime();
                    aligned = how.equals("ct")
                            ? Alignment.alignByCt(tps, cts)
                            : Alignment.align(tps, Alignment.Mode.RIGID);
                    long c1 = os.getProcessCpuTime();
                    if (r >= 0) {
                        cpu[r] = (c1 - c0) / 1e9;
                    }
                }
                StringBuilder errors = new StringBuilder();
                StringBuilder evaluations = new StringBuilder();
                for (int i = 1; i < scans.size(); i++) {
                    var found = aligned.registrations().get(i).orElseThrow();
                    errors.append(String.format(
                            Locale.ROOT,
                            " %.2f",
                            phantom.largestDisplacementMm(
                                    found.transform(), scans.get(i).motion())));
                    evaluations.append(' ').append(found.evaluations());
                }
                Arrays.sort(cpu);
                System.out.printf(
                        Locale.ROOT,
                        "seed %d, %s registration of %d later scans: median CPU %.3f s over %d runs;"
                                + " worst body-voxel error per scan, mm:%s; evaluations:%s%n",
                        seed,
                        how,
                        scans.size() - 1,
                        cpu[runs / 2],
                        runs,
                        errors,
                        evaluations);
            }
        }
        System.out.println("load: " + Arrays.toString(loadAverage()));
    }

    private static double[] loadAverage() {
        return new double[] {ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()};
    }
}
