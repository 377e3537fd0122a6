#!/usr/bin/python3
"""The model input for an already conformed NIfTI volume, prepared independently of the app
(numpy only): the centred cube of SIZE voxels per axis, clipped to the 2nd–98th percentile
(numpy.percentile, linear) and scaled to [0, 1], written float32 with the LAST volume axis
fastest (NIfTI array order as nibabel reads it) for meshnet_reference.py.

Usage: conformed_input.py IN.nii[.gz] SIZE OUT.f32
Prints one JSON line: {"offset": first voxel index of the cube on each axis, "low", "high"}.
"""
import json
import sys

import numpy as np

from nifti_volume import read_nifti


def main():
    src, size, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    data = read_nifti(src)[0].transpose(2, 1, 0)
    ni, nj, nk = data.shape
    start = [(n - size) // 2 for n in (ni, nj, nk)]
    cube = data[start[0] : start[0] + size, start[1] : start[1] + size, start[2] : start[2] + size].astype(np.float64)
    low, high = np.percentile(cube, [2, 98])
    scaled = np.clip((cube - low) / (high - low), 0, 1).astype("<f4")
    np.ascontiguousarray(scaled).tofile(out)
    print(json.dumps({"offset": start, "low": float(low), "high": float(high)}))


if __name__ == "__main__":
    main()
