package org.netra.dosimetry.voxel;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * Whether netra's explicit SIMD code ({@link VectorButterflies}, {@link SimdTranspose}, the voxel kinetics' vector
 * pass) runs: the JDK's Vector API is there to use, C2 compiles it, and it is not switched off with
 * {@code -Dnetra.fft.simd=false}. Code that uses the Vector API is only loaded when {@link #OPEN}.
 */
public final class SimdGate {
    /** True when the vector code is to run (see the class comment). */
    public static final boolean OPEN = usable();

    private SimdGate() {}

    /**
     * The Vector API pays only once C2 compiles it to SIMD instructions: under C1 alone
     * ({@code -XX:TieredStopAtLevel=1}, netra's one-shot CLI) or the interpreter every vector is an object and one
     * 256×256×199 convolution took over 5 minutes against 0.4 CPU-s for the scalar passes, so the module alone does
     * not switch them on.
     */
    private static boolean usable() {
        if ("false".equals(System.getProperty("netra.fft.simd"))
                || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()
                || System.getProperty("java.vm.info", "").contains("interpreted")) {
            return false;
        }
        var vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        if (vm == null) {
            return false; // not HotSpot: no way to tell which compiler runs, so the passes that are never slow
        }
        boolean tiered =
                Boolean.parseBoolean(vm.getVMOption("TieredCompilation").getValue());
        return !tiered || Integer.parseInt(vm.getVMOption("TieredStopAtLevel").getValue()) >= 4;
    }
}
