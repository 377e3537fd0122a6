import { describe, expect, it } from 'vitest';
import { affineToQuaternion, applyAffine, niftiAffine, quaternionToAffine } from '../../../../electron/core/nifti/nifti-affine';

const oblique = {
  origin: [-109.4, -129.1, 36.6] as [number, number, number],
  direction: [
    [0.99825447797775, 0.05865151807665, 0.00693177524954],
    [-0.0590168945, 0.995, 0.0795],
    [0.0, -0.0797, 0.9968],
  ] as [[number, number, number], [number, number, number], [number, number, number]],
  spacing: [2, 2.5, 3] as [number, number, number],
  dimensions: [112, 100, 32] as [number, number, number],
};

describe('niftiAffine (dcm2niix convention)', () => {
  it('maps NIfTI voxel (i, j, k) to RAS of DICOM voxel (i, rows-1-j, k)', () => {
    const m = niftiAffine(oblique);
    for (const [i, j, k] of [[0, 0, 0], [5, 7, 3], [111, 99, 31]] as const) {
      const row = oblique.dimensions[1] - 1 - j;
      const lps = [0, 1, 2].map(
        (r) =>
          oblique.origin[r]! +
          i * oblique.spacing[0] * oblique.direction[0][r]! +
          row * oblique.spacing[1] * oblique.direction[1][r]! +
          k * oblique.spacing[2] * oblique.direction[2][r]!,
      );
      const ras = applyAffine(m, i, j, k);
      expect(ras[0]).toBeCloseTo(-lps[0]!, 9);
      expect(ras[1]).toBeCloseTo(-lps[1]!, 9);
      expect(ras[2]).toBeCloseTo(lps[2]!, 9);
    }
  });

  it('qform from the quaternion reproduces an orthogonal sform', () => {
    const axial = { ...oblique, direction: [[1, 0, 0], [0, 1, 0], [0, 0, 1]] as typeof oblique.direction };
    const m = niftiAffine(axial);
    const q = affineToQuaternion(m);
    const back = quaternionToAffine(q, axial.spacing, [m[0]![3]!, m[1]![3]!, m[2]![3]!]);
    for (let r = 0; r < 3; r++) for (let c = 0; c < 4; c++) expect(back[r]![c]).toBeCloseTo(m[r]![c]!, 9);
    expect(q.qfac).toBe(-1);
  });
});
