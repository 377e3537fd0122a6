// The lung CAD filter graph (separable Gaussian-derivative convolutions and closed-form
// eigenvalues in ONNX) against an independent computation in plain TypeScript: a direct,
// non-separable 3-D convolution with the outer-product kernels (edge-clamped, as the graph's
// edge padding), eigenvalues by cyclic Jacobi rotations, and Li et al.'s dot/line definitions
// with the eigenvalues sorted by magnitude. Input: a real CT block (A0002, B40f) on the
// pipeline's working grid (1.94 × 1.94 × 8 mm), so the anisotropic path is the one checked.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createModelSession } from '../../../electron/core/inference/runtime/model-session';
import type { PlainTensor } from '../../../electron/core/inference/runtime/model-session';
import { buildWorkingGrid, modalityValues } from '../../../electron/core/inference/pipelines/lung-cad/working-grid';
import { BLOB_SCALES_MM, HU_CLIP, LUNG_CAD_OPSET, buildBlobFilterGraph, kernelRadius } from '../../../native-models/src/lung-cad/blob-filter-graph';
import { encodeOnnxModel } from '../../../native-models/src/onnx/onnx-model';
import { seededRandom } from '../../support/seeded-random';
import { HAS_SHARED, SHARED_MISSING_REASON } from '../../support/shared-data';
import { A0002, loadSeries } from '../core/inference/pipelines/lung-cad/lung-cad-harness';

type Block = { data: Float32Array; dims: [number, number, number]; spacing: [number, number, number] };

async function runGraph(block: Block): Promise<Record<string, PlainTensor>> {
  const bytes = encodeOnnxModel(buildBlobFilterGraph('test'), { opset: LUNG_CAD_OPSET, producerName: 'test', producerVersion: '0', docString: '', metadata: {} });
  const session = await createModelSession(await writeTemp(bytes), createHash('sha256').update(bytes).digest('hex'), { providers: ['cpu'] });
  const [ni, nj, nk] = block.dims;
  try {
    return await session.run({
      ct: { dims: [1, 1, nk, nj, ni], data: block.data },
      spacing: { dims: [3], data: Float32Array.of(block.spacing[2], block.spacing[1], block.spacing[0]) },
    });
  } finally {
    await session.release();
  }
}

async function writeTemp(bytes: Uint8Array): Promise<string> {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'lung-graph-')), 'model.onnx');
  writeFileSync(file, bytes);
  return file;
}

/** 1-D kernels along one axis from the definitions (Lindeberg-normalised, g″ with zero sum). */
function kernels1d(sigmaMm: number, spacingMm: number, radius: number): { g: number[]; g1: number[]; g2: number[] } {
  const s = Math.max(sigmaMm / spacingMm, 1);
  const t = Array.from({ length: 2 * radius + 1 }, (_, i) => i - radius);
  const raw = t.map((x) => Math.exp(-(x * x) / (2 * s * s)));
  const total = raw.reduce((a, b) => a + b, 0);
  const g = raw.map((v) => v / total);
  const g1 = t.map((x, i) => -(x / s) * g[i]!);
  const g2raw = t.map((x, i) => ((x * x) / (s * s) - 1) * g[i]!);
  const mean = g2raw.reduce((a, b) => a + b, 0) / g2raw.length;
  return { g, g1, g2: g2raw.map((v) => v - mean) };
}

/** Jacobi eigenvalues of a symmetric 3×3 matrix. */
function jacobiEigenvalues(m: number[][]): number[] {
  const a = m.map((row) => [...row]);
  for (let sweep = 0; sweep < 50; sweep++) {
    const off = a[0]![1]! ** 2 + a[0]![2]! ** 2 + a[1]![2]! ** 2;
    if (off < 1e-30) break;
    for (const [p, q] of [[0, 1], [0, 2], [1, 2]] as const) {
      if (Math.abs(a[p]![q]!) < 1e-300) continue;
      const theta = (a[q]![q]! - a[p]![p]!) / (2 * a[p]![q]!);
      const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
      const c = 1 / Math.sqrt(t * t + 1);
      const s = t * c;
      for (let k = 0; k < 3; k++) {
        const akp = a[k]![p]!;
        const akq = a[k]![q]!;
        a[k]![p] = c * akp - s * akq;
        a[k]![q] = s * akp + c * akq;
      }
      for (let k = 0; k < 3; k++) {
        const apk = a[p]![k]!;
        const aqk = a[q]![k]!;
        a[p]![k] = c * apk - s * aqk;
        a[q]![k] = s * apk + c * aqk;
      }
    }
  }
  return [a[0]![0]!, a[1]![1]!, a[2]![2]!];
}

