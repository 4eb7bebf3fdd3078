#!/usr/bin/python3
"""Writes netra's photon cross-section resource for the Monte Carlo transport.

Run with Debian's interpreter (xraylib is a Debian package, not on PyPI's pyenv here):

    apt-get install -y python3-xraylib
    /usr/bin/python3 netra-dosimetry/tools/photon_cross_sections.py \
        ../shared/data/ct-density/Schneider2000MaterialsTable.txt \
        > netra-dosimetry/src/main/resources/org/netra/dosimetry/montecarlo/photon-cross-sections.tsv

The output is deterministic (same xraylib version, same table, same bytes). What it holds:

* per element of the media below, the mass attenuation coefficients (cm^2/g) of photoelectric absorption
  (xraylib CS_Photo), incoherent scattering with binding (CS_Compt) and coherent scattering (CS_Rayl), on a
  logarithmic grid of 1 keV .. 3 MeV;
* per element its atomic weight (xraylib AtomicWeight), its incoherent scattering function S(x, Z)
  (SF_Compt) and its coherent atomic form factor F(x, Z) (FF_Rayl) on a momentum-transfer grid
  x = sin(theta/2)/lambda of 0 and 1e-3 .. 1e3 per angstrom: the binding corrections to the Klein-Nishina
  and Thomson angular distributions (the transport samples Compton angles from KN x S and Rayleigh angles
  from Thomson x F^2; the totals stay CS_Compt and CS_Rayl, which already hold the same S and F);
* the media: the Schneider et al. 2000 materials (their HU bins, read from the table GATE ships) and ICRU 44/46
  water, soft tissue, lung, adipose and cortical bone, as mass fractions of those elements.

xraylib's tables end at 800 keV. Above it (only 131I's 0.72 MeV neighbourhood and rare lines such as 90Y's
2.19 MeV gamma need it) incoherent scattering is the free-electron Klein-Nishina cross section times Z/A
(binding is negligible there: xraylib's CS_Compt is within 0.3 % of it at 800 keV), photoelectric absorption
is extrapolated log-log from 600-800 keV, and coherent scattering falls as E^-2 from 800 keV.
"""
import math
import sys

import xraylib

GRID_POINTS = 161
E_MIN_KEV = 1.0
E_MAX_KEV = 3000.0
XRAYLIB_MAX_KEV = 800.0
X_POINTS = 241
X_MIN_PER_ANGSTROM = 1e-3
X_MAX_PER_ANGSTROM = 1e3

SYMBOLS = ["H", "C", "N", "O", "Na", "Mg", "P", "S", "Cl", "Ar", "K", "Ca", "Ti", "Cu", "Zn", "Ag", "Sn"]

# ICRU Report 44 (1989) and 46 (1992) compositions, mass per cent
ICRU = {
    "Water": {"H": 11.1894, "O": 88.8106},
    "ICRU44-SoftTissue": {"H": 10.5, "C": 25.6, "N": 2.7, "O": 60.2, "Na": 0.1, "P": 0.2, "S": 0.3, "Cl": 0.2,
                          "K": 0.2},
    "ICRU44-Lung": {"H": 10.3, "C": 10.5, "N": 3.1, "O": 74.9, "Na": 0.2, "P": 0.2, "S": 0.3, "Cl": 0.3,
                    "K": 0.2},
    "ICRU44-Adipose": {"H": 11.4, "C": 59.8, "N": 0.7, "O": 27.8, "Na": 0.1, "S": 0.1, "Cl": 0.1},
    "ICRU46-CorticalBone": {"H": 3.4, "C": 15.5, "N": 4.2, "O": 43.5, "Na": 0.1, "Mg": 0.2, "P": 10.3,
                            "S": 0.3, "Ca": 22.5},
    # "Bone, compact (ICRU)" of NIST's ESTAR/XCOM material list (1.85 g/cm3): the "Bone compact" of Lanconelli
    # et al. 2012's voxel S-values (EGSnrc's medium of that name), which netra's Monte Carlo is checked against
    "ICRU-CompactBone": {"H": 6.3984, "C": 27.8, "N": 2.7, "O": 41.0016, "Mg": 0.2, "P": 7.0, "S": 0.2,
                         "Ca": 14.7},
}


def grid():
    step = math.log(E_MAX_KEV / E_MIN_KEV) / (GRID_POINTS - 1)
    return [E_MIN_KEV * math.exp(i * step) for i in range(GRID_POINTS)]


