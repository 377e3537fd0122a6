"""Reference for the lung CAD filter graph: the same scale-normalised Hessian dot/line filters
computed with scipy.ndimage.correlate1d (edge mode 'nearest', i.e. edge padding) and
numpy.linalg.eigvalsh (LAPACK), as an independent implementation and a timing reference.

The 1-D kernels follow the graph's definition (native-models/src/lung-cad/blob-filter-graph.ts):
per axis σv = max(σ/h, 1) voxels, taps t = −R…R with R = ceil(3σ / 1.5 mm), z = t/σv,
g = e^(−z²/2)/Σ, σv·g′ = −z·g, σv²·g″ = (z² − 1)·g minus its mean. scipy.ndimage.gaussian_filter
is not used because its truncated second-derivative kernel does not sum to zero: on uniform soft
tissue it reports a small negative curvature on all three axes, i.e. a faint "blob" everywhere.

usage: lung_cad_filters.py IN.f32 NI NJ NK SI SJ SK OUT.f32 SIGMA [SIGMA ...]
IN.f32 holds HU as float32, i fastest; OUT.f32 receives the dot then the line response (each the
maximum over scales). Prints one JSON line with the seconds spent filtering.
"""
import json
import math
import sys
import time

import numpy as np
from scipy import ndimage

HU_LOW, HU_HIGH = -1000.0, 300.0
MIN_SPACING_MM = 1.5


def kernels(sigma, h):
    radius = math.ceil(3 * sigma / MIN_SPACING_MM)
    sv = max(sigma / h, 1.0)
    z = np.arange(-radius, radius + 1) / sv
    g = np.exp(-0.5 * z * z)
    g /= g.sum()
    g2 = (z * z - 1) * g
    return {0: g, 1: -z * g, 2: g2 - g2.mean()}


def main(argv):
    src, ni, nj, nk, si, sj, sk, out = argv[:8]
    sigmas = [float(s) for s in argv[8:]]
    ni, nj, nk = int(ni), int(nj), int(nk)
    spacing = (float(sk), float(sj), float(si))  # array axes: k, j, i
    hu = np.fromfile(src, dtype=np.float32).reshape(nk, nj, ni)
    started = time.perf_counter()
    x = (np.clip(hu, HU_LOW, HU_HIGH) - HU_LOW) / np.float32(1000.0)
    best = np.zeros_like(x)
    best_line = np.zeros_like(x)
    for sigma in sigmas:
        k = [kernels(sigma, h) for h in spacing]
        h = {}
        for a in range(3):
            for b in range(a, 3):
                order = [0, 0, 0]
                order[a] += 1
                order[b] += 1
                y = x
                for axis in range(3):
                    y = ndimage.correlate1d(y, k[axis][order[axis]], axis=axis, mode="nearest")
                h[a, b] = y
        m = np.stack(
            [np.stack([h[0, 0], h[0, 1], h[0, 2]], -1), np.stack([h[0, 1], h[1, 1], h[1, 2]], -1), np.stack([h[0, 2], h[1, 2], h[2, 2]], -1)],
            -2,
        )
        e = np.linalg.eigvalsh(m)  # ascending: e3 <= e2 <= e1
        e3, e2, e1 = e[..., 0], e[..., 1], e[..., 2]
        dot = np.where(e1 < 0, e1 * e1 / (np.abs(e3) + 1e-6), 0.0)
        line = np.where(e2 < 0, np.abs(e2) * np.maximum(np.abs(e2) - np.abs(e1), 0.0) / (np.abs(e3) + 1e-6), 0.0)
        best = np.maximum(best, dot)
        best_line = np.maximum(best_line, line)
    seconds = time.perf_counter() - started
    np.concatenate([best.ravel(), best_line.ravel()]).astype(np.float32).tofile(out)
    print(json.dumps({"seconds": seconds}))


if __name__ == "__main__":
    main(sys.argv[1:])
