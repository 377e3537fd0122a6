// Stored pixel values of one frame in the native type, through the pixel decoding module
// (every transfer syntax it supports; no rescale here: volumes keep stored values plus slope
// and intercept).
import { readPixelsFromDataset } from '../pixels/read-pixels';
import { AppError } from '../../shared/result';
import type { DicomDataset } from './dicom-dataset';
import type { FrameHeader } from './frame-header';
import { type VoxelArray, type VoxelType, voxelTypeOf } from './voxel-types';

export function frameVoxelType(header: FrameHeader): VoxelType {
  const type = header.samplesPerPixel === 1 ? voxelTypeOf(header.bitsAllocated, header.pixelRepresentation, header.floatPixels) : null;
  if (!type) {
    throw new AppError(
      'NOT_A_VOLUME',
      `Images with ${header.samplesPerPixel} samples per pixel and ${header.bitsAllocated} bits allocated cannot form a grey-scale volume.`,
    );
  }
  return type;
}

export async function readFramePixels(dataset: DicomDataset, header: FrameHeader, bytes: Uint8Array): Promise<VoxelArray> {
  const decoded = await readPixelsFromDataset(dataset, { frame: header.frame, modalityLut: false }, bytes);
  if (decoded.samplesPerPixel !== 1) throw new AppError('NOT_A_VOLUME', 'Colour images cannot form a grey-scale volume.');
  return decoded.data;
}
