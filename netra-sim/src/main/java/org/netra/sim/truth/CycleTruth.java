package org.netra.sim.truth;

import java.util.List;

/** The truth of one cycle: the administered activity and every VOI's truth. */
public record CycleTruth(int cycle, double administeredMBq, String doseMethod, List<VoiTruth> vois) {
    public CycleTruth {
        vois = List.copyOf(vois);
    }

    public VoiTruth voi(String name) {
        return vois.stream()
                .filter(v -> v.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "no VOI called '" + name + "' in the truth of cycle " + cycle + "; it has "
                                + vois.stream().map(VoiTruth::name).toList()));
    }
}
