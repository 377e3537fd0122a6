import { describe, expect, it } from 'vitest';
import { voxelToPatient } from '../../../../electron/core/volumes/volume';

describe('voxelToPatient', () => {
  it('places voxel (i, j, k) at origin + i·Δi·dir_i + j·Δj·dir_j + k·Δk·dir_k (LPS)', () => {
    const m = voxelToPatient({
      origin: [-125, -123.5, 5.8],
      direction: [[1, 0, 0], [0, 0.948324, -0.317305], [0, 0.317305, 0.948324]],
      spacing: [0.488, 0.488, 4],
    });
    const at = (i: number, j: number, k: number) => [0, 1, 2].map((r) => m[r]![0]! * i + m[r]![1]! * j + m[r]![2]! * k + m[r]![3]!);
    const expected = [-125 + 10 * 0.488, -123.5 + 20 * 0.488 * 0.948324 + 3 * 4 * 0.317305, 5.8 - 20 * 0.488 * 0.317305 + 3 * 4 * 0.948324];
    at(10, 20, 3).forEach((v, r) => expect(v).toBeCloseTo(expected[r]!, 10));
    expect(m[3]).toEqual([0, 0, 0, 1]);
  });
});
