// Import benchmark: all of ../shared/data into a fresh data folder, through the same service
// the hosts use (parse worker pool, hash-named store with fsync, batched writer worker), next
// to dcmtk's dcmdump parsing the same files in the same script as the reference.
// `npm run bench:import`. Prints a table and one JSON line; asserts nothing.
import { spawnSync } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { ensureDataLayout } from '../../../electron/core/app/data-dir';
import { DicomParsePool } from '../../../electron/core/dicom/dicom-parse-pool';
import { ImportService } from '../../../electron/core/import/import-service';
import { silentLogger } from '../../../electron/core/logging/log';
import { openDatabase } from '../../../electron/core/store/database';
import type { ImportSummary } from '../../../electron/shared/imports';
import { HAS_SHARED, SHARED_DATA, SHARED_MISSING_REASON } from '../../support/shared-data';
import { listFilesRecursive } from '../../support/list-files';

async function importOnce(durable: boolean): Promise<{ seconds: number; summary: ImportSummary }> {
  const dataDir = path.join(tmpdir(), `yingdu-import-bench-${process.pid}-${durable ? 'durable' : 'nosync'}`);
  rmSync(dataDir, { recursive: true, force: true });
  const layout = ensureDataLayout(dataDir);
  openDatabase(layout.database).close();
  const service = new ImportService({ layout, logger: silentLogger, createParser: () => new DicomParsePool(), durable });
  try {
    const started = performance.now();
    const summary = await service.start([SHARED_DATA], { onProgress() {}, onStudiesChanged() {}, onFinished() {} }).done;
    return { seconds: (performance.now() - started) / 1000, summary };
  } finally {
    await service.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function dcmdumpOnce(files: string[]): number {
  const started = performance.now();
  for (let i = 0; i < files.length; i += 200) {
    spawnSync('dcmdump', ['-q', '+P', '0008,0018', '+P', '0020,000d', '+P', '0020,000e', ...files.slice(i, i + 200)], {
      stdio: 'ignore',
    });
  }
  return (performance.now() - started) / 1000;
}

async function main(): Promise<void> {
  if (!HAS_SHARED) {
    console.log(`import benchmark skipped: ${SHARED_MISSING_REASON}`);
    return;
  }
  const files = listFilesRecursive(SHARED_DATA);
  const megabytes = files.reduce((sum, f) => sum + statSync(f).size, 0) / 1e6;
  const durable = await importOnce(true);
  const nosync = await importOnce(false);
  const dcmdump = dcmdumpOnce(files);
  const n = files.length;
  const row = (name: string, seconds: number) =>
    console.log(`${name.padEnd(58)} ${(n / seconds).toFixed(0).padStart(6)} files/s ${(megabytes / seconds).toFixed(1).padStart(7)} MB/s  (${seconds.toFixed(2)} s)`);
  console.log(`Import benchmark: ${n} files (${megabytes.toFixed(1)} MB) in ${SHARED_DATA}; ${cpus().length} cores`);
  row('yingdu import (parse pool + store with fsync + writer)', durable.seconds);
  row('yingdu import, no fsync (throwaway folder)', nosync.seconds);
  row('dcmdump (dcmtk) reading the same files, reference', dcmdump);
  const s = durable.summary;
  console.log(`  added ${s.added}, duplicates ${s.duplicates}, conflicts ${s.conflicts}, rejected ${s.rejectedCount}`);
  console.log(
    JSON.stringify({
      bench: 'import',
      files: n,
      megabytes: Number(megabytes.toFixed(1)),
      cores: cpus().length,
      importSeconds: Number(durable.seconds.toFixed(3)),
      importFilesPerSecond: Number((n / durable.seconds).toFixed(1)),
      importMBPerSecond: Number((megabytes / durable.seconds).toFixed(1)),
      importNoFsyncSeconds: Number(nosync.seconds.toFixed(3)),
      dcmdumpSeconds: Number(dcmdump.toFixed(3)),
      dcmdumpFilesPerSecond: Number((n / dcmdump).toFixed(1)),
      added: s.added,
      duplicates: s.duplicates,
      conflicts: s.conflicts,
      rejected: s.rejectedCount,
    }),
  );
}

void main();
