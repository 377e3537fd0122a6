// Crash safety of the import (ARCHITECTURE §4): the real CLI is SIGKILLed at seeded random
// moments while importing real files. After every kill the database must pass integrity_check,
// every committed instance must have its file in the store with the right hash, and series /
// study counts must equal their rows. Re-running the import must then reach a clean import's state.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_SHARED, REPO_ROOT, sharedData } from '../../../support/shared-data';
import { makeTempDir } from '../../../support/temp-dir';
import { checkConsistency, studyTree } from './store-consistency';
import { seededRandom } from '../../../support/seeded-random';

const CLI = path.join(REPO_ROOT, 'dist', 'cli.cjs');
const KILLS = 22;
const KILLS_PER_FOLDER = 6;

/**
 * A subset of ../shared/data that keeps the kills affordable on 2 cores: a CT series with a
 * LICENSE.txt beside it (rejected), 40 DWI slices, and pydicom files including a truncated one
 * and two different files sharing a SOP Instance UID (a conflict).
 */
function importPaths(): string[] {
  const dwi = sharedData('mr-brain-dwi-philips');
  const dwiFiles = readdirSync(dwi)
    .filter((name) => !name.endsWith('.txt'))
    .sort()
    .slice(0, 40)
    .map((name) => path.join(dwi, name));
  const pydicom = ['CT_small.dcm', 'MR_small.dcm', 'MR_truncated.dcm', 'SC_rgb.dcm', 'SC_rgb_rle.dcm', 'emri_small.dcm', 'emri_small_big_endian.dcm'];
  return [sharedData('ct-head-gantry-tilt'), ...pydicom.map((name) => sharedData('conformance', 'pydicom', name)), ...dwiFiles];
}

function runImport(dataDir: string, paths: string[], killAfterMs: number | null): Promise<{ code: number | null; signal: string | null; stdout: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [CLI, 'import', ...paths, '--data', dataDir, '--json'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const timer = killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, stdout, ms: performance.now() - started });
    });
  });
}

describe.skipIf(!HAS_SHARED)('import survives SIGKILL at any moment', () => {
  const temp = makeTempDir('yingdu-kill-');
  const paths = HAS_SHARED ? importPaths() : [];
  let cleanTree: Record<string, Record<string, string[]>> = {};
  let cleanMs = 0;

  beforeAll(() => {
    // The global test setup builds dist/; build here only when this file runs on its own without it.
    if (!existsSync(CLI)) execFileSync(process.execPath, ['build/scripts/build.mjs', '--node-only'], { cwd: REPO_ROOT });
  });
  afterAll(() => temp.remove());

  it('a clean import gives the reference state', async () => {
    const dir = path.join(temp.dir, 'clean');
    const run = await runImport(dir, paths, null);
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout) as { added: number; rejected: unknown[] };
    expect(summary.added).toBeGreaterThan(60);
    expect(summary.rejected.length).toBeGreaterThan(0);
    cleanMs = run.ms;
    cleanTree = studyTree(dir);
    const report = checkConsistency(dir);
    expect(report).toMatchObject({ integrity: 'ok', missingFiles: [], badHashes: [], seriesCountMismatches: [], studyCountMismatches: [] });
  });

  /** A re-run after the kills completes the import: same studies, series and instances as a clean one. */
  async function finishAndCompare(dir: string): Promise<void> {
    const finish = await runImport(dir, paths, null);
    expect(finish.code).toBe(0);
    expect(studyTree(dir)).toEqual(cleanTree);
    expect(checkConsistency(dir)).toMatchObject({ integrity: 'ok', missingFiles: [], badHashes: [], seriesCountMismatches: [], studyCountMismatches: [] });
  }

  it(`${KILLS} kills leave a consistent database and store, and a re-run completes the import`, async () => {
    const random = seededRandom(20261129);
    let dir = '';
    let killedMidway = 0;
    let attempt = 0;
    // Runs that finish before their kill time do not count; keep going until KILLS real kills.
    for (; killedMidway < KILLS && attempt < KILLS * 2; attempt++) {
      if (attempt % KILLS_PER_FOLDER === 0) {
        dir = path.join(temp.dir, `killed-${attempt / KILLS_PER_FOLDER}`);
        rmSync(dir, { recursive: true, force: true });
      }
      // From process start to a clean run's length: covers startup, listing, parsing, store
      // writes, commits and shutdown.
      const delay = Math.round(50 + random() * cleanMs);
      const run = await runImport(dir, paths, delay);
      if (run.signal === 'SIGKILL') killedMidway++;
      if (existsSync(path.join(dir, 'yingdu.sqlite'))) {
        const report = checkConsistency(dir);
        expect(report, `after attempt ${attempt}, killed at ${delay} ms`).toMatchObject({
          integrity: 'ok',
          missingFiles: [],
          badHashes: [],
          seriesCountMismatches: [],
          studyCountMismatches: [],
        });
      }
      const lastOfFolder = attempt % KILLS_PER_FOLDER === KILLS_PER_FOLDER - 1;
      if (lastOfFolder || killedMidway === KILLS) await finishAndCompare(dir);
    }
    expect(killedMidway).toBe(KILLS);
  }, 400_000);
});