/** Dot, line and best scale at voxel (i, j, k), computed directly. */
function reference(block: Block, i: number, j: number, k: number): { dot: number; line: number; scale: number } {
  const [ni, nj, nk] = block.dims;
  const clampAt = (x: number, n: number) => Math.min(n - 1, Math.max(0, x));
  const value = (ii: number, jj: number, kk: number) => {
    const hu = block.data[(clampAt(kk, nk) * nj + clampAt(jj, nj)) * ni + clampAt(ii, ni)]!;
    return (Math.min(HU_CLIP.high, Math.max(HU_CLIP.low, hu)) - HU_CLIP.low) / 1000;
  };
  let best = { dot: -Infinity, line: -Infinity, scale: 0 };
  BLOB_SCALES_MM.forEach((sigma, scale) => {
    const r = kernelRadius(sigma);
    const [kx, ky, kz] = [0, 1, 2].map((a) => kernels1d(sigma, block.spacing[a]!, r));
    // Second derivative pairs (axis a, axis b) as products of the 1-D kernels.
    const component = (a: number, b: number) => {
      const pick = (axis: number) => (axis === a && axis === b ? 'g2' : axis === a || axis === b ? 'g1' : 'g');
      const wx = kx![pick(0)];
      const wy = ky![pick(1)];
      const wz = kz![pick(2)];
      let sum = 0;
      for (let dz = -r; dz <= r; dz++)
        for (let dy = -r; dy <= r; dy++)
          for (let dx = -r; dx <= r; dx++) sum += wx[dx + r]! * wy[dy + r]! * wz[dz + r]! * value(i + dx, j + dy, k + dz);
      return sum;
    };
    const h = [
      [component(0, 0), component(0, 1), component(0, 2)],
      [component(0, 1), component(1, 1), component(1, 2)],
      [component(0, 2), component(1, 2), component(2, 2)],
    ];
    const [l1, l2, l3] = jacobiEigenvalues(h).sort((x, y) => Math.abs(y) - Math.abs(x)) as [number, number, number];
    const dot = l1 < 0 && l2 < 0 && l3 < 0 ? (l3 * l3) / Math.abs(l1) : 0;
    const line = l1 < 0 && l2 < 0 ? (Math.abs(l2) * Math.max(0, Math.abs(l2) - Math.abs(l3))) / Math.abs(l1) : 0;
    if (dot > best.dot) best = { ...best, dot, scale };
    best.line = Math.max(best.line, line);
  });
  return best;
}

describe.skipIf(!HAS_SHARED)(`lung CAD filter graph vs a direct computation ${HAS_SHARED ? '' : SHARED_MISSING_REASON}`, () => {
  let block: Block;
  let out: Record<string, PlainTensor>;

  beforeAll(async () => {
    const volume = await loadSeries(path.join(A0002, 'series-B40f'));
    const grid = buildWorkingGrid(volume, modalityValues(volume), 1.5);
    // 48 × 48 × 12 working voxels around the right lung mass and its vessels.
    const [ni, nj] = grid.dims;
    const lo = [40, 50, 9];
    const dims: [number, number, number] = [48, 48, 12];
    const data = new Float32Array(dims[0] * dims[1] * dims[2]);
    for (let k = 0; k < dims[2]; k++)
      for (let j = 0; j < dims[1]; j++)
        for (let i = 0; i < dims[0]; i++) data[(k * dims[1] + j) * dims[0] + i] = grid.hu[((lo[2]! + k) * nj + lo[1]! + j) * ni + lo[0]! + i]!;
    block = { data, dims, spacing: grid.spacing };
    out = await runGraph(block);
  }, 120_000);

  it('agrees with the direct convolution and Jacobi eigenvalues on sampled voxels', () => {
    const random = seededRandom(5);
    const [ni, nj, nk] = block.dims;
    let maxDot = 0;
    for (const v of out.dot!.data) maxDot = Math.max(maxDot, v);
    expect(maxDot).toBeGreaterThan(0.01);
    let worst = 0;
    let scaleAgree = 0;
    let nonzero = 0;
    // Random voxels (edges included: the edge padding is checked too) and the 30 strongest blobs.
    const strongest = Array.from(out.dot!.data.keys()).sort((a, b) => out.dot!.data[b]! - out.dot!.data[a]!).slice(0, 30);
    const random120 = Array.from({ length: 120 }, () => Math.floor(random() * ni * nj * nk));
    for (const v of [...random120, ...strongest]) {
      const [i, j, k] = [v % ni, Math.floor(v / ni) % nj, Math.floor(v / (ni * nj))];
      const ref = reference(block, i, j, k);
      worst = Math.max(worst, Math.abs(out.dot!.data[v]! - ref.dot), Math.abs(out.line!.data[v]! - ref.line));
      if (ref.dot > 1e-3) {
        nonzero++;
        if (out.dot_scale!.data[v] === ref.scale) scaleAgree++;
      }
    }
    console.log(`lung-cad graph vs direct: max |Δ| ${worst.toExponential(2)} (max dot ${maxDot.toFixed(4)}), best scale agrees ${scaleAgree}/${nonzero}`);
    expect(worst).toBeLessThan(1e-3 * maxDot + 1e-5);
    expect(nonzero).toBeGreaterThan(25);
    expect(scaleAgree).toBeGreaterThanOrEqual(nonzero - 1);
  }, 120_000);
});
