import type { Database } from '../store/database';
import type { Volume } from './volume';
import { type VolumeCache } from './volume-cache';
export interface SeriesVolumeSource {
    db: Database;
    /** `<data>/store` */
    storeDir: string;
}
/** Content hashes of the series' instances, in instance order (assembly re-sorts by position). */
export declare function seriesFileHashes(db: Database, seriesInstanceUID: string): string[];
export declare function loadSeriesVolumes(source: SeriesVolumeSource, seriesInstanceUID: string, cache?: VolumeCache): Promise<Volume[]>;
