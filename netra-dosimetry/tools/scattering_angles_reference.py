#!/usr/bin/python3
"""Writes the reference angular distributions netra's bound Compton and Rayleigh sampling is tested against.

    /usr/bin/python3 netra-dosimetry/tools/scattering_angles_reference.py \
        > netra-dosimetry/src/test/resources/org/netra/dosimetry/montecarlo/scattering-angle-cdf.tsv

For water and ICRU 46 cortical bone (the compositions netra's photon_cross_sections.py writes) at 30 and 60 keV,
the cumulative distribution of cos(theta) of an incoherent (Compton) and a coherent (Rayleigh) scatter,
P(cos < c), from xraylib's own differential cross sections per element (DCS_Compt = Klein-Nishina x S(x, Z),
DCS_Rayl = Thomson x F(x, Z)^2, cm^2/g/sr) summed by mass fraction and integrated over cos(theta) by scipy's
adaptive quadrature. Nothing here passes through netra's resource, its mixing, its interpolation or its sampling.
The c grid is uniform in sin(theta/2) (0..1, 201 points), dense at the forward angles where Rayleigh scattering is.
"""
import math
import os
import sys

import xraylib
from scipy import integrate

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from photon_cross_sections import ICRU  # noqa: E402

MEDIA = ["Water", "ICRU46-CorticalBone"]
ENERGIES_KEV = [30.0, 60.0]
POINTS = 201


def dcs(process, composition, e, cos_theta):
    theta = math.acos(max(-1.0, min(1.0, cos_theta)))
    if process == "compton" and xraylib.MomentTransf(e, theta) < 1e-3:
        # xraylib's S(x, Z) starts at x = 1e-3 (S there is 1e-5 of Z; S -> 0 as x^2): no scatter counted below
        return 0.0
    total = sum(composition.values())
    f = xraylib.DCS_Compt if process == "compton" else xraylib.DCS_Rayl
    return sum(w / total * f(xraylib.SymbolToAtomicNumber(s), e, theta) for s, w in composition.items())


def main():
    # cos = 1 - 2 s^2 for s = sin(theta/2) uniform: ascending cos from -1 (s = 1) to 1 (s = 0)
    cosines = sorted(1 - 2 * (i / (POINTS - 1)) ** 2 for i in range(POINTS))
    print("# P(cos theta < c) of one scatter, from xraylib " + xraylib.__version__
          + " DCS_Compt / DCS_Rayl by mass fraction, scipy.integrate.quad;"
          + " written by netra-dosimetry/tools/scattering_angles_reference.py")
    print("cos_theta\t" + "\t".join(f"{c:.10g}" for c in cosines))
    for name in MEDIA:
        comp = ICRU[name]
        for e in ENERGIES_KEV:
            for process in ("compton", "rayleigh"):
                pieces = [integrate.quad(lambda c: dcs(process, comp, e, c), a, b, epsabs=0, epsrel=1e-10)[0]
                          for a, b in zip(cosines, cosines[1:])]
                total = sum(pieces)
                cdf, run = [0.0], 0.0
                for p in pieces:
                    run += p
                    cdf.append(run / total)
                print(f"{name}\t{process}\t{e:g}\t" + "\t".join(f"{v:.10g}" for v in cdf))


if __name__ == "__main__":
    main()
