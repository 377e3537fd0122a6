// Radiograph pre-processing: the VOI window and MONOCHROME1 inversion checked pixel by pixel
// against pydicom's apply_voi_lut (PS3.3 C.11.2.1.2.1) on the real MONOCHROME1 WG04 RG3 image;
// resizing checked against its definition (area = mean of the covered pixels) and its map back.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareImage } from '../../../../../../electron/core/inference/pipelines/image-2d/image-preprocess';
import { resizeBack, resizeMap, resizePlane, toSource, toTarget } from '../../../../../../electron/core/inference/pipelines/image-2d/image-resize';
import { type RadiographImage, readRadiographImage } from '../../../../../../electron/core/inference/pipelines/image-2d/radiograph-image';
import type { TensorSpec } from '../../../../../../electron/shared/model-manifest';
import { pydicomPython, runPydicomJson } from '../../../../../support/pydicom';
import { HAS_SHARED, sharedData } from '../../../../../support/shared-data';
import { makeTempDir } from '../../../../../support/temp-dir';

const ANY_SIZE: TensorSpec = { name: 'image', dtype: 'float32', shape: ['N', 1, 'H', 'W'], axes: 'NCHW' };

const REFERENCE = `
import sys, json, numpy as np, pydicom
from pydicom.pixel_data_handlers.util import apply_voi_lut
ds = pydicom.dcmread(sys.argv[1])
out = apply_voi_lut(ds.pixel_array, ds).astype(np.float64) / (2 ** ds.BitsStored - 1)
if ds.PhotometricInterpretation == 'MONOCHROME1':
    out = 1 - out
out.astype('<f4').tofile(sys.argv[2])
print(json.dumps({"rows": int(ds.Rows), "columns": int(ds.Columns), "photometric": ds.PhotometricInterpretation}))
`;

function synthetic(columns: number, rows: number, values: Float32Array, photometric: 'MONOCHROME1' | 'MONOCHROME2' = 'MONOCHROME2'): RadiographImage {
  return { sopInstanceUID: '1.2.3', modality: 'DX', rows, columns, values, photometricInterpretation: photometric, shownInverted: photometric === 'MONOCHROME1', windows: [], voiLut: null, geometry: null, spacingMm: null, spacingSource: null };
}

describe('radiograph pre-processing', () => {
  const temp = makeTempDir('yingdu-preprocess-');
  afterAll(() => temp.remove());

  it.skipIf(!HAS_SHARED || !pydicomPython())('windows and inverts the MONOCHROME1 RG3 radiograph exactly as pydicom does', async () => {
    const file = sharedData('conformance', 'wg04', 'REF', 'RG3_UNC');
    const refFile = path.join(temp.dir, 'rg3.f32');
    const ref = runPydicomJson<{ rows: number; columns: number; photometric: string }>(REFERENCE, [file, refFile]);
    expect(ref.photometric).toBe('MONOCHROME1');
    const expected = new Float32Array(readFileSync(refFile).buffer.slice(0));
    const image = await readRadiographImage(new Uint8Array(readFileSync(file)));
    const prepared = prepareImage(image, [{ op: 'image_voi', fallback: 'minmax' }, { op: 'invert_monochrome1' }], ANY_SIZE);
    expect(prepared.tensor.dims).toEqual([1, 1, ref.rows, ref.columns]);
    expect(prepared.notes).toContain('MONOCHROME1 inverted');
    let worst = 0;
    for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs((prepared.tensor.data[i] as number) - (expected[i] as number)));
    expect(worst).toBeLessThan(1e-5);
    // Without the inversion step the same pixels come out mirrored: the step is what flips them.
    const plain = prepareImage(image, [{ op: 'image_voi', fallback: 'minmax' }], ANY_SIZE);
    expect(Math.abs((plain.tensor.data[1000] as number) - (1 - (expected[1000] as number)))).toBeLessThan(1e-5);
  });

  it('area resize averages the covered pixels; the letterbox map goes back to the same pixels', () => {
    const values = Float32Array.from({ length: 12 * 8 }, (_, i) => (i * 7919) % 101);
    const map = resizeMap(12, 8, 3, 3, 'letterbox');
    expect(map).toMatchObject({ scaleX: 0.25, scaleY: 0.25, offsetX: 0, offsetY: 0 });
    const out = resizePlane(values, 12, 8, map, 'area', -1);
    // The bottom row is padding; each other pixel is the mean of a 4 × 4 block.
    expect(Array.from(out.subarray(6, 9))).toEqual([-1, -1, -1]);
    for (let ty = 0; ty < 2; ty++) {
      for (let tx = 0; tx < 3; tx++) {
        let sum = 0;
        for (let y = ty * 4; y < ty * 4 + 4; y++) for (let x = tx * 4; x < tx * 4 + 4; x++) sum += values[y * 12 + x] as number;
        expect(out[ty * 3 + tx]).toBeCloseTo(sum / 16, 4);
      }
    }
    for (const s of [0, 3.5, 11]) expect(toSource(toTarget(s, map.scaleX, map.offsetX), map.scaleX, map.offsetX)).toBeCloseTo(s, 10);
    // A map that is constant on the target grid comes back constant inside the image.
    const back = resizeBack(new Float32Array(9).fill(5), map, 12, 8, 0);
    expect(back.every((v) => v === 5)).toBe(true);
  });

  it('keeps the aspect ratio, replicates channels and normalises per channel into an NHWC tensor', () => {
    const image = synthetic(4, 2, Float32Array.of(0, 1, 2, 3, 4, 5, 6, 7));
    const spec: TensorSpec = { name: 'x', dtype: 'float32', shape: [1, 4, 4, 3], axes: 'NHWC' };
    const prepared = prepareImage(
      image,
      [
        { op: 'minmax_scale', min: 0, max: 1 },
        { op: 'resize_2d', width: 4, height: 4, aspect: 'letterbox', interpolation: 'nearest', padValue: 0 },
        { op: 'replicate_channels', channels: 3 },
        { op: 'normalize', mean: [0, 0.5, 1], std: [1, 0.5, 2] },
      ],
      spec,
    );
    expect(prepared.tensor.dims).toEqual([1, 4, 4, 3]);
    // Row 1 of the tensor is image row 0 (one padding row above); its last pixel is 3/7.
    const at = (y: number, x: number, c: number) => prepared.tensor.data[(y * 4 + x) * 3 + c] as number;
    expect(at(1, 3, 0)).toBeCloseTo(3 / 7, 6);
    expect(at(1, 3, 1)).toBeCloseTo((3 / 7 - 0.5) / 0.5, 6);
    expect(at(1, 3, 2)).toBeCloseTo((3 / 7 - 1) / 2, 6);
    expect(at(0, 0, 0)).toBe(0);
  });

  it('refuses 3-D steps, an inversion before any [0, 1] step and a size the model does not take', () => {
    const image = synthetic(4, 4, new Float32Array(16), 'MONOCHROME1');
    expect(() => prepareImage(image, [{ op: 'reorient', orientation: 'LPS' }], ANY_SIZE)).toThrow(/for 3-D volumes/);
    expect(() => prepareImage(image, [{ op: 'invert_monochrome1' }], ANY_SIZE)).toThrow(/fix the order/);
    const fixed: TensorSpec = { ...ANY_SIZE, shape: ['N', 1, 8, 8] };
    expect(() => prepareImage(image, [], fixed)).toThrow(/takes 8×8 images/);
  });
});
