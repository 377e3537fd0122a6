"""A NIfTI-1 volume read with numpy alone (no nibabel here), for the reference scripts: the
header fields they use (NIfTI-1 header: dim at byte 40, datatype at 70, vox_offset at 108,
srow_x/y/z at 280) and the voxels as stored, x (i) fastest, shaped (nk, nj, ni)."""
import gzip
import struct

import numpy as np

DTYPES = {2: np.uint8, 4: np.int16, 16: np.float32, 512: np.uint16}


def read_nifti(path):
    """Returns (voxels shaped (nk, nj, ni), srow: the 3x4 voxel-to-RAS affine as float64)."""
    raw = open(path, "rb").read()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    dims = struct.unpack("<8h", raw[40:56])
    datatype = struct.unpack("<h", raw[70:72])[0]
    offset = int(struct.unpack("<f", raw[108:112])[0])
    srow = np.array([struct.unpack("<4f", raw[280 + 16 * r : 296 + 16 * r]) for r in range(3)], dtype=np.float64)
    ni, nj, nk = dims[1], dims[2], dims[3]
    voxels = np.frombuffer(raw[offset:], dtype=DTYPES[datatype], count=ni * nj * nk).reshape((nk, nj, ni))
    return voxels, srow
