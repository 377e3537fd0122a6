// The viewer's side of volume assembly: finds a series' stored files through the database (never
// through a path built from a DICOM value), builds its volumes with the volume assembler, keeps
// them in the shared byte-bounded cache, and describes them for `volumes:describe`.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../shared/result';
import type { VolumeDescription, WindowPresetValue } from '../../shared/volumes';
import type { Database } from '../store/database';
import { storeRelativePath } from '../store/managed-store';
import { numbers, readDataset, texts } from '../volumes/dicom-dataset';
import type { Volume } from '../volumes/volume';
import { assembleVolumes } from '../volumes/volume-assembly';
import { sharedVolumeCache, type VolumeCache } from '../volumes/volume-cache';

/** Strict DICOM UID syntax (PS3.5 9.1): components of digits, no leading zero, dots between. */
export const STRICT_UID = /^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*$/;

export function isStrictUid(value: string): boolean {
  return value.length <= 64 && STRICT_UID.test(value);
}

interface SeriesEntry {
  volumes: Volume[];
  windowPresets: WindowPresetValue[];
}

export class SeriesVolumes {
  private readonly presets = new Map<string, WindowPresetValue[]>();

  constructor(
    private readonly db: Database,
    private readonly storeDir: string,
    private readonly cache: VolumeCache = sharedVolumeCache,
  ) {}

  /** True when the database knows this series (the bulk route serves nothing else). */
  knows(seriesInstanceUID: string): boolean {
    if (!isStrictUid(seriesInstanceUID)) return false;
    return this.db.prepare('SELECT 1 FROM series WHERE series_instance_uid = ?').get(seriesInstanceUID) !== undefined;
  }

  async describe(seriesInstanceUID: string): Promise<VolumeDescription[]> {
    const entry = await this.load(seriesInstanceUID);
    return entry.volumes.map((v, index) => describeVolume(v, index, entry.windowPresets));
  }

  async volume(seriesInstanceUID: string, index: number): Promise<Volume> {
    const { volumes } = await this.load(seriesInstanceUID);
    const volume = volumes[index];
    if (!volume) throw new AppError('NOT_FOUND', `The series has ${volumes.length} volume(s); volume ${index + 1} does not exist.`);
    return volume;
  }

  private async load(seriesInstanceUID: string): Promise<SeriesEntry> {
    if (!isStrictUid(seriesInstanceUID)) throw new AppError('INVALID_ARGUMENT', 'The series identifier is not a DICOM UID.');
    const key = `series:${seriesInstanceUID}`;
    const volumes = await this.cache.getOrBuild(key, () => this.build(seriesInstanceUID));
    return { volumes, windowPresets: this.presets.get(seriesInstanceUID) ?? [] };
  }

  private async build(seriesInstanceUID: string): Promise<Volume[]> {
    const rows = this.db
      .prepare(
        `SELECT i.file_hash AS hash FROM instances i JOIN series s ON s.id = i.series_ref
         WHERE s.series_instance_uid = ? ORDER BY i.instance_number, i.id`,
      )
      .all(seriesInstanceUID) as { hash: string }[];
    if (rows.length === 0) throw new AppError('NOT_FOUND', 'No images of this series are stored; it may have been removed. Import it again.');
    let files: Uint8Array[];
    try {
      // The store path comes from the sha256 the importer recorded, never from a DICOM value.
      files = await Promise.all(rows.map(async (r) => new Uint8Array(await readFile(path.join(this.storeDir, storeRelativePath(r.hash))))));
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('IO_ERROR', 'A stored image file of this series could not be read; check the data folder, then import the series again.');
    }
    this.presets.set(seriesInstanceUID, windowPresetsOf(files[0] as Uint8Array));
    return assembleVolumes(files);
  }
}

/** Window Center / Width / Explanation (0028,1050 / 1051 / 1055), PS3.3 C.11.2.1.2. */
function windowPresetsOf(bytes: Uint8Array): WindowPresetValue[] {
  try {
    const { dict } = readDataset(bytes);
    const centers = numbers(dict, '00281050');
    const widths = numbers(dict, '00281051');
    const labels = texts(dict, '00281055');
    const out: WindowPresetValue[] = [];
    centers.forEach((center, i) => {
      const width = widths[i];
      if (width !== undefined && width >= 1 && Number.isFinite(center)) out.push({ center, width, label: labels[i] ?? '' });
    });
    return out;
  } catch {
    return [];
  }
}

export function describeVolume(v: Volume, index: number, windowPresets: WindowPresetValue[]): VolumeDescription {
  const [i, j, k] = v.direction;
  return {
    index,
    dimensions: [...v.dimensions],
    spacing: [...v.spacing],
    origin: [...v.origin],
    direction: [...i, ...j, ...k],
    dtype: v.voxelType,
    min: v.min,
    max: v.max,
    label: v.label,
    warnings: [...v.warnings],
    rescale: { slope: v.rescaleSlope, intercept: v.rescaleIntercept },
    windowPresets,
    resampled: v.resampled,
    byteLength: v.voxels.byteLength,
  };
}
