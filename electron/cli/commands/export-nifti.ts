import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { resolveDataDir } from '../../core/app/data-dir';
import { createCore } from '../../core/core';
import { diffusionTables } from '../../core/nifti/diffusion-tables';
import { encodeNifti } from '../../core/nifti/nifti-writer';
import { loadSeriesVolumes } from '../../core/volumes/series-volumes';
import { AppError } from '../../shared/result';
import { printJson, UsageError } from '../cli-io';
import type { CliCommand } from '../command';

export const exportNiftiCommand: CliCommand = {
  name: 'export-nifti',
  summary: 'Write a stored series as NIfTI-1 (gzip when OUT ends in .gz), laid out and oriented as dcm2niix writes it',
  usage: 'yingdu export-nifti SERIES_UID OUT.nii[.gz] [--volume N] [--data DIR] [--json]',
  options: { volume: { type: 'string' } },
  async run({ io, common, positionals, options }) {
    const [seriesUID, out, ...extra] = positionals;
    if (!seriesUID || !out || extra.length > 0) throw new UsageError('give a Series Instance UID and an output file');
    if (!/\.nii(\.gz)?$/.test(out)) throw new UsageError('the output file name must end in .nii or .nii.gz');
    let index: number | null = null;
    if (typeof options.volume === 'string') {
      if (!/^\d+$/.test(options.volume)) throw new UsageError('--volume takes a volume number counted from 0, as listed by yingdu volume');
      index = Number(options.volume);
    }
    const core = createCore({ dataDir: resolveDataDir(common.data), host: 'cli' });
    try {
      const volumes = await loadSeriesVolumes({ db: core.db, storeDir: core.layout.store }, seriesUID);
      if (index !== null && index >= volumes.length) {
        throw new AppError('INVALID_ARGUMENT', `The series has ${volumes.length} volume(s), numbered from 0; there is no volume ${index}.`);
      }
      const chosen = index === null ? volumes : [volumes[index] as (typeof volumes)[number]];
      const bytes = encodeNifti(chosen, { gzip: out.endsWith('.gz') });
      // Written beside the target and renamed, so a failed export never leaves half a file.
      const target = path.resolve(out);
      const partial = `${target}.partial`;
      await writeFile(partial, bytes);
      await rename(partial, target);
      // Diffusion series also get FSL .bval / .bvec beside the image, as dcm2niix writes them.
      const tables = diffusionTables(chosen);
      const base = target.replace(/\.nii(\.gz)?$/, '');
      if (tables) {
        await writeFile(`${base}.bval`, tables.bval);
        await writeFile(`${base}.bvec`, tables.bvec);
      }
      const summary = {
        file: target,
        volumes: chosen.length,
        labels: chosen.map((v) => v.label),
        bytes: bytes.byteLength,
        diffusionTables: tables ? [`${base}.bval`, `${base}.bvec`] : [],
      };
      if (common.json) printJson(io, summary);
      else io.stdout(`wrote ${target}: ${chosen.length} volume(s), ${bytes.byteLength} bytes\n`);
      return 0;
    } finally {
      await core.close();
    }
  },
};
