// The volumes of one stored series: its instances from the database, their files from the
// managed store (paths derive from the content hash, never from DICOM values), assembled in the
// volume worker and kept in the shared byte-bounded cache.
import path from 'node:path';
import { AppError } from '../../shared/result';
import type { Database } from '../store/database';
import { storeRelativePath } from '../store/managed-store';
import type { Volume } from './volume';
import { type VolumeBuilder, sharedVolumeBuilder } from './volume-builder';
import { type VolumeCache, sharedVolumeCache } from './volume-cache';

export interface SeriesVolumeSource {
  db: Database;
  /** `<data>/store` */
  storeDir: string;
}

/** Content hashes of the series' instances, in instance order (assembly re-sorts by position). */
export function seriesFileHashes(db: Database, seriesInstanceUID: string): string[] {
  const rows = db
    .prepare(
      `SELECT i.file_hash AS hash FROM instances i JOIN series s ON s.id = i.series_ref
       WHERE s.series_instance_uid = ? ORDER BY i.instance_number, i.id`,
    )
    .all(seriesInstanceUID) as Array<{ hash: string }>;
  return rows.map((r) => r.hash);
}

export async function loadSeriesVolumes(
  source: SeriesVolumeSource,
  seriesInstanceUID: string,
  cache: VolumeCache = sharedVolumeCache,
  builder: VolumeBuilder = sharedVolumeBuilder,
): Promise<Volume[]> {
  const hashes = seriesFileHashes(source.db, seriesInstanceUID);
  if (hashes.length === 0) {
    throw new AppError('NOT_FOUND', 'No series with this Series Instance UID is in the data folder; import it first (yingdu import PATH).');
  }
  // The key includes the instance set, so a series that gained images is rebuilt, not served stale.
  const key = `${seriesInstanceUID}#${hashes.length}#${hashes[0]}#${hashes[hashes.length - 1]}`;
  return cache.getOrBuild(key, () => builder.build(hashes.map((hash) => path.join(source.storeDir, storeRelativePath(hash)))));
}
