// Voxel data types kept native (int16 CT stays int16; PS3.3 C.7.6.3.1 Bits Allocated and
// Pixel Representation decide), with their typed-array constructors.
import { allocateSamples } from '../../shared/sample-arrays';

export const VOXEL_TYPES = ['uint8', 'int8', 'uint16', 'int16', 'uint32', 'int32', 'float32', 'float64'] as const;
export type VoxelType = (typeof VOXEL_TYPES)[number];

export type VoxelArray = Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float32Array | Float64Array;

/** `length` zeroed voxels of `type`. */
export const allocateVoxels: (type: VoxelType, length: number) => VoxelArray = allocateSamples;

export function voxelTypeOf(bitsAllocated: number, pixelRepresentation: number, floatPixels: boolean): VoxelType | null {
  if (floatPixels) return bitsAllocated === 64 ? 'float64' : 'float32';
  const signed = pixelRepresentation === 1;
  if (bitsAllocated === 8) return signed ? 'int8' : 'uint8';
  if (bitsAllocated === 16) return signed ? 'int16' : 'uint16';
  if (bitsAllocated === 32) return signed ? 'int32' : 'uint32';
  return null;
}

export const isIntegerType = (type: VoxelType): boolean => type !== 'float32' && type !== 'float64';