def momentum_grid():
    """0, then a logarithmic grid of x = sin(theta/2)/lambda (1/angstrom): 3 MeV backscatter is x = 242."""
    step = math.log(X_MAX_PER_ANGSTROM / X_MIN_PER_ANGSTROM) / (X_POINTS - 1)
    return [0.0] + [X_MIN_PER_ANGSTROM * math.exp(i * step) for i in range(X_POINTS)]


def element_rows(z, energies):
    photo, incoh, coh = [], [], []
    a = xraylib.AtomicWeight(z)
    p600 = xraylib.CS_Photo(z, 600.0)
    p800 = xraylib.CS_Photo(z, XRAYLIB_MAX_KEV)
    slope = math.log(p800 / p600) / math.log(XRAYLIB_MAX_KEV / 600.0)
    r800 = xraylib.CS_Rayl(z, XRAYLIB_MAX_KEV)
    for e in energies:
        if e <= XRAYLIB_MAX_KEV:
            photo.append(xraylib.CS_Photo(z, e))
            incoh.append(xraylib.CS_Compt(z, e))
            coh.append(xraylib.CS_Rayl(z, e))
        else:
            photo.append(p800 * (e / XRAYLIB_MAX_KEV) ** slope)
            # CS_KN is barn per electron
            incoh.append(xraylib.CS_KN(e) * 1e-24 * xraylib.AVOGNUM * 1e24 * z / a)
            coh.append(r800 * (XRAYLIB_MAX_KEV / e) ** 2)
    return photo, incoh, coh


def schneider(path):
    """(name, hu_low, hu_high, {symbol: per cent}) of each HU bin of the Schneider materials table."""
    rows = []
    columns = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            s = line.strip()
            if s.startswith("# HU"):
                columns = s[1:].split()[1:]
                continue
            if not s or s.startswith("#") or s.startswith("["):
                continue
            c = s.split()
            if columns is None or not c[0].lstrip("-").isdigit() or len(c) != len(columns) + 2:
                continue
            rows.append((int(c[0]), c[-1], {sym: float(v) for sym, v in zip(columns, c[1:-1]) if float(v) > 0}))
    out = []
    for i, (hu, name, comp) in enumerate(rows[:-1]):
        out.append((f"Schneider-{name}-{hu}", hu, rows[i + 1][0], comp))
    return out


def fmt(values):
    return "\t".join(f"{v:.6g}" for v in values)


def main():
    table = sys.argv[1]
    energies = grid()
    print("# Photon mass attenuation coefficients (cm^2/g) for netra's Monte Carlo transport; written by")
    print("# netra-dosimetry/tools/photon_cross_sections.py from xraylib " + xraylib.__version__
          + " (Schubert et al., Spectrochim Acta B 2011;66:776: Scofield photoelectric, Hubbell incoherent with"
          + " binding, Rayleigh with form factors); above 800 keV see the script. Media: ICRU 44/46 and"
          + " Schneider et al. 2000 (Phys Med Biol 45:459) as GATE ships it.")
    print("energies_keV\t" + fmt(energies))
    xs = momentum_grid()
    print("momentum_transfer_per_angstrom\t" + fmt(xs))
    for sym in SYMBOLS:
        z = xraylib.SymbolToAtomicNumber(sym)
        photo, incoh, coh = element_rows(z, energies)
        print(f"element\t{sym}\t{z}\tphotoelectric\t" + fmt(photo))
        print(f"element\t{sym}\t{z}\tincoherent\t" + fmt(incoh))
        print(f"element\t{sym}\t{z}\tcoherent\t" + fmt(coh))
        print(f"element\t{sym}\t{z}\tatomic_weight\t{xraylib.AtomicWeight(z):.6g}")
        # SF_Compt is undefined at x = 0, where S is 0; FF_Rayl(Z, 0) = Z
        print(f"element\t{sym}\t{z}\tincoherent_function\t"
              + fmt([0.0] + [xraylib.SF_Compt(z, x) for x in xs[1:]]))
        print(f"element\t{sym}\t{z}\tform_factor\t" + fmt([xraylib.FF_Rayl(z, x) for x in xs]))
    for name, comp in ICRU.items():
        print(f"medium\t{name}\t\t\t" + "\t".join(f"{s}:{v:g}" for s, v in comp.items()))
    for name, lo, hi, comp in schneider(table):
        print(f"medium\t{name}\t{lo}\t{hi}\t" + "\t".join(f"{s}:{v:g}" for s, v in comp.items()))


if __name__ == "__main__":
    main()
