// Test input for the model equivalence checks: the shared, already conformed T1 sample
// (NIfTI-1, gzip), normalised as brainchop does (clip to the 2nd–98th percentile, scale to
// [0, 1]) and laid out last-volume-axis-fastest, as the models expect.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

export interface Volume {
  /** [D, H, W] of the tensor: NIfTI axes (i, j, k), k fastest in `data`. */
  dims: [number, number, number];
  data: Float32Array;
}

/** Reads a NIfTI-1 volume into a Float32Array with the LAST axis fastest (nibabel's C-order view). */
export function readNifti(file: string): Volume {
  const bytes = gunzipSync(readFileSync(file));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getInt32(0, true) !== 348) throw new Error(`${file}: not a little-endian NIfTI-1 file`);
  const [nx, ny, nz] = [view.getInt16(42, true), view.getInt16(44, true), view.getInt16(46, true)];
  const datatype = view.getInt16(70, true);
  const offset = Math.round(view.getFloat32(108, true));
  const slope = view.getFloat32(112, true) || 1;
  const inter = view.getFloat32(116, true);
  const read: Record<number, (i: number) => number> = {
    2: (i) => view.getUint8(offset + i),
    4: (i) => view.getInt16(offset + 2 * i, true),
    16: (i) => view.getFloat32(offset + 4 * i, true),
    512: (i) => view.getUint16(offset + 2 * i, true),
  };
  const get = read[datatype];
  if (!get) throw new Error(`${file}: NIfTI datatype ${datatype} not supported here`);
  const data = new Float32Array(nx * ny * nz);
  // NIfTI stores i fastest; the models want k fastest: out[(i*ny + j)*nz + k] = file[i + nx*(j + ny*k)].
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) data[(i * ny + j) * nz + k] = get(i + nx * (j + ny * k)) * slope + inter;
  return { dims: [nx, ny, nz], data };
}

export function percentileNormalize(volume: Volume, low = 2, high = 98): Volume {
  const sorted = Float32Array.from(volume.data).sort();
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * (sorted.length - 1)))] as number;
  const lo = at(low);
  const hi = at(high);
  const span = hi - lo || 1;
  const data = volume.data.map((v) => (Math.min(hi, Math.max(lo, v)) - lo) / span);
  return { dims: volume.dims, data };
}

/** A cube of side `size` centred on the centre of the non-zero voxels (the head). */
export function centralCrop(volume: Volume, size: number): Volume {
  const [d, h, w] = volume.dims;
  let sumA = 0;
  let sumB = 0;
  let sumC = 0;
  let n = 0;
  for (let a = 0; a < d; a++)
    for (let b = 0; b < h; b++)
      for (let c = 0; c < w; c++)
        if ((volume.data[(a * h + b) * w + c] as number) > 0) {
          sumA += a;
          sumB += b;
          sumC += c;
          n++;
        }
  const centre = [sumA, sumB, sumC].map((s) => s / Math.max(1, n));
  const start = [d, h, w].map((dim, axis) => Math.max(0, Math.min(dim - size, Math.round((centre[axis] as number) - size / 2))));
  const [s0 = 0, s1 = 0, s2 = 0] = start;
  const data = new Float32Array(size ** 3);
  for (let a = 0; a < size; a++)
    for (let b = 0; b < size; b++)
      for (let c = 0; c < size; c++) data[(a * size + b) * size + c] = volume.data[((a + s0) * h + (b + s1)) * w + (c + s2)] as number;
  return { dims: [size, size, size], data };
}

/** Argmax over the class axis of [1, C, D, H, W] logits. */
export function argmaxLabels(logits: Float32Array, classes: number): Uint8Array {
  const voxels = logits.length / classes;
  const labels = new Uint8Array(voxels);
  for (let v = 0; v < voxels; v++) {
    let best = 0;
    let bestValue = logits[v] as number;
    for (let c = 1; c < classes; c++) {
      const value = logits[c * voxels + v] as number;
      if (value > bestValue) {
        bestValue = value;
        best = c;
      }
    }
    labels[v] = best;
  }
  return labels;
}

export function agreement(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) throw new Error(`label volumes differ in size: ${a.length} vs ${b.length}`);
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

export function distinctLabels(labels: Uint8Array): number {
  return new Set(labels).size;
}

/** The same volume with its axis order reversed ([D,H,W] → [W,H,D]): the other memory layout. */
export function reverseAxes<T extends Float32Array | Uint8Array>(data: T, dims: readonly [number, number, number]): T {
  const [d, h, w] = dims;
  const out = new (data.constructor as new (n: number) => T)(data.length);
  for (let a = 0; a < d; a++)
    for (let b = 0; b < h; b++)
      for (let c = 0; c < w; c++) out[(c * h + b) * d + a] = data[(a * h + b) * w + c] as number;
  return out;
}
