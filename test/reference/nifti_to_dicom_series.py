#!/usr/bin/python3
"""Writes a NIfTI-1 volume (e.g. ../shared/models/sample-inputs/t1_crop.nii.gz) as a DICOM MR
series with exactly its geometry: a TEST WRAPPER, because ../shared has no brain DICOM series.
It is not a scanner's output; only the pixel values and the voxel-to-patient geometry are real.

NIfTI voxel (i, j, k) becomes pixel (column i, row j) of image k. ImageOrientationPatient holds
the LPS directions of i and j, ImagePositionPatient the LPS position of voxel (0, 0, k)
(NIfTI sform is RAS: x and y negated), PixelSpacing [j spacing, i spacing] (PS3.3 C.7.6.2).
The NIfTI header is read with numpy (no nibabel here).

Usage: nifti_to_dicom_series.py IN.nii[.gz] OUT_DIR
Prints one JSON line: {"files", "dims", "originLPS", "directionLPS", "spacing"}.
"""
import json
import os
import sys

import numpy as np
import pydicom
from pydicom.dataset import FileDataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, MRImageStorage, generate_uid

from nifti_volume import read_nifti


def main():
    src, out = sys.argv[1], sys.argv[2]
    data, srow = read_nifti(src)  # x fastest
    nk, nj, ni = data.shape
    ras_to_lps = np.diag([-1.0, -1.0, 1.0])
    m = ras_to_lps @ srow  # 3x4, LPS
    spacing = [float(np.linalg.norm(m[:, c])) for c in range(3)]
    direction = [(m[:, c] / spacing[c]).tolist() for c in range(3)]
    os.makedirs(out, exist_ok=True)
    study, series, frame = generate_uid(), generate_uid(), generate_uid()
    pixels = data.astype(np.uint16)
    for k in range(nk):
        meta = FileMetaDataset()
        meta.MediaStorageSOPClassUID = MRImageStorage
        meta.MediaStorageSOPInstanceUID = generate_uid()
        meta.TransferSyntaxUID = ExplicitVRLittleEndian
        ds = FileDataset(None, {}, file_meta=meta, preamble=b"\0" * 128)
        ds.SOPClassUID = MRImageStorage
        ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
        ds.StudyInstanceUID, ds.SeriesInstanceUID, ds.FrameOfReferenceUID = study, series, frame
        ds.PatientName, ds.PatientID = "TEST^T1CROP", "T1CROP-TEST"
        ds.StudyDate, ds.StudyTime, ds.AccessionNumber = "20260101", "120000", "T1TEST"
        ds.Modality, ds.BodyPartExamined = "MR", "BRAIN"
        ds.SeriesDescription = "T1 MPRAGE test series written from t1_crop.nii.gz"
        ds.SeriesNumber, ds.InstanceNumber = 1, k + 1
        ds.ImageType = ["DERIVED", "SECONDARY"]
        ds.ImageOrientationPatient = [f"{v:.6f}" for v in direction[0] + direction[1]]
        ds.ImagePositionPatient = [f"{v:.6f}" for v in (m[:, 3] + m[:, 2] * k).tolist()]
        ds.PixelSpacing = [f"{spacing[1]:.6f}", f"{spacing[0]:.6f}"]
        ds.SliceThickness = f"{spacing[2]:.6f}"
        ds.Rows, ds.Columns = nj, ni
        ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
        ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 16, 15, 0
        ds.PixelData = np.ascontiguousarray(pixels[k]).tobytes()
        ds.save_as(os.path.join(out, f"IM{k + 1:04d}.dcm"), write_like_original=False)
    print(json.dumps({"files": nk, "dims": [ni, nj, nk], "originLPS": m[:, 3].tolist(), "directionLPS": direction, "spacing": spacing}))


if __name__ == "__main__":
    main()
