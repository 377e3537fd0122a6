// `yingdu import` as a user or a script runs it (the bundled CLI built by the global setup):
// exactly one JSON document with --json, a progress line and a summary on stderr otherwise, and
// the `error CODE: message` convention for bad usage.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HAS_SHARED, REPO_ROOT, sharedData } from '../../../support/shared-data';
import { makeTempDir } from '../../../support/temp-dir';

const BIN = path.join(REPO_ROOT, 'bin', 'yingdu.cjs');
const temp = makeTempDir('yingdu-import-cli-');
afterAll(() => temp.remove());

const yingdu = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000 });

describe.skipIf(!HAS_SHARED)('yingdu import', () => {
  const data = path.join(temp.dir, 'data');
  const files = [sharedData('ct-head-gantry-tilt'), sharedData('conformance', 'pydicom', 'MR_truncated.dcm')];

  it('--json prints exactly one JSON document with the documented fields', () => {
    const run = yingdu(['import', ...files, '--data', data, '--json']);
    expect(run.status).toBe(0);
    const doc = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(Object.keys(doc).slice(0, 5)).toEqual(['filesSeen', 'added', 'duplicates', 'conflicts', 'rejected']);
    expect(doc).toMatchObject({ filesSeen: 30, added: 28, duplicates: 0, conflicts: 0 });
    expect(doc.rejected).toEqual(
      expect.arrayContaining([
        { path: sharedData('conformance', 'pydicom', 'MR_truncated.dcm'), code: 'TRUNCATED', message: expect.any(String) },
        { path: sharedData('ct-head-gantry-tilt', 'LICENSE.txt'), code: 'NOT_DICOM', message: expect.any(String) },
      ]),
    );
  });

  it('prints progress and a summary on stderr in human mode; a re-run finds only duplicates', () => {
    const run = yingdu(['import', ...files, '--data', data]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/import: \d+\/30 files, [\d.]+ files\/s, ETA/);
    expect(run.stderr).toMatch(/completed: 30 files seen, 0 added, 28 duplicates, 0 conflicts, 2 rejected/);
    expect(run.stderr).toMatch(/rejected TRUNCATED: .*MR_truncated\.dcm/);
  });

  it('without a path is a usage error', () => {
    const run = yingdu(['import', '--data', data]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^error INVALID_ARGUMENT: import needs at least one/);
  });

  it('fails with IO_ERROR on a path that does not exist, and still prints the JSON summary', () => {
    const run = yingdu(['import', path.join(temp.dir, 'no-such-disc'), '--data', data, '--json']);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^error IO_ERROR: .*no-such-disc: The path does not exist/m);
    expect(JSON.parse(run.stdout)).toMatchObject({ filesSeen: 0, unreadablePaths: [expect.objectContaining({ code: 'IO_ERROR' })] });
  });
});
