// A full disk or a read-only data folder during an import: the import stops with DISK_FULL /
// IO_ERROR and a sentence, and what it leaves is consistent (every committed row has its file).
// Uses a real tiny tmpfs (root in CI); where mounting is not allowed the tests say so and skip.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../../electron/core/core';
import { HAS_SHARED, sharedData } from '../../../support/shared-data';
import { makeTempDir } from '../../../support/temp-dir';
import { checkConsistency } from './store-consistency';

const temp = makeTempDir('yingdu-disk-');
const mounted: string[] = [];

function mountTmpfs(name: string, sizeKiB: number): string | null {
  const dir = path.join(temp.dir, name);
  mkdirSync(dir);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKiB}k`, 'tmpfs', dir], { stdio: 'ignore' });
    mounted.push(dir);
    return dir;
  } catch {
    return null;
  }
}

const probe = mountTmpfs('probe', 64);
const CAN_MOUNT = probe !== null;
if (!CAN_MOUNT) console.warn('import-disk-errors: skipped, this machine does not allow mounting a tmpfs (needs root outside a restricted sandbox)');

afterAll(() => {
  // Lazy unmount: a worker that has not quite exited must not leave the mount behind.
  for (const dir of mounted.reverse()) execFileSync('umount', ['-l', dir]);
  temp.remove();
});

describe.skipIf(!HAS_SHARED || !CAN_MOUNT)('disk errors during import', () => {
  it('stops with DISK_FULL when the data folder fills up, leaving a consistent database', async () => {
    const dataDir = mountTmpfs('full', 3 * 1024)!;
    const core = createCore({ dataDir, host: 'cli' });
    let summary;
    try {
      summary = await core.imports.start([sharedData('ct-head-gantry-tilt')], { onProgress() {}, onStudiesChanged() {}, onFinished() {} }).done;
    } finally {
      await core.close();
    }
    expect(summary.state).toBe('failed');
    expect(summary.error).toEqual({ code: 'DISK_FULL', message: expect.stringMatching(/full.*Free space/) });
    expect(summary.added).toBeLessThan(28);
    const report = checkConsistency(dataDir);
    expect(report).toMatchObject({ integrity: 'ok', instances: summary.added, missingFiles: [], badHashes: [], seriesCountMismatches: [], studyCountMismatches: [] });
  });

  it('stops with IO_ERROR when the data folder is read-only', async () => {
    const dataDir = mountTmpfs('readonly', 4 * 1024)!;
    // The store turns read-only under a running workstation (remounted, a failing disk): a
    // read-only bind mount over it, since a file system with the open database cannot be remounted.
    const core = createCore({ dataDir, host: 'cli' });
    const store = core.layout.store;
    execFileSync('mount', ['--bind', store, store]);
    mounted.push(store);
    execFileSync('mount', ['-o', 'remount,bind,ro', store]);
    let summary;
    try {
      summary = await core.imports.start([sharedData('ct-head-gantry-tilt', '01.dcm')], { onProgress() {}, onStudiesChanged() {}, onFinished() {} }).done;
    } finally {
      await core.close();
    }
    expect(summary.state).toBe('failed');
    expect(summary.error?.code).toBe('IO_ERROR');
    expect(summary.error?.message).toMatch(/cannot be written|could not be written/);
    expect(summary.added).toBe(0);
    expect(checkConsistency(dataDir)).toMatchObject({ integrity: 'ok', instances: 0 });
  });
});
