// Conform geometry and resampling on synthetic grids whose correct answer is known in closed
// form: a trilinear resampling reproduces any affine intensity field exactly, and a labelled
// grid survives conform → inverse conform when it already is on the conformed lattice.
import { describe, expect, it } from 'vitest';
import { conformGrid, gridCentre, orientationAxes } from '../../../../../electron/core/inference/pipelines/conform/conform-grid';
import { conformVolume, inverseConformLabels } from '../../../../../electron/core/inference/pipelines/conform/conform-volume';
import { toTensorData, tensorIndexer } from '../../../../../electron/core/inference/pipelines/conform/tensor-layout';
import {
  applyAffine3x4,
  indexToPatient,
  patientToIndex,
  type VoxelGrid,
} from '../../../../../electron/core/inference/pipelines/conform/voxel-grid';
import type { Vec3 } from '../../../../../electron/core/volumes/vector-math';
import { seededRandom } from '../../../../support/seeded-random';

function rotation(ax: number, ay: number, az: number): [Vec3, Vec3, Vec3] {
  const [cx, sx, cy, sy, cz, sz] = [Math.cos(ax), Math.sin(ax), Math.cos(ay), Math.sin(ay), Math.cos(az), Math.sin(az)];
  const m = [
    [cy * cz, -cy * sz, sy],
    [sx * sy * cz + cx * sz, -sx * sy * sz + cx * cz, -sx * cy],
    [-cx * sy * cz + sx * sz, cx * sy * sz + sx * cz, cx * cy],
  ];
  const col = (c: number): Vec3 => [m[0]![c]!, m[1]![c]!, m[2]![c]!];
  return [col(0), col(1), col(2)];
}

// An oblique, anisotropic, thick-slice grid: a sagittal-ish 3-D T1 as scanners write it.
const OBLIQUE: VoxelGrid = { dimensions: [96, 120, 40], spacing: [1.1, 0.9, 3.3], origin: [-40.5, 80.25, 60.125], direction: rotation(0.3, -0.2, 0.15) };

describe('conform geometry', () => {
  it('is a 256³ 1 mm cube in LIA centred on the source', () => {
    const grid = conformGrid(OBLIQUE);
    expect(grid.dimensions).toEqual([256, 256, 256]);
    expect(grid.spacing).toEqual([1, 1, 1]);
    expect(grid.direction).toEqual([[1, 0, 0], [0, 0, -1], [0, -1, 0]]);
    const c = gridCentre(grid);
    const s = gridCentre(OBLIQUE);
    for (let r = 0; r < 3; r++) expect(Math.abs(c[r]! - s[r]!)).toBeLessThan(1e-9);
    // Voxel (0,0,0) is the right-most, superior-most, posterior-most corner in LIA.
    expect(grid.origin[0]).toBeCloseTo(s[0] - 127.5, 9);
    expect(grid.origin[2]).toBeCloseTo(s[2] + 127.5, 9);
    expect(grid.origin[1]).toBeCloseTo(s[1] + 127.5, 9);
  });

  it('maps patient points through conform index space and back within 1e-6 mm', () => {
    const grid = conformGrid(OBLIQUE);
    const random = seededRandom(7);
    const toIndex = patientToIndex(grid);
    const toPatient = indexToPatient(grid);
    const srcToIndex = patientToIndex(OBLIQUE);
    const srcToPatient = indexToPatient(OBLIQUE);
    for (let n = 0; n < 1000; n++) {
      const p: Vec3 = [random() * 300 - 150, random() * 300 - 150, random() * 300 - 150];
      const back = applyAffine3x4(toPatient, applyAffine3x4(toIndex, p));
      const viaSource = applyAffine3x4(srcToPatient, applyAffine3x4(srcToIndex, back));
      for (let r = 0; r < 3; r++) {
        expect(Math.abs(back[r]! - p[r]!)).toBeLessThan(1e-6);
        expect(Math.abs(viaSource[r]! - p[r]!)).toBeLessThan(1e-6);
      }
    }
  });

  it('refuses an orientation that repeats an axis', () => {
    expect(() => orientationAxes('LRA')).toThrow(/three different axes/);
    expect(() => orientationAxes('LIX')).toThrow();
  });
});

