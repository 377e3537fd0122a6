// The brain MRI test case: ../shared/models/sample-inputs/t1_crop.nii.gz (a real, conformed T1)
// written as a DICOM MR series with its exact geometry by test/reference/nifti_to_dicom_series.py
// — a TEST WRAPPER, since ../shared has no brain DICOM series — and imported into a data folder
// through the real importer. Model packages are built from ../shared/models by the converters.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, cpSync } from 'node:fs';
import path from 'node:path';
import { decodeNifti } from '../../../../../electron/core/nifti/nifti-reader';
import type { ModelManifest } from '../../../../../electron/shared/model-manifest';
import { buildPackage } from '../../../../../native-models/src/packages/package-builder';
import { PACKAGE_DEFINITIONS } from '../../../../../native-models/src/packages/package-definitions';
import { REPO_ROOT, SHARED_MODELS, sharedModels } from '../../../../support/shared-data';
import { importInto } from '../../import/import-into';

export const T1_SAMPLE = sharedModels('sample-inputs', 't1_crop.nii.gz');

export interface WrittenSeries {
  files: number;
  dir: string;
  dims: [number, number, number];
  originLPS: [number, number, number];
  directionLPS: [[number, number, number], [number, number, number], [number, number, number]];
  spacing: [number, number, number];
}

/** Writes the T1 sample as a DICOM series (pydicom, Debian's python3). */
export function writeT1Series(dir: string): WrittenSeries {
  const out = execFileSync('/usr/bin/python3', ['-W', 'ignore', path.join(REPO_ROOT, 'test/reference/nifti_to_dicom_series.py'), T1_SAMPLE, dir], {
    encoding: 'utf8',
  });
  return { dir, ...(JSON.parse(out) as Omit<WrittenSeries, 'dir'>) };
}

/** Writes the T1 series and imports it into `dataDir`. */
export async function importT1(dataDir: string, seriesDir: string): Promise<WrittenSeries> {
  const series = writeT1Series(seriesDir);
  const summary = await importInto(dataDir, [seriesDir]);
  if (summary.added !== series.files) throw new Error(`imported ${summary.added} of ${series.files} files`);
  return series;
}

/** Builds one package from ../shared/models; `edit` makes a named TEST VARIANT of its manifest. */
export function buildModel(id: string, outDir: string, edit?: (m: ModelManifest) => void): string {
  const def = PACKAGE_DEFINITIONS.find((d) => d.id === id);
  if (!def) throw new Error(`no package definition ${id}`);
  const built = buildPackage(def, SHARED_MODELS, path.join(outDir, 'built')).dir;
  if (!edit) return built;
  const variant = path.join(outDir, `${id}-variant`);
  cpSync(built, variant, { recursive: true });
  const file = path.join(variant, 'manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as ModelManifest;
  edit(manifest);
  writeFileSync(file, JSON.stringify(manifest, null, 2));
  return variant;
}

/** The sample's voxels in NIfTI order (x fastest) and its dims. */
export function readT1Sample(): { voxels: Uint8Array; dims: [number, number, number] } {
  const image = decodeNifti(new Uint8Array(readFileSync(T1_SAMPLE)));
  return { voxels: image.voxels as Uint8Array, dims: [image.dims[1] as number, image.dims[2] as number, image.dims[3] as number] };
}
