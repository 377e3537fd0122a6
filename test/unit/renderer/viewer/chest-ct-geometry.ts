// The one volume grid the viewer geometry tests reason about, and the vector comparison they share.
import { expect } from 'vitest';
import type { VolumeGeometry } from '../../../../renderer/src/viewer/engine/slice-geometry';
import type { Vec3 } from '../../../../renderer/src/viewer/engine/vec3';

/** The chest CT of ../shared: 512² × 30, 0.65 mm in-plane, 8 mm slices, axial. */
export const chestCt: VolumeGeometry = {
  dimensions: [512, 512, 30],
  spacing: [0.65, 0.65, 8],
  origin: [-166, -180, -100],
  axes: [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ],
};

/** Asserts a vector equals `expected` component by component to `digits` decimals. */
export function expectVecClose(actual: Vec3, expected: readonly number[], digits = 9): void {
  actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, digits));
}
