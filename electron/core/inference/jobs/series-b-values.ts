// The diffusion b-values of a stored series, for the eligibility check at enqueue (a model whose
// manifest names b-values, e.g. the stroke pipeline's b≈0 and b=1000). The importer does not
// catalogue them, so they are read from the series' files in the managed store (paths from the
// content hash, never from DICOM values) with the volume reader's own diffusion rules: Diffusion
// b-value (0018,9087) of the MR Diffusion macro (PS3.3 C.8.13.5.9), per frame for enhanced
// objects, else the vendors' private elements as dcm2niix reads them. Only series that pass every
// other rule of such a model get here, so CT and non-diffusion series are never read; a result is
// kept per instance set, so a series is read once per process (547 Philips files: ~0.3 s).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '../../store/database';
import { storeRelativePath } from '../../store/managed-store';
import { readDataset } from '../../volumes/dicom-dataset';
import { readFrameHeaders } from '../../volumes/frame-header';
import { seriesFileHashes } from '../../volumes/series-volumes';

/**
 * Nominal b-values are whole numbers of s/mm²; vendors store repeated b≈0 images with tiny
 * nominal values (this Philips series: 0.001–0.004), which round to 0 here.
 */
const roundB = (b: number) => Math.round(b);

export class SeriesBValues {
  private readonly cache = new Map<string, { key: string; values: number[] }>();

  constructor(
    private readonly db: Database,
    private readonly storeDir: string,
  ) {}

  /** Distinct b-values (s/mm², ascending) of the series' images; empty when none carries one. */
  of(seriesInstanceUID: string): number[] {
    const hashes = seriesFileHashes(this.db, seriesInstanceUID);
    // A series that gained images since is read again.
    const key = `${hashes.length}#${hashes[0] ?? ''}#${hashes.at(-1) ?? ''}`;
    const cached = this.cache.get(seriesInstanceUID);
    if (cached?.key === key) return cached.values;
    const found = new Set<number>();
    hashes.forEach((hash, index) => {
      let dataset;
      try {
        dataset = readDataset(new Uint8Array(readFileSync(path.join(this.storeDir, storeRelativePath(hash)))));
      } catch {
        // An unreadable file adds no b-value; the volume reader reports it when the job runs.
        return;
      }
      for (const frame of readFrameHeaders(dataset, index)) if (frame.diffusion) found.add(roundB(frame.diffusion.bValue));
    });
    const values = [...found].sort((a, b) => a - b);
    this.cache.set(seriesInstanceUID, { key, values });
    return values;
  }
}
