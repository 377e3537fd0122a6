import { describe, expect, it } from 'vitest';
import {
  baseFrame,
  fitScale,
  indexToWorld,
  projectedExtent,
  rightOf,
  screenToWorld,
  sliceRange,
  sliceStep,
  transformFrame,
  type VolumeGeometry,
  worldToIndex,
  worldToScreen,
} from '../../../../renderer/src/viewer/engine/slice-geometry';
import type { Vec3 } from '../../../../renderer/src/viewer/engine/vec3';
import { chestCt as ct, expectVecClose as close } from './chest-ct-geometry';

describe('view frames', () => {
  it('shows axial from the feet, coronal from the front, sagittal from the left', () => {
    close(rightOf(baseFrame('axial', ct)), [1, 0, 0]);
    close(rightOf(baseFrame('coronal', ct)), [1, 0, 0]);
    close(rightOf(baseFrame('sagittal', ct)), [0, 1, 0]);
  });

  it('shows a stack as acquired: i to the right, j downwards', () => {
    const oblique: VolumeGeometry = { ...ct, axes: [[0, 1, 0], [0, 0, -1], [-1, 0, 0]] };
    const frame = baseFrame('stack', oblique);
    close(rightOf(frame), [0, 1, 0]);
    close(frame.up, [0, 0, 1]);
  });

  it('rotates clockwise and mirrors with flips', () => {
    const base = baseFrame('axial', ct);
    const r = transformFrame(base, { rotation: 1, flipHorizontal: false, flipVertical: false });
    close(r.up, [-1, 0, 0]); // what was on the left (patient right) comes to the top
    close(rightOf(r), [0, -1, 0]);
    const four = transformFrame(base, { rotation: 4, flipHorizontal: false, flipVertical: false });
    close(four.up, base.up);
    const h = transformFrame(base, { rotation: 0, flipHorizontal: true, flipVertical: false });
    close(rightOf(h), [-1, 0, 0]);
    close(h.up, base.up);
    const v = transformFrame(base, { rotation: 0, flipHorizontal: false, flipVertical: true });
    close(rightOf(v), [1, 0, 0]);
    close(v.up, [0, 1, 0]);
  });
});

describe('slice positions and scales', () => {
  it('steps by the voxel size along the normal and spans the voxel centres', () => {
    expect(sliceStep(ct, [0, 0, 1])).toBeCloseTo(8);
    expect(sliceStep(ct, [0, 1, 0])).toBeCloseTo(0.65);
    const range = sliceRange(ct, [0, 0, 1]);
    expect(range.max - range.min).toBeCloseTo(29 * 8);
  });

  it('fits the whole volume (240 mm × 333 mm coronal) into the viewport', () => {
    const frame = baseFrame('coronal', ct);
    const extent = projectedExtent(ct, frame);
    expect(extent.width).toBeCloseTo(512 * 0.65);
    expect(extent.height).toBeCloseTo(240);
    const mmPerPixel = fitScale(ct, frame, 400, 600);
    expect(mmPerPixel * 400).toBeGreaterThanOrEqual(extent.width);
    expect(mmPerPixel * 600).toBeGreaterThanOrEqual(extent.height);
  });

  it('maps screen pixels to patient points and back, at any rotation', () => {
    for (const rotation of [0, 1, 2, 3]) {
      const frame = transformFrame(baseFrame('sagittal', ct), { rotation, flipHorizontal: rotation === 2, flipVertical: false });
      const m = { frame, center: [10, -20, 30] as Vec3, mmPerPixel: 0.5, width: 300, height: 200 };
      const p = screenToWorld(m, 40, 170);
      const back = worldToScreen(m, p);
      expect(back.x).toBeCloseTo(40, 9);
      expect(back.y).toBeCloseTo(170, 9);
      // A 100-pixel vertical drag is 50 mm whatever the orientation.
      const q = screenToWorld(m, 40, 70);
      expect(Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2])).toBeCloseTo(50, 9);
    }
  });

  it('converts voxel indices to patient points and back', () => {
    const tilted: VolumeGeometry = {
      ...ct,
      axes: [
        [1, 0, 0],
        [0, Math.cos(0.3), -Math.sin(0.3)],
        [0, Math.sin(0.3), Math.cos(0.3)],
      ],
    };
    const p = indexToWorld(tilted, [10, 20, 3]);
    close(worldToIndex(tilted, p), [10, 20, 3]);
  });
});
