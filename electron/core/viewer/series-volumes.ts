// The viewer's side of volume assembly: the series' volumes come from the volume module (files
// found through the database and the hash-named store, assembled in the volume worker, kept in
// the shared byte-bounded cache); here they are described for `volumes:describe` with the window
// presets of the series' header, and handed to the bulk route.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../shared/result';
import type { VolumeDescription, WindowPresetValue } from '../../shared/volumes';
import type { Database } from '../store/database';
import { storeRelativePath } from '../store/managed-store';
import { numbers, readDataset, texts } from '../volumes/dicom-dataset';
import type { Volume } from '../volumes/volume';
import { loadSeriesVolumes, seriesFileHashes } from '../volumes/series-volumes';
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

/** Volumes of stored series for the viewer, built by the volume worker (electron/core/volumes). */
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
    const volumes = await loadSeriesVolumes({ db: this.db, storeDir: this.storeDir }, seriesInstanceUID, this.cache);
    let presets = this.presets.get(seriesInstanceUID);
    if (!presets) {
      presets = await this.readWindowPresets(seriesInstanceUID);
      this.presets.set(seriesInstanceUID, presets);
    }
    return { volumes, windowPresets: presets };
  }

  /** The window presets of the series' first instance (the store path derives from its hash). */
  private async readWindowPresets(seriesInstanceUID: string): Promise<WindowPresetValue[]> {
    const [hash] = seriesFileHashes(this.db, seriesInstanceUID);
    if (!hash) return [];
    try {
      return windowPresetsOf(new Uint8Array(await readFile(path.join(this.storeDir, storeRelativePath(hash)))));
    } catch {
      return [];
    }
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
    frameOfReferenceUID: v.frameOfReferenceUID,
  };
}
