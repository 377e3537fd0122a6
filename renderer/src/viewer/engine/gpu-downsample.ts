// WebGL implementations cap 3-D textures (MAX_3D_TEXTURE_SIZE: 2048 on SwiftShader, often 2048
// on integrated GPUs), so a volume with a longer axis is decimated for the 3-D view only; the
// 2-D and MPR views keep every voxel. Decimation keeps every n-th voxel (nearest neighbour,
// no new values), and spacing grows accordingly so the geometry stays exact.
import type { VolumeDtype } from '../../../../electron/shared/volumes';

export const DEFAULT_MAX_3D_TEXTURE_SIZE = 2048;

export type TypedVoxels = Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float32Array | Float64Array;

export interface GpuVolume {
  dimensions: [number, number, number];
  spacing: [number, number, number];
  voxels: TypedVoxels;
  /** Step per axis; all 1 when nothing was dropped. */
  factors: [number, number, number];
}

export function downsampleForGpu(
  dimensions: readonly [number, number, number],
  spacing: readonly [number, number, number],
  voxels: TypedVoxels,
  maxSize = DEFAULT_MAX_3D_TEXTURE_SIZE,
): GpuVolume {
  const factors = dimensions.map((d) => Math.max(1, Math.ceil(d / maxSize))) as [number, number, number];
  if (factors.every((f) => f === 1)) return { dimensions: [...dimensions], spacing: [...spacing], voxels, factors };
  const out = dimensions.map((d, a) => Math.ceil(d / (factors[a] as number))) as [number, number, number];
  const Ctor = voxels.constructor as new (n: number) => TypedVoxels;
  const result = new Ctor(out[0] * out[1] * out[2]);
  const [fi, fj, fk] = factors;
  const [nx, ny] = dimensions;
  let w = 0;
  for (let k = 0; k < out[2]; k++)
    for (let j = 0; j < out[1]; j++) {
      const row = (k * fk * ny + j * fj) * nx;
      for (let i = 0; i < out[0]; i++) result[w++] = voxels[row + i * fi] as number;
    }
  return { dimensions: out, spacing: spacing.map((s, a) => s * (factors[a] as number)) as [number, number, number], voxels: result, factors };
}

export function typedArrayFor(dtype: VolumeDtype, buffer: ArrayBuffer): TypedVoxels {
  switch (dtype) {
    case 'uint8':
      return new Uint8Array(buffer);
    case 'int8':
      return new Int8Array(buffer);
    case 'uint16':
      return new Uint16Array(buffer);
    case 'int16':
      return new Int16Array(buffer);
    case 'uint32':
      return new Uint32Array(buffer);
    case 'int32':
      return new Int32Array(buffer);
    case 'float32':
      return new Float32Array(buffer);
    case 'float64':
      return new Float64Array(buffer);
  }
}
