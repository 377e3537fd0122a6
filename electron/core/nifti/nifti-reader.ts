// Reads single-file NIfTI-1 (".nii" or ".nii.gz"): header fields, sform / qform and the voxels
// in their stored type. Enough to check exports and to compare with dcm2niix; not a general
// NIfTI library (no .hdr/.img pairs, no NIfTI-2, no extensions).
import { gunzipSync } from 'node:zlib';
import { AppError } from '../../shared/result';
import type { VoxelArray, VoxelType } from '../volumes/voxel-types';
import { allocateVoxels } from '../volumes/voxel-types';
import { type Matrix4, quaternionToAffine } from './nifti-affine';
import { voxelTypeOfNifti } from './nifti-datatypes';

export interface NiftiImage {
  dims: number[];
  pixdim: number[];
  voxelType: VoxelType;
  sclSlope: number;
  sclInter: number;
  qformCode: number;
  sformCode: number;
  sform: Matrix4;
  qform: Matrix4;
  /** x fastest, then y, z, t: the file's own order. */
  voxels: VoxelArray;
}

export function decodeNifti(file: Uint8Array): NiftiImage {
  const bytes = file[0] === 0x1f && file[1] === 0x8b ? new Uint8Array(gunzipSync(file)) : file;
  if (bytes.length < 352) throw new AppError('TRUNCATED', 'The NIfTI file is shorter than its 348-byte header.');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let le = true;
  if (view.getInt32(0, true) !== 348) {
    if (view.getInt32(0, false) !== 348) throw new AppError('BAD_LENGTH', 'Not a NIfTI-1 file (sizeof_hdr is not 348).');
    le = false;
  }
  const magic = String.fromCharCode(...bytes.subarray(344, 347));
  if (magic !== 'n+1') throw new AppError('NOT_A_VOLUME', 'Only single-file NIfTI-1 (magic "n+1") is read.');
  const dims = Array.from({ length: 8 }, (_, i) => view.getInt16(40 + i * 2, le));
  const pixdim = Array.from({ length: 8 }, (_, i) => view.getFloat32(76 + i * 4, le));
  const code = view.getInt16(70, le);
  const voxelType = voxelTypeOfNifti(code);
  if (!voxelType) throw new AppError('NOT_A_VOLUME', `NIfTI datatype ${code} is not supported.`);
  const voxOffset = Math.round(view.getFloat32(108, le));
  const count = dims.slice(1, 1 + (dims[0] ?? 0)).reduce((a, b) => a * Math.max(1, b), 1);
  const voxels = allocateVoxels(voxelType, count);
  const need = voxOffset + count * voxels.BYTES_PER_ELEMENT;
  if (bytes.length < need) throw new AppError('TRUNCATED', `The NIfTI voxel data ends at byte ${bytes.length}; ${need} are needed.`);
  const raw = bytes.slice(voxOffset, need);
  if (!le && voxels.BYTES_PER_ELEMENT > 1) swapBytes(raw, voxels.BYTES_PER_ELEMENT);
  new Uint8Array(voxels.buffer).set(raw);
  const srow = (offset: number) => Array.from({ length: 4 }, (_, i) => view.getFloat32(offset + i * 4, le));
  const q = Array.from({ length: 6 }, (_, i) => view.getFloat32(256 + i * 4, le));
  return {
    dims,
    pixdim,
    voxelType,
    sclSlope: view.getFloat32(112, le),
    sclInter: view.getFloat32(116, le),
    qformCode: view.getInt16(252, le),
    sformCode: view.getInt16(254, le),
    sform: [srow(280), srow(296), srow(312), [0, 0, 0, 1]],
    qform: quaternionToAffine(
      { b: q[0] ?? 0, c: q[1] ?? 0, d: q[2] ?? 0, qfac: (pixdim[0] ?? 1) < 0 ? -1 : 1 },
      [pixdim[1] ?? 1, pixdim[2] ?? 1, pixdim[3] ?? 1],
      [q[3] ?? 0, q[4] ?? 0, q[5] ?? 0],
    ),
    voxels,
  };
}

function swapBytes(bytes: Uint8Array, width: number): void {
  for (let i = 0; i + width <= bytes.length; i += width) bytes.subarray(i, i + width).reverse();
}
