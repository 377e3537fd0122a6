import { fromHalf, toHalf } from '@kitware/vtk.js/Common/Core/HalfFloat';
import { describe, expect, it } from 'vitest';
import { voxelTextureLayout } from '../../../../renderer/src/viewer/engine/voxel-texture-layout';

/** Stored values that do not come back from the texture: value − offset through a half float and back. */
function lost(min: number, max: number, offset: number): number[] {
  const out: number[] = [];
  for (let v = min; v <= max; v++) if (fromHalf(toHalf(v - offset)) + offset !== v) out.push(v);
  return out;
}

describe('voxel texture layout', () => {
  // CT stored 0..4095 with intercept −1024 (12 bits), signed CT with −2048 padding, MR, and the edges of the rule.
  const ranges: [number, number][] = [[0, 4095], [-1024, 3071], [-2048, 2048], [-3024, 1072], [0, 1200], [-1, 4094], [31000, 35096]];
  for (const [min, max] of ranges) {
    it(`[${min}, ${max}] goes to a half-float texture and every stored value comes back exactly`, () => {
      const layout = voxelTextureLayout(min, max);
      expect(layout.internalFormat).toBe('R16F');
      expect(lost(min, max, layout.offset)).toEqual([]);
    });
  }

  it('without the offset, half floats would lose values above 2,048 (the reason for the offset)', () => {
    expect(lost(0, 4095, 0).length).toBeGreaterThan(1000);
  });

  it('a span wider than 4,096 gets float32', () => {
    expect(voxelTextureLayout(-3024, 3071)).toEqual({ internalFormat: 'R32F', offset: 0 });
    expect(voxelTextureLayout(0, 4097).internalFormat).toBe('R32F');
  });
});
