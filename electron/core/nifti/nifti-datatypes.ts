// NIfTI-1 datatype codes (nifti1.h NIFTI_TYPE_*) for the voxel types volumes keep.
import type { VoxelType } from '../volumes/voxel-types';

export const NIFTI_DATATYPE: Record<VoxelType, { code: number; bitpix: number }> = {
  uint8: { code: 2, bitpix: 8 },
  int16: { code: 4, bitpix: 16 },
  int32: { code: 8, bitpix: 32 },
  float32: { code: 16, bitpix: 32 },
  float64: { code: 64, bitpix: 64 },
  int8: { code: 256, bitpix: 8 },
  uint16: { code: 512, bitpix: 16 },
  uint32: { code: 768, bitpix: 32 },
};

export function voxelTypeOfNifti(code: number): VoxelType | null {
  for (const [type, entry] of Object.entries(NIFTI_DATATYPE)) if (entry.code === code) return type as VoxelType;
  return null;
}
