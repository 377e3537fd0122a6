// Writes volumes as one NIfTI-1 file (".nii", gzip-compressed when asked): one volume as 3-D,
// several volumes of the same grid (a DWI series) as 4-D in the order given, as dcm2niix does.
// Voxels keep their native type; the DICOM rescale goes to scl_slope / scl_inter.
import { gzipSync } from 'node:zlib';
import { AppError } from '../../shared/result';
import type { Volume } from '../volumes/volume';
import { affineToQuaternion, niftiAffine } from './nifti-affine';
import { NIFTI_DATATYPE } from './nifti-datatypes';

const HEADER_BYTES = 348;
/** Header plus the 4-byte extension flag (no extensions). */
const VOX_OFFSET = 352;
const NIFTI_XFORM_SCANNER_ANAT = 1;
const UNITS_MM_SEC = 2 | 8;

export function encodeNifti(volumes: readonly Volume[], options: { gzip?: boolean; description?: string } = {}): Uint8Array {
  const first = volumes[0];
  if (!first) throw new AppError('NOT_A_VOLUME', 'There is no volume to export.');
  for (const v of volumes) {
    const sameGrid =
      v.dimensions.every((d, i) => d === first.dimensions[i]) &&
      v.voxelType === first.voxelType &&
      v.rescaleSlope === first.rescaleSlope &&
      v.rescaleIntercept === first.rescaleIntercept;
    if (!sameGrid) {
      throw new AppError(
        'NOT_A_VOLUME',
        'The volumes of this series differ in size, data type or rescale, so they cannot share one 4-D file; export one with --volume N.',
      );
    }
  }
  const [ni, nj, nk] = first.dimensions;
  const nt = volumes.length;
  const { code, bitpix } = NIFTI_DATATYPE[first.voxelType];
  const bytesPerVoxel = bitpix / 8;
  const plane = ni * nj;
  const volumeBytes = plane * nk * bytesPerVoxel;
  const out = new Uint8Array(VOX_OFFSET + volumeBytes * nt);
  const view = new DataView(out.buffer);
  writeHeader(view, first, { nt, code, bitpix, description: options.description ?? 'Yingdu' });

  // Rows reversed (j = rows-1-row) to match dcm2niix's array layout; see nifti-affine.ts.
  const rowBytes = ni * bytesPerVoxel;
  volumes.forEach((volume, t) => {
    const src = new Uint8Array(volume.voxels.buffer, volume.voxels.byteOffset, volume.voxels.byteLength);
    for (let k = 0; k < nk; k++) {
      for (let j = 0; j < nj; j++) {
        const from = (k * plane + (nj - 1 - j) * ni) * bytesPerVoxel;
        const to = VOX_OFFSET + t * volumeBytes + (k * plane + j * ni) * bytesPerVoxel;
        out.set(src.subarray(from, from + rowBytes), to);
      }
    }
  });
  return options.gzip ? gzipSync(out, { level: 6 }) : out;
}

function writeHeader(view: DataView, volume: Volume, f: { nt: number; code: number; bitpix: number; description: string }): void {
  const le = true;
  const [ni, nj, nk] = volume.dimensions;
  const affine = niftiAffine(volume);
  const q = affineToQuaternion(affine);
  view.setInt32(0, HEADER_BYTES, le);
  const dims = [f.nt > 1 ? 4 : 3, ni, nj, nk, f.nt, 1, 1, 1];
  dims.forEach((d, i) => view.setInt16(40 + i * 2, d, le));
  view.setInt16(70, f.code, le);
  view.setInt16(72, f.bitpix, le);
  const pixdim = [q.qfac, volume.spacing[0], volume.spacing[1], volume.spacing[2], 0, 0, 0, 0];
  pixdim.forEach((p, i) => view.setFloat32(76 + i * 4, p, le));
  view.setFloat32(108, VOX_OFFSET, le);
  view.setFloat32(112, volume.rescaleSlope, le);
  view.setFloat32(116, volume.rescaleIntercept, le);
  view.setUint8(123, UNITS_MM_SEC);
  const description = new TextEncoder().encode(f.description.slice(0, 79));
  new Uint8Array(view.buffer, 148, description.length).set(description);
  view.setInt16(252, NIFTI_XFORM_SCANNER_ANAT, le);
  view.setInt16(254, NIFTI_XFORM_SCANNER_ANAT, le);
  [q.b, q.c, q.d, affine[0]?.[3] ?? 0, affine[1]?.[3] ?? 0, affine[2]?.[3] ?? 0].forEach((v, i) => view.setFloat32(256 + i * 4, v, le));
  for (let r = 0; r < 3; r++) for (let c = 0; c < 4; c++) view.setFloat32(280 + r * 16 + c * 4, affine[r]?.[c] ?? 0, le);
  new Uint8Array(view.buffer, 344, 4).set([0x6e, 0x2b, 0x31, 0]); // "n+1\0": single-file NIfTI-1
}
