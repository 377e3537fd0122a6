import { describe, expect, it } from 'vitest';
import { canLink, linkedPosition } from '../../../../renderer/src/viewer/engine/series-link';
import { baseFrame, indexToWorld, sliceRange, sliceStep, type VolumeGeometry } from '../../../../renderer/src/viewer/engine/slice-geometry';
import type { Vec3 } from '../../../../renderer/src/viewer/engine/vec3';

const FOR = '1.2.826.0.1.3680043.8.498.1';
const axes: VolumeGeometry['axes'] = [
  [1, 0, 0],
  [0, 1, 0],
  [0, 0, 1],
];
/** 30 slices of 8 mm from z = 80 down to… stored head-first: origin at the top. */
const thick: VolumeGeometry = { dimensions: [512, 512, 30], spacing: [0.65, 0.65, 8], origin: [-166, -180, 80], axes: [axes[0], axes[1], [0, 0, -1]] };
/** The same acquisition as 1 mm slices over a shorter range, stored feet-first. */
const thin: VolumeGeometry = { dimensions: [512, 512, 100], spacing: [0.65, 0.65, 1], origin: [-166, -180, -60], axes };

/** The slice index of a geometry whose plane is at `position` along `normal` (0-based). */
function indexAt(v: VolumeGeometry, normal: Vec3, position: number): number {
  return Math.round((position - sliceRange(v, normal).min) / sliceStep(v, normal));
}

describe('linked scrolling between series of one frame of reference', () => {
  it('matches slices by patient position, not by index', () => {
    // A stack is seen along i × j whichever way its slices were stored.
    const normal = baseFrame('stack', thick).normal;
    const targetNormal = baseFrame('stack', thin).normal;
    // Slice 17 of the thick series is at z = 80 − 17 × 8 = −56.
    const point = indexToWorld(thick, [256, 256, 17]);
    expect(point[2]).toBeCloseTo(-56, 9);
    const position = linkedPosition({ frameOfReferenceUID: FOR, normal, point }, { frameOfReferenceUID: FOR, normal: targetNormal });
    expect(position).toBeCloseTo(-56, 9);
    // In the thin series z = −56 is slice 4 (from z = −60 in 1 mm steps), not 17.
    const k = indexAt(thin, targetNormal, position!);
    expect(k).toBe(4);
    expect(indexToWorld(thin, [0, 0, k])[2]).toBeCloseTo(-56, 9);
    // Seen from the other side (a flipped view), the same patient plane has the negated position.
    expect(linkedPosition({ frameOfReferenceUID: FOR, normal, point }, { frameOfReferenceUID: FOR, normal: [0, 0, -1] })).toBeCloseTo(56, 9);
  });

  it('links only series of the same frame of reference with parallel planes', () => {
    const z: Vec3 = [0, 0, 1];
    expect(canLink({ frameOfReferenceUID: FOR, normal: z }, { frameOfReferenceUID: FOR, normal: [0, 0, -1] })).toBe(true);
    expect(canLink({ frameOfReferenceUID: FOR, normal: z }, { frameOfReferenceUID: `${FOR}.2`, normal: z })).toBe(false);
    expect(canLink({ frameOfReferenceUID: '', normal: z }, { frameOfReferenceUID: '', normal: z })).toBe(false);
    // A 1° difference (two reconstructions of a tilted scan) still links; a coronal view does not.
    const oneDegree: Vec3 = [0, Math.sin(Math.PI / 180), Math.cos(Math.PI / 180)];
    expect(canLink({ frameOfReferenceUID: FOR, normal: z }, { frameOfReferenceUID: FOR, normal: oneDegree })).toBe(true);
    expect(linkedPosition({ frameOfReferenceUID: FOR, normal: z, point: [0, 0, 10] }, { frameOfReferenceUID: FOR, normal: [0, 1, 0] })).toBeNull();
  });
});
