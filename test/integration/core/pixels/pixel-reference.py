#!/usr/bin/env python3
"""Reference pixel values from independent decoders, for the pixel decoding tests.

Reads a JSON list of {"file", "tool", "out"} on stdin. `tool` picks the decoder that makes an
uncompressed copy first: dcmtk's dcmdjpeg / dcmdjpls / dcmconv, gdcm's `gdcmconv --raw`, or none
("pydicom": pydicom decodes native, deflated and RLE data itself). pydicom + numpy then read
the pixels and bring them to the form Yingdu delivers: stored values with Bits Stored / High
Bit applied, YBR_FULL(_422) converted to RGB, PALETTE COLOR through its LUTs, interleaved
samples, optionally the modality LUT. Writes little-endian raw values to `out` and prints one
JSON line per file: {"file", "shape", "dtype", "photometric", "error"}.
"""
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import pydicom
from pydicom.pixel_data_handlers.util import apply_color_lut, apply_modality_lut, convert_color_space

TOOLS = {
    "dcmdjpeg": lambda src, dst: ["dcmdjpeg", src, dst],
    "dcmdjpls": lambda src, dst: ["dcmdjpls", src, dst],
    "dcmdrle": lambda src, dst: ["dcmdrle", src, dst],
    "gdcm": lambda src, dst: ["gdcmconv", "--raw", src, dst],
    # dcmtk's rewrite to little endian: pydicom reads big-endian OW LUT data and 8-bit OW pixel
    # data in host order, dcmtk swaps them as PS3.5 Annex D says.
    "dcmconv": lambda src, dst: ["dcmconv", "+te", src, dst],
}


def stored_values(arr, ds):
    """Bits Stored / High Bit: keep bits [HB-BS+1, HB], two's complement when signed (PS3.5 8.1.1)."""
    allocated, stored = int(ds.BitsAllocated), int(ds.BitsStored)
    if arr.dtype.kind not in "iu" or stored >= allocated or allocated == 1:
        return arr
    high = int(ds.get("HighBit", stored - 1))
    raw = arr.astype(np.int64) & ((1 << allocated) - 1)
    values = (raw >> (high + 1 - stored)) & ((1 << stored) - 1)
    if int(ds.PixelRepresentation) == 1:
        values = np.where(values >= (1 << (stored - 1)), values - (1 << stored), values)
    return values.astype(arr.dtype)


def reference(item, workdir):
    src = item["file"]
    tool = item["tool"]
    if tool in TOOLS:
        dst = os.path.join(workdir, os.path.basename(src) + ".unc.dcm")
        subprocess.run(TOOLS[tool](src, dst), check=True, capture_output=True)
        src = dst
    # force: headerless datasets (no preamble / meta) are read with the syntax pydicom infers.
    ds = pydicom.dcmread(src, force=True)
    if "TransferSyntaxUID" not in ds.file_meta:
        ds.file_meta.TransferSyntaxUID = (
            pydicom.uid.ImplicitVRLittleEndian if ds.is_implicit_VR
            else pydicom.uid.ExplicitVRLittleEndian if ds.is_little_endian
            else pydicom.uid.ExplicitVRBigEndian
        )
    arr = stored_values(ds.pixel_array, ds)
    photometric = str(ds.PhotometricInterpretation)
    if photometric == "PALETTE COLOR":
        arr = apply_color_lut(arr, ds)
        photometric = "RGB"
    elif photometric in ("YBR_FULL", "YBR_FULL_422"):
        # pydicom already upsampled native 4:2:2 to full resolution in pixel_array.
        arr = convert_color_space(arr, "YBR_FULL", "RGB")
        photometric = "RGB"
    elif item.get("modality") and photometric.startswith("MONOCHROME"):
        arr = apply_modality_lut(arr, ds)
    arr = np.ascontiguousarray(arr)
    arr.astype(arr.dtype.newbyteorder("<")).tofile(item["out"])
    return {"file": item["file"], "shape": list(arr.shape), "dtype": arr.dtype.str.lstrip("<>|="), "photometric": photometric}


def main():
    items = json.load(sys.stdin)
    with tempfile.TemporaryDirectory() as workdir:
        for item in items:
            try:
                result = reference(item, workdir)
            except Exception as error:  # noqa: BLE001 - reported to the test, which fails on it
                result = {"file": item["file"], "error": f"{type(error).__name__}: {error}"}
            print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
