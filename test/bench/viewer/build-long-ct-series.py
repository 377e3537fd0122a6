#!/usr/bin/python3
"""Builds a long CT series for the viewer benchmark from the real slices of a shared series.

usage: build-long-ct-series.py SOURCE_DIR OUT_DIR SLICES [SPACING_MM]

Slice n takes the pixels and header of source slice (n mod count), gets new Study, Series,
SOP Instance and Frame of Reference UIDs, Instance Number n+1 and an Image Position Patient
SPACING_MM (default 0.8) further along the slice normal, so the importer sees one regular
SLICES-slice series. File names are numbers, never DICOM values.
"""
import os
import sys

import numpy as np
import pydicom
from pydicom.uid import generate_uid


def main() -> None:
    source, out, slices = sys.argv[1], sys.argv[2], int(sys.argv[3])
    spacing = float(sys.argv[4]) if len(sys.argv) > 4 else 0.8
    files = [pydicom.dcmread(os.path.join(source, f)) for f in sorted(os.listdir(source))]
    orientation = np.array([float(v) for v in files[0].ImageOrientationPatient])
    normal = np.cross(orientation[:3], orientation[3:])
    files.sort(key=lambda d: float(np.dot(normal, [float(v) for v in d.ImagePositionPatient])))
    origin = np.array([float(v) for v in files[0].ImagePositionPatient])
    study, series, frame = generate_uid(), generate_uid(), generate_uid()
    os.makedirs(out, exist_ok=True)
    for n in range(slices):
        ds = files[n % len(files)]
        ds.StudyInstanceUID = study
        ds.SeriesInstanceUID = series
        ds.FrameOfReferenceUID = frame
        ds.SOPInstanceUID = generate_uid()
        ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
        ds.InstanceNumber = n + 1
        ds.ImagePositionPatient = [f"{v:.4f}" for v in origin + normal * spacing * n]
        ds.SliceThickness = f"{spacing:g}"
        ds.SeriesDescription = f"Benchmark {slices} slices"
        if "SliceLocation" in ds:
            del ds.SliceLocation
        ds.save_as(os.path.join(out, f"{n + 1:05d}.dcm"), write_like_original=False)


if __name__ == "__main__":
    main()
