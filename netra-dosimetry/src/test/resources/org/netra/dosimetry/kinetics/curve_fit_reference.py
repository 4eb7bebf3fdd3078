"""Independent reference for netra's weighted fit: SciPy's curve_fit on the same data.

Reads JSON {model, t, y, sigma, absolute_sigma, p0} from argv[1]; prints JSON {p, cov}.
Models use netra's parameter order (MBq, per hour).
"""
import json
import sys

import numpy as np
from scipy.optimize import curve_fit

MODELS = {
    "MONO_EXPONENTIAL": lambda t, a, l: a * np.exp(-l * t),
    "BI_EXPONENTIAL": lambda t, a1, l1, a2, l2: a1 * np.exp(-l1 * t) + a2 * np.exp(-l2 * t),
    "UPTAKE_WASHOUT": lambda t, a, lw, lu: a * (np.exp(-lw * t) - np.exp(-lu * t)),
}

spec = json.load(open(sys.argv[1]))
f = MODELS[spec["model"]]
p, cov = curve_fit(
    f,
    np.array(spec["t"]),
    np.array(spec["y"]),
    p0=spec["p0"],
    sigma=np.array(spec["sigma"]),
    absolute_sigma=spec["absolute_sigma"],
    method="lm",
    ftol=1e-15,
    xtol=1e-15,
    gtol=1e-15,
    maxfev=100000,
)
print(json.dumps({"p": p.tolist(), "cov": cov.tolist()}))
