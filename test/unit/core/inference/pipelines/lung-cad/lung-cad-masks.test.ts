// Slice morphology and the settings reader of the lung CAD, on small masks with known answers.
import { describe, expect, it } from 'vitest';
import { lungCadSettings } from '../../../../../../electron/core/inference/pipelines/lung-cad/lung-cad-settings';
import { closeSlices, connectedToSliceEdge, erodeSlices, fillSliceHoles } from '../../../../../../electron/core/inference/pipelines/volume-ops/slice-morphology';
import { LUNG_CAD_THRESHOLDS } from '../../../../../../native-models/src/lung-cad/lung-nodule-cad-package';
import { AppError } from '../../../../../../electron/shared/result';

const dims = [9, 9, 2] as const;
const at = (i: number, j: number, k: number) => (k * dims[1] + j) * dims[0] + i;

function ring(): Uint8Array {
  const mask = new Uint8Array(dims[0] * dims[1] * dims[2]);
  for (let j = 2; j <= 6; j++)
    for (let i = 2; i <= 6; i++) if (i === 2 || i === 6 || j === 2 || j === 6) mask[at(i, j, 0)] = 1;
  return mask;
}

describe('slice morphology', () => {
  it('fills the hole of a ring but not the outside', () => {
    const filled = fillSliceHoles(ring(), dims);
    expect(filled[at(4, 4, 0)]).toBe(1);
    expect(filled[at(0, 0, 0)]).toBe(0);
    expect(filled[at(4, 4, 1)]).toBe(0);
  });

  it('finds background connected to the slice edge, not the enclosed part', () => {
    const background = ring().map((v) => 1 - v);
    const outside = connectedToSliceEdge(background, dims);
    expect(outside[at(0, 4, 0)]).toBe(1);
    expect(outside[at(4, 4, 0)]).toBe(0);
    // The second slice is empty: all of it touches its edge.
    expect(outside[at(4, 4, 1)]).toBe(1);
  });

  it('closes a one-voxel gap in a 3-voxel bar and erodes a square by one voxel per step', () => {
    const mask = new Uint8Array(dims[0] * dims[1] * dims[2]);
    for (let j = 3; j <= 5; j++) for (let i = 1; i <= 7; i++) if (i !== 4) mask[at(i, j, 0)] = 1;
    expect(closeSlices(mask, dims, 1)[at(4, 4, 0)]).toBe(1);
    const square = new Uint8Array(mask.length);
    for (let j = 2; j <= 6; j++) for (let i = 2; i <= 6; i++) square[at(i, j, 0)] = 1;
    const eroded = erodeSlices(square, dims, 1);
    expect(eroded.reduce((a, b) => a + b, 0)).toBe(9);
    expect(eroded[at(4, 4, 0)]).toBe(1);
  });
});

describe('lungCadSettings', () => {
  it('reads the thresholds and the filter scales of the package', () => {
    const s = lungCadSettings({ id: 'lung-nodule-cad', thresholds: { ...LUNG_CAD_THRESHOLDS } });
    expect(s.growHu).toBe(-600);
    expect(s.scalesMm.length).toBeGreaterThan(1);
  });

  it('refuses a manifest without them, naming what is missing', () => {
    const { growHu: _drop, ...partial } = LUNG_CAD_THRESHOLDS as Record<string, number>;
    void _drop;
    expect(() => lungCadSettings({ id: 'lung-nodule-cad', thresholds: partial })).toThrowError(AppError);
    expect(() => lungCadSettings({ id: 'lung-nodule-cad', thresholds: partial })).toThrowError(/growHu/);
  });
});
