// ROI statistics and angles against values computed by hand on a small synthetic volume with
// anisotropic spacing (0.5 × 2 × 3 mm), rescale slope 2 / intercept −1000, stored value
// i + 10·j + 100·k, both axis-aligned and with an oblique (rotated) direction matrix.
import { describe, expect, it } from 'vitest';
import {
  type RoiVolume,
  angleDegrees,
  formatArea,
  rectangleFromCorners,
  roiStatistics,
} from '../../../../renderer/src/viewer/engine/roi-statistics';
import type { Vec3 } from '../../../../renderer/src/viewer/engine/vec3';

function makeVolume(direction: number[], origin: Vec3): RoiVolume {
  const dims = [4, 3, 3] as const;
  const voxels = new Int16Array(dims[0] * dims[1] * dims[2]);
  for (let k = 0; k < dims[2]; k++) for (let j = 0; j < dims[1]; j++) for (let i = 0; i < dims[0]; i++) voxels[i + 4 * (j + 3 * k)] = i + 10 * j + 100 * k;
  return { dimensions: dims, spacing: [0.5, 2, 3], origin, direction, rescale: { slope: 2, intercept: -1000 }, voxels };
}

/** Patient position of a (possibly fractional) index, written out from the DICOM definition (PS3.3 C.7.6.2.1.1). */
function at(vol: RoiVolume, i: number, j: number, k: number): Vec3 {
  const d = vol.direction;
  const [sx, sy, sz] = vol.spacing;
  return [0, 1, 2].map((c) => vol.origin[c]! + d[c]! * i * sx + d[3 + c]! * j * sy + d[6 + c]! * k * sz) as unknown as Vec3;
}

const c30 = Math.cos(Math.PI / 6);
const s30 = Math.sin(Math.PI / 6);
const CASES = [
  { name: 'axis-aligned', vol: makeVolume([1, 0, 0, 0, 1, 0, 0, 0, 1], [-10, 5, 40]) },
  // Rows rotated 30° about the feet-head axis and tilted: an oblique acquisition.
  { name: 'oblique', vol: makeVolume([c30, s30, 0, -s30, c30, 0, 0, 0, 1], [3, -7, 12.5]) },
];

describe.each(CASES)('roiStatistics ($name volume)', ({ vol }) => {
  it('rectangle on an axial slice: voxels i∈{1,2}, j∈{0,1}, k=1', () => {
    // i edges on the centres of i=1 and i=2 (a centre on the edge counts as inside; semi-axis 0.25 mm), j −0.5..1.5 (2 mm).
    const roi = { kind: 'rectangle' as const, center: at(vol, 1.5, 0.5, 1), axisUEnd: at(vol, 2, 0.5, 1), axisVEnd: at(vol, 1.5, 1.5, 1) };
    const stats = roiStatistics(vol, roi)!;
    // Stored 101, 102, 111, 112 → HU −798, −796, −778, −776.
    expect(stats.count).toBe(4);
    expect(stats.mean).toBeCloseTo(-787, 9);
    expect(stats.sd).toBeCloseTo(Math.sqrt(101), 9);
    expect(stats.min).toBe(-798);
    expect(stats.max).toBe(-776);
    expect(stats.areaMm2).toBeCloseTo(2 * 0.25 * (2 * 2), 9);
  });

  it('ellipse on an axial slice takes the 4-neighbours of (1,1,2) but not the diagonals', () => {
    // Semi-axes 0.6 mm (1.2 voxels of 0.5) and 2.2 mm (1.1 voxels of 2): (0.5/0.6)² + (2/2.2)² > 1 for diagonals.
    const roi = { kind: 'ellipse' as const, center: at(vol, 1, 1, 2), axisUEnd: at(vol, 2.2, 1, 2), axisVEnd: at(vol, 1, 2.1, 2) };
    const stats = roiStatistics(vol, roi)!;
    // Stored 211, 210, 212, 201, 221: mean 211, population variance (0+1+1+100+100)/5 = 40.4.
    expect(stats.count).toBe(5);
    expect(stats.mean).toBeCloseTo(2 * 211 - 1000, 9);
    expect(stats.sd).toBeCloseTo(2 * Math.sqrt(40.4), 9);
    expect(stats.min).toBe(2 * 201 - 1000);
    expect(stats.max).toBe(2 * 221 - 1000);
    expect(stats.areaMm2).toBeCloseTo(Math.PI * 0.6 * 2.2, 9);
  });

  it('rectangle on a sagittal (MPR) plane through i=2 takes only that slab: j∈{1,2}, k∈{0,1}', () => {
    const roi = { kind: 'rectangle' as const, center: at(vol, 2, 1.5, 0.5), axisUEnd: at(vol, 2, 2.25, 0.5), axisVEnd: at(vol, 2, 1.5, 1.1) };
    const stats = roiStatistics(vol, roi)!;
    // Stored 12, 22, 112, 122: mean 67, deviations ±45, ±55 → variance 2525.
    expect(stats.count).toBe(4);
    expect(stats.mean).toBeCloseTo(2 * 67 - 1000, 9);
    expect(stats.sd).toBeCloseTo(2 * Math.sqrt(2525), 9);
    expect(stats.min).toBe(2 * 12 - 1000);
    expect(stats.max).toBe(2 * 122 - 1000);
    expect(stats.areaMm2).toBeCloseTo(2 * (0.75 * 2) * 2 * (0.6 * 3), 9);
  });

  it('returns null for an ROI between voxel centres or outside the volume', () => {
    const tiny = { kind: 'ellipse' as const, center: at(vol, 1.5, 1.5, 1), axisUEnd: at(vol, 1.7, 1.5, 1), axisVEnd: at(vol, 1.5, 1.7, 1) };
    expect(roiStatistics(vol, tiny)).toBeNull();
    const outside = { kind: 'rectangle' as const, center: at(vol, 10, 10, 1), axisUEnd: at(vol, 11, 10, 1), axisVEnd: at(vol, 10, 11, 1) };
    expect(roiStatistics(vol, outside)).toBeNull();
  });
});

describe('rectangleFromCorners', () => {
  it('turns a drag on a view into centre and semi-axis ends, whichever corner it starts from', () => {
    const roi = rectangleFromCorners([4, 10, 7], [0, 4, 7], [1, 0, 0], [0, -1, 0]);
    expect(roi.center).toEqual([2, 7, 7]);
    expect(roi.axisUEnd).toEqual([0, 7, 7]);
    expect(roi.axisVEnd).toEqual([2, 4, 7]);
  });
});

describe('angleDegrees', () => {
  it('measures in patient millimetres at the vertex', () => {
    expect(angleDegrees([1, 0, 0], [0, 0, 0], [0, 1, 0])).toBeCloseTo(90, 12);
    expect(angleDegrees([5, 5, 5], [2, 2, 2], [3, 3, 2])).toBeCloseTo((Math.acos(2 / Math.sqrt(6)) * 180) / Math.PI, 12);
    expect(angleDegrees([1, 0, 0], [0, 0, 0], [-1, 1e-9, 0])).toBeCloseTo(180, 6);
    expect(angleDegrees([0, 0, 0], [0, 0, 0], [1, 0, 0])).toBeNull();
  });
});

describe('formatArea', () => {
  it('switches from mm² to cm² at 1 cm²', () => {
    expect(formatArea(99.94)).toBe('99.9 mm²');
    expect(formatArea(1234.5)).toBe('12.35 cm²');
  });
});
