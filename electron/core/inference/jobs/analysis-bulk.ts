// The host-neutral half of the bulk route for AI output volumes:
//   GET /bulk/analysis/<analysisId>/<outputIndex>  → voxels, native dtype, little-endian, i fastest
// mirroring /bulk/volume/ (electron/core/viewer/bulk-volume.ts): the same headers, plus the
// output's grid, since an output is not a stored series. The path only carries two integers; the
// file read is the one the job service recorded, inside <data>/outputs/analyses/<analysisId>/,
// so nothing from the request becomes a file path.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { BULK_ANALYSIS_PREFIX } from '../../../shared/ai-results';
import { AppError } from '../../../shared/result';
import { decodeNifti } from '../../nifti/nifti-reader';
import { BULK_STATUS, littleEndianBytes } from '../../viewer/bulk-volume';
import type { VoxelArray } from '../../volumes/voxel-types';
import type { AnalysisStore, OutputGrid } from './analysis-store';

const MAX_ID = 2 ** 52;

export function isAnalysisBulkPath(pathname: string): boolean {
  return pathname.startsWith(BULK_ANALYSIS_PREFIX);
}

/** `{ analysisId, outputIndex }` or null for anything that is not exactly `<digits>/<digits>`. */
export function parseAnalysisBulkPath(pathname: string): { analysisId: number; outputIndex: number } | null {
  if (!isAnalysisBulkPath(pathname)) return null;
  const match = /^([1-9][0-9]{0,15})\/(0|[1-9][0-9]{0,3})$/.exec(pathname.slice(BULK_ANALYSIS_PREFIX.length));
  if (!match) return null;
  const analysisId = Number(match[1]);
  return analysisId < MAX_ID ? { analysisId, outputIndex: Number(match[2]) } : null;
}

export interface AnalysisVolume {
  grid: OutputGrid;
  voxels: VoxelArray;
}

/** Reads an output volume back from its NIfTI file into volume order (i fastest, DICOM rows down). */
export async function resolveAnalysisVolume(store: AnalysisStore, dataDir: string, pathname: string): Promise<AnalysisVolume> {
  const target = parseAnalysisBulkPath(pathname);
  if (!target) throw new AppError('INVALID_ARGUMENT', 'An analysis bulk address is /bulk/analysis/<analysis number>/<output number>.');
  const analysis = store.get(target.analysisId);
  const output = analysis?.outputs[target.outputIndex];
  const grid = store.grid(target.analysisId, target.outputIndex);
  if (!analysis || !output || !grid) throw new AppError('NOT_FOUND', 'No such AI result output is stored; the analysis may have been removed.');
  const folder = path.resolve(dataDir, 'outputs', 'analyses', String(target.analysisId));
  const file = path.resolve(dataDir, output.path);
  if (!file.startsWith(folder + path.sep)) throw new AppError('NOT_FOUND', 'The stored output path is outside its analysis folder; run the analysis again.');
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch {
    throw new AppError('NOT_FOUND', 'The output file of this AI result is missing from the data folder; run the analysis again.');
  }
  const image = decodeNifti(bytes);
  const [ni, nj, nk] = grid.dimensions;
  if (image.dims[1] !== ni || image.dims[2] !== nj || image.dims[3] !== nk) {
    throw new AppError('IO_ERROR', 'The output file does not match its recorded grid; run the analysis again.');
  }
  // The writer stores rows reversed (nifti-writer.ts, dcm2niix's layout): undo it.
  const voxels = image.voxels.slice() as VoxelArray;
  const plane = ni * nj;
  for (let k = 0; k < nk; k++) {
    for (let j = 0; j < nj; j++) {
      const from = k * plane + (nj - 1 - j) * ni;
      voxels.set(image.voxels.subarray(from, from + ni) as never, k * plane + j * ni);
    }
  }
  return { grid, voxels };
}

export function analysisBulkHeaders(volume: AnalysisVolume): Record<string, string> {
  const { grid } = volume;
  return {
    'Content-Type': 'application/octet-stream',
    'Content-Length': String(volume.voxels.byteLength),
    // Derived from patient images: PHI, never cached on disk by the browser.
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'X-Yingdu-Dtype': grid.dtype,
    'X-Yingdu-Dimensions': grid.dimensions.join(','),
    'X-Yingdu-Spacing': grid.spacing.join(','),
    'X-Yingdu-Origin': grid.origin.join(','),
    'X-Yingdu-Direction': grid.direction.flat().join(','),
  };
}

/** For Electron's protocol handler (app://yingdu/bulk/analysis/…): the whole output as one Response. */
export async function analysisBulkResponse(store: AnalysisStore, dataDir: string, pathname: string): Promise<Response> {
  try {
    const volume = await resolveAnalysisVolume(store, dataDir, pathname);
    return new Response(littleEndianBytes(volume), { status: 200, headers: analysisBulkHeaders(volume) });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return new Response(JSON.stringify({ ok: false, error: { code: error.code, message: error.message } }), {
      status: BULK_STATUS[error.code] ?? 500,
      headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
    });
  }
}
