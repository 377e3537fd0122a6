#!/usr/bin/python3
"""The model input for an already conformed NIfTI volume, prepared independently of the app
(numpy only): the centred cube of SIZE voxels per axis, clipped to the 2nd–98th percentile
(numpy.percentile, linear) and scaled to [0, 1], written float32 with the LAST volume axis
fastest (NIfTI array order as nibabel reads it) for meshnet_reference.py.

Usage: conformed_input.py IN.nii[.gz] SIZE OUT.f32
Prints one JSON line: {"offset": first voxel index of the cube on each axis, "low", "high"}.
"""
import gzip
import json
import struct
import sys

import numpy as np

DTYPES = {2: np.uint8, 4: np.int16, 16: np.float32, 512: np.uint16}


def main():
    src, size, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    raw = open(src, "rb").read()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    dims = struct.unpack("<8h", raw[40:56])
    datatype = struct.unpack("<h", raw[70:72])[0]
    offset = int(struct.unpack("<f", raw[108:112])[0])
    ni, nj, nk = dims[1], dims[2], dims[3]
    data = np.frombuffer(raw[offset:], dtype=DTYPES[datatype], count=ni * nj * nk).reshape((nk, nj, ni)).transpose(2, 1, 0)
    start = [(n - size) // 2 for n in (ni, nj, nk)]
    cube = data[start[0] : start[0] + size, start[1] : start[1] + size, start[2] : start[2] + size].astype(np.float64)
    low, high = np.percentile(cube, [2, 98])
    scaled = np.clip((cube - low) / (high - low), 0, 1).astype("<f4")
    np.ascontiguousarray(scaled).tofile(out)
    print(json.dumps({"offset": start, "low": float(low), "high": float(high)}))


if __name__ == "__main__":
    main()
