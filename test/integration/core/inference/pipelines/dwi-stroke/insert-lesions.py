# Synthetic infarcts in real DWI files, with pydicom only (independent of the project's parser):
# inside each sphere (centre in DICOM LPS mm, radius in mm), every b-high image is multiplied by
# exp(b * (ADC_voxel - ADC_target)), where ADC_voxel = ln(S0 / trace) / b from the stored values
# (S0 = mean of the b <= 50 images, trace = geometric mean of the b-high images). The voxel's
# ADC then becomes ADC_target, its directions keep their anisotropy and noise, and the b-high
# signal RISES, as in a real infarct (bright on DWI, dark on ADC). Also reports the ADC of sample
# voxels computed here from the unedited stored values, for the pipeline's ADC to be checked.
# argv: SRC_DIR OUT_DIR JSON  (JSON: {"spheres": [{"center": [x,y,z], "radiusMm": r, "adc": a}], "samples": [[x,y,z], ...]})
import json, math, os, shutil, sys
import numpy as np
import pydicom
import pydicom.errors

src, out, spec = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
B0_MAX = 50.0
files = {}
for name in sorted(os.listdir(src)):
    path = os.path.join(src, name)
    try:
        ds = pydicom.dcmread(path)
    except pydicom.errors.InvalidDicomError:
        continue  # LICENSE.txt and other non-DICOM files are copied as they are
    if 'PixelData' not in ds:
        continue
    files[name] = ds

def key(ds):
    return tuple(round(float(v), 2) for v in ds.ImagePositionPatient)

def value(ds):
    return ds.pixel_array.astype(np.float64) * float(ds.get('RescaleSlope', 1)) + float(ds.get('RescaleIntercept', 0))

bvals = {n: float(ds[0x0018, 0x9087].value) for n, ds in files.items()}
bmax = max(bvals.values())
slices = {}
for n, ds in files.items():
    s = slices.setdefault(key(ds), {'b0': [], 'high': []})
    if bvals[n] <= B0_MAX:
        s['b0'].append(n)
    elif abs(bvals[n] - bmax) <= 0.05 * bmax:
        s['high'].append(n)

def patient_points(ds):
    ipp = np.array([float(v) for v in ds.ImagePositionPatient])
    iop = [float(v) for v in ds.ImageOrientationPatient]
    row, col = np.array(iop[:3]), np.array(iop[3:])
    dr, dc = (float(v) for v in ds.PixelSpacing)  # PS3.3 C.7.6.2.1.1: row spacing, then column spacing
    jj, ii = np.mgrid[0:ds.Rows, 0:ds.Columns]
    return ipp[None, None, :] + ii[..., None] * dc * row[None, None, :] + jj[..., None] * dr * col[None, None, :]

inserted = [0 for _ in spec['spheres']]
samples = {}
edits = {}
for pos, s in slices.items():
    ref = files[s['b0'][0]]
    pts = patient_points(ref)
    s0 = np.mean([value(files[n]) for n in s['b0']], axis=0)
    high = [value(files[n]) for n in s['high']]
    trace = np.exp(np.mean([np.log(np.maximum(h, 1e-3)) for h in high], axis=0))
    adc = np.log(np.maximum(s0, 1e-3) / np.maximum(trace, 1e-3)) / bmax * 1e6
    for n_sample, p in enumerate(spec.get('samples', [])):
        d = np.linalg.norm(pts - np.array(p)[None, None, :], axis=-1)
        j, i = np.unravel_index(np.argmin(d), d.shape)
        if d[j, i] < 0.5:
            samples[n_sample] = {'point': p, 'adc': float(adc[j, i]), 's0': float(s0[j, i]), 'trace': float(trace[j, i])}
    factor = np.ones_like(s0)
    for n_sphere, sp in enumerate(spec['spheres']):
        inside = np.linalg.norm(pts - np.array(sp['center'])[None, None, :], axis=-1) <= sp['radiusMm']
        inserted[n_sphere] += int(inside.sum())
        factor[inside] = np.exp(bmax * (adc[inside] - sp['adc']) * 1e-6)
    if np.any(factor != 1):
        for n in s['high']:
            edits[n] = factor

os.makedirs(out, exist_ok=True)
for name in os.listdir(src):
    if name not in edits:
        shutil.copyfile(os.path.join(src, name), os.path.join(out, name))
for name, factor in edits.items():
    ds = files[name]
    arr = ds.pixel_array.astype(np.float64) * factor
    info = np.iinfo(ds.pixel_array.dtype)
    ds.PixelData = np.clip(np.rint(arr), info.min, info.max).astype(ds.pixel_array.dtype).tobytes()
    ds.save_as(os.path.join(out, name))
print(json.dumps({'insertedVoxels': inserted, 'editedFiles': len(edits), 'samples': [samples[n] for n in sorted(samples)]}))
