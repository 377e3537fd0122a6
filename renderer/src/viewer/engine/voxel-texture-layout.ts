// The format of a 16-bit volume's 3-D texture (voxel-texture.ts). Half floats (IEEE 754
// binary16, 11-bit significand) represent every integer in [-2048, 2048] exactly, so values
// spanning at most 4,096 are stored relative to an offset near their middle and lose nothing;
// a wider span gets float32.

/** Integers a half float represents exactly: [-HALF_EXACT, HALF_EXACT]. */
export const HALF_EXACT = 2048;

/** The texture format for stored values in [min, max], and the offset subtracted before upload (texel = value − offset). */
export function voxelTextureLayout(min: number, max: number): { internalFormat: 'R16F' | 'R32F'; offset: number } {
  if (max - min > 2 * HALF_EXACT) return { internalFormat: 'R32F', offset: 0 };
  // [min, max] − offset stays within [−2048, 2048], a span of exactly 4,096 included.
  return { internalFormat: 'R16F', offset: Math.floor((min + max) / 2) };
}
