// Voxel data types kept native (int16 CT stays int16; PS3.3 C.7.6.3.1 Bits Allocated and
// Pixel Representation decide), with their typed-array constructors.
export const VOXEL_TYPES = ['uint8', 'int8', 'uint16', 'int16', 'uint32', 'int32', 'float32', 'float64'] as const;
export type VoxelType = (typeof VOXEL_TYPES)[number];

export type VoxelArray = Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float32Array | Float64Array;

export function allocateVoxels(type: VoxelType, length: number): VoxelArray {
  switch (type) {
    case 'uint8':
      return new Uint8Array(length);
    case 'int8':
      return new Int8Array(length);
    case 'uint16':
      return new Uint16Array(length);
    case 'int16':
      return new Int16Array(length);
    case 'uint32':
      return new Uint32Array(length);
    case 'int32':
      return new Int32Array(length);
    case 'float32':
      return new Float32Array(length);
    case 'float64':
      return new Float64Array(length);
  }
}

export function voxelTypeOf(bitsAllocated: number, pixelRepresentation: number, floatPixels: boolean): VoxelType | null {
  if (floatPixels) return bitsAllocated === 64 ? 'float64' : 'float32';
  const signed = pixelRepresentation === 1;
  if (bitsAllocated === 8) return signed ? 'int8' : 'uint8';
  if (bitsAllocated === 16) return signed ? 'int16' : 'uint16';
  if (bitsAllocated === 32) return signed ? 'int32' : 'uint32';
  return null;
}

export const isIntegerType = (type: VoxelType): boolean => type !== 'float32' && type !== 'float64';
