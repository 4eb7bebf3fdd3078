#!/usr/bin/env python3
"""Old against new photon point kernels (docs/data.md, "Photon point kernels for the kernel method").

    bench/compare_photon_kernels.py OLD.tsv NEW.tsv

For each nuclide: the emitted energy of each file, and per radius the relative change of the fraction absorbed
within r, (new - old) / old; prints the largest |change| per radius band and where the change exceeds 0.5 %.
"""
import sys


def read(path):
    table = {}
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        nuclide, emitted, r, fraction = line.split("\t")
        table.setdefault(nuclide, {"emitted": float(emitted), "f": {}})["f"][int(r)] = float(fraction)
    return table


old, new = read(sys.argv[1]), read(sys.argv[2])
bands = [(1, 10), (11, 30), (31, 100), (105, 200), (205, 450)]
for nuclide in sorted(old):
    o, n = old[nuclide], new[nuclide]
    print(f"{nuclide}: emitted {o['emitted']:.4f} -> {n['emitted']:.4f} keV per decay")
    worst_all = (0.0, None)
    for lo, hi in bands:
        worst = (0.0, None)
        for r in sorted(o["f"]):
            if lo <= r <= hi:
                change = (n["f"][r] - o["f"][r]) / o["f"][r]
                if abs(change) > abs(worst[0]):
                    worst = (change, r)
                if abs(change) > abs(worst_all[0]):
                    worst_all = (change, r)
        print(f"  r {lo:3d}-{hi:3d} mm: largest change {100 * worst[0]:+.2f} % at {worst[1]} mm")
    over = [r for r in sorted(o["f"]) if abs(n["f"][r] / o["f"][r] - 1) > 0.005]
    print(f"  largest {100 * worst_all[0]:+.2f} % at {worst_all[1]} mm; radii beyond 0.5 %: {over if over else 'none'}")