describe('conform resampling', () => {
  it('reproduces an affine intensity field exactly inside the source (trilinear is exact on linear fields)', () => {
    const [ni, nj, nk] = OBLIQUE.dimensions;
    const m = indexToPatient(OBLIQUE);
    const field = (p: readonly number[]) => 0.5 * p[0]! - 0.25 * p[1]! + 0.75 * p[2]! + 100;
    const voxels = new Int16Array(ni * nj * nk);
    // Stored = (value - 10) / 2, so the rescale (slope 2, intercept 10) must be applied.
    const stored = new Float32Array(ni * nj * nk);
    for (let k = 0, o = 0; k < nk; k++) for (let j = 0; j < nj; j++) for (let i = 0; i < ni; i++, o++) stored[o] = (field(applyAffine3x4(m, [i, j, k])) - 10) / 2;
    const conformed = conformVolume({ ...OBLIQUE, voxels: stored, rescaleSlope: 2, rescaleIntercept: 10 });
    expect(voxels.length).toBe(stored.length);
    const toPatient = indexToPatient(conformed.grid);
    const toSource = patientToIndex(OBLIQUE);
    let inside = 0;
    let outside = 0;
    for (let k = 0, o = 0; k < 256; k++) {
      for (let j = 0; j < 256; j++) {
        for (let i = 0; i < 256; i++, o++) {
          if ((i * 7 + j * 13 + k * 3) % 97 !== 0) continue; // a sample of the 16.7 M voxels
          const p = applyAffine3x4(toPatient, [i, j, k]);
          const s = applyAffine3x4(toSource, p);
          const within = s.every((x, r) => x >= 0 && x <= OBLIQUE.dimensions[r]! - 1);
          if (within) {
            inside++;
            expect(Math.abs(conformed.voxels[o]! - field(p))).toBeLessThan(2e-3);
          } else if (s.some((x, r) => x < -0.01 || x > OBLIQUE.dimensions[r]! - 0.99)) {
            outside++;
            expect(conformed.voxels[o]).toBe(0);
          }
        }
      }
    }
    expect(inside).toBeGreaterThan(1000);
    expect(outside).toBeGreaterThan(1000);
  });

  it('gives back a label map on the conformed lattice unchanged (conform nearest → inverse conform)', () => {
    // A 60×50×40 LIA 1 mm grid whose voxel centres lie on the conformed lattice (even sizes).
    const source: VoxelGrid = { dimensions: [60, 50, 40], spacing: [1, 1, 1], origin: [10, 20, -30], direction: orientationAxes('LIA') };
    const random = seededRandom(11);
    const labels = new Uint8Array(60 * 50 * 40).map(() => Math.floor(random() * 5));
    const conformed = conformVolume({ ...source, voxels: labels, rescaleSlope: 1, rescaleIntercept: 0 }, undefined, 'nearest');
    const asLabels = Uint8Array.from(conformed.voxels);
    const back = inverseConformLabels(asLabels, conformed.grid, source);
    let differing = 0;
    for (let n = 0; n < labels.length; n++) if (back[n] !== labels[n]) differing++;
    expect(differing).toBe(0);
    expect(asLabels.reduce((sum, x) => sum + x, 0)).toBe(labels.reduce((sum, x) => sum + x, 0));
  });

  it('lays a volume out with the last axis fastest for the model and indexes it back', () => {
    const dims = [3, 4, 5] as const;
    const v = Float32Array.from({ length: 60 }, (_, n) => n);
    const t = toTensorData(v, dims, 'last_axis_fastest');
    const at = tensorIndexer(dims, 'last_axis_fastest');
    for (let k = 0; k < 5; k++) for (let j = 0; j < 4; j++) for (let i = 0; i < 3; i++) expect(t[at(i, j, k)]).toBe(v[(k * 4 + j) * 3 + i]);
    expect(t[1]).toBe(v[3 * 4]); // (0,0,1) follows (0,0,0)
  });
});
