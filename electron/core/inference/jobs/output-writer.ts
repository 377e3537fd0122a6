// Writes a pipeline's output volumes as NIfTI-1 (gzip) under
// <data>/outputs/analyses/<jobId>/<name>.nii.gz, reusing the exporter's writer so the files open
// in any NIfTI viewer in the same geometry as the series (and as dcm2niix's export of it).
// File names come from the output's machine name (a-z, 0-9, _), never from DICOM values.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AnalysisOutput } from '../../../shared/ai-results';
import { AppError } from '../../../shared/result';
import { encodeNifti } from '../../nifti/nifti-writer';
import type { Volume } from '../../volumes/volume';
import type { OutputVolume } from '../pipelines/pipeline';
import type { OutputGrid } from './analysis-store';

const NAME = /^[a-z0-9_]{1,40}$/;

function dtypeOf(voxels: OutputVolume['voxels']): OutputGrid['dtype'] {
  if (voxels instanceof Uint8Array) return 'uint8';
  if (voxels instanceof Uint16Array) return 'uint16';
  return 'float32';
}

/** The analysis folder of a job, relative to the data folder (posix separators, as stored). */
export const analysisFolder = (jobId: number) => `outputs/analyses/${jobId}`;

export function writeAnalysisOutputs(dataDir: string, jobId: number, outputs: readonly OutputVolume[]): { outputs: AnalysisOutput[]; grids: OutputGrid[] } {
  const folder = path.join(dataDir, ...analysisFolder(jobId).split('/'));
  // A re-run after a crash starts from a clean folder.
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const seen = new Set<string>();
  const written: AnalysisOutput[] = [];
  const grids: OutputGrid[] = [];
  for (const output of outputs) {
    if (!NAME.test(output.name) || seen.has(output.name)) {
      throw new AppError('INTERNAL', `The pipeline produced an output with an invalid or repeated name (${JSON.stringify(output.name.slice(0, 40))}).`);
    }
    seen.add(output.name);
    const { grid, voxels, ...described } = output;
    const expected = grid.dimensions[0] * grid.dimensions[1] * grid.dimensions[2];
    if (voxels.length !== expected) throw new AppError('INTERNAL', `Output ${output.name} has ${voxels.length} voxels; its grid needs ${expected}.`);
    const dtype = dtypeOf(voxels);
    const volume: Volume = {
      seriesInstanceUID: '',
      frameOfReferenceUID: '',
      label: output.name,
      ...grid,
      voxelType: dtype,
      voxels,
      rescaleSlope: 1,
      rescaleIntercept: 0,
      min: 0,
      max: 0,
      resampled: false,
      diffusion: null,
      warnings: [],
    };
    const relative = `${analysisFolder(jobId)}/${output.name}.nii.gz`;
    writeFileSync(path.join(folder, `${output.name}.nii.gz`), encodeNifti([volume], { gzip: true, description: `Yingdu AI ${output.kind}` }));
    written.push({ ...described, path: relative });
    grids.push({ dimensions: grid.dimensions, spacing: grid.spacing, origin: grid.origin, direction: grid.direction, dtype });
  }
  return { outputs: written, grids };
}
