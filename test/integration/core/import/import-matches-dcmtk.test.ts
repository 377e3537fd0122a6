// Imports all of ../shared/data the way the renderer does (import:start through the core's
// handler table) while a heartbeat timer and requests check that the event loop keeps turning;
// then checks the studies / series / instances the database holds against what dcmtk's dcmdump
// reads from the same files; a second import must add nothing; and every rejected file (from
// the corpus, or mutated from a real file) must leave the database and the store as they were.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportProgress, ImportSummary } from '../../../../electron/shared/imports';
import { createCore } from '../../../../electron/core/core';
import { isErrorCode } from '../../../../electron/shared/result';
import { generateMutants, MUTANT_COUNT } from '../../../support/dicom-mutator';
import { HAS_SHARED, SHARED_DATA, sharedData } from '../../../support/shared-data';
import { makeTempDir } from '../../../support/temp-dir';
import { checkConsistency, snapshot, studyTree } from './store-consistency';
import { listFilesRecursive } from '../../../support/list-files';
import { importInto } from './import-into';

/** Files the corpus README lists as deliberately broken: not part of the dcmtk comparison. */
const DELIBERATELY_BROKEN = /^(MR_truncated|badVR|bad_sequence|rtplan_truncated|emri_small_jpeg_2k_lossless_too_short|no_meta.*|meta_missing_tsyntax)\.dcm$/;

/** A UI value as dcmdump prints it, or a UN one (explicit_VR-UN.dcm) as its hex bytes. */
function uidValue(ui: string | undefined, unHex: string | undefined): string {
  const text = ui ?? Buffer.from((unHex ?? '').split('\\').map((h) => parseInt(h, 16))).toString('latin1');
  return text.replace(/\0/g, '').trim();
}

/** Study → series → sorted SOP Instance UIDs, as dcmdump reads the top-level UIDs of each file. */
function dcmtkTree(files: string[]): { tree: Record<string, Record<string, string[]>>; read: Set<string> } {
  const byFile = new Map<string, Record<string, string>>();
  for (let i = 0; i < files.length; i += 200) {
    const chunk = files.slice(i, i + 200);
    // dcmdump exits non-zero when any file of the chunk is unreadable; its output still lists the rest.
    const out = spawnSync(
      'dcmdump',
      ['-q', '+F', '+p', '+L', '-Un', '+P', '0020,000d', '+P', '0020,000e', '+P', '0008,0018', ...chunk],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] },
    ).stdout;
    let current: Record<string, string> | null = null;
    for (const line of out.split('\n')) {
      const header = /^# dcmdump \(\d+\/\d+\): (.*)$/.exec(line);
      if (header) {
        current = {};
        byFile.set(path.resolve(header[1]!), current);
        continue;
      }
      // Only top-level elements: nested ones are printed as (gggg,eeee).(gggg,eeee) with +p.
      const element = /^\((0020,000d|0020,000e|0008,0018)\) (?:UI \[([^\]]*)\]|UN ([0-9a-f\\]+))/.exec(line);
      if (element && current) current[element[1]!] ??= uidValue(element[2], element[3]);
    }
  }
  const tree: Record<string, Record<string, string[]>> = {};
  const read = new Set<string>();
  for (const [file, uids] of byFile) {
    const study = uids['0020,000d'];
    const series = uids['0020,000e'];
    const sop = uids['0008,0018'];
    if (!study || !series || !sop || DELIBERATELY_BROKEN.test(path.basename(file))) continue;
    read.add(file);
    const sops = ((tree[study] ??= {})[series] ??= []);
    if (!sops.includes(sop)) sops.push(sop);
  }
  for (const study of Object.values(tree)) for (const sops of Object.values(study)) sops.sort();
  return { tree, read };
}

interface LoopStats {
  ticks: number;
  maxGapMs: number;
  answered: number;
  progress: ImportProgress[];
}

/** import:start through the core, with a 5 ms heartbeat and app:info requests running alongside. */
async function importThroughCore(dataDir: string, paths: string[]): Promise<{ summary: ImportSummary; loop: LoopStats }> {
  const core = createCore({ dataDir, host: 'web' });
  const loop: LoopStats = { ticks: 0, maxGapMs: 0, answered: 0, progress: [] };
  try {
    let resolveFinished: (s: ImportSummary) => void = () => {};
    const finished = new Promise<ImportSummary>((resolve) => (resolveFinished = resolve));
    core.events.subscribe((event, payload) => {
      if (event === 'import:progress') loop.progress.push(payload as ImportProgress);
      if (event === 'import:finished') resolveFinished(payload as ImportSummary);
    });
    let last = performance.now();
    const heartbeat = setInterval(() => {
      const now = performance.now();
      loop.maxGapMs = Math.max(loop.maxGapMs, now - last);
      last = now;
      loop.ticks++;
    }, 5);
    let importing = true;
    const requests = (async () => {
      while (importing) {
        if ((await core.dispatch('app:info', {})).ok) loop.answered++;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const started = await core.dispatch('import:start', { paths });
    if (!started.ok) throw new Error(started.error.message);
    const summary = await finished;
    importing = false;
    clearInterval(heartbeat);
    await requests;
    return { summary, loop };
  } finally {
    await core.close();
  }
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe.skipIf(!HAS_SHARED)('importing ../shared/data agrees with dcmtk', () => {
  const temp = makeTempDir('yingdu-import-dcmtk-');
  const dataDir = path.join(temp.dir, 'data');
  let first: ImportSummary;
  let loop: LoopStats;
  let files: string[] = [];

  beforeAll(async () => {
    files = listFilesRecursive(SHARED_DATA);
    ({ summary: first, loop } = await importThroughCore(dataDir, [SHARED_DATA]));
  });
  afterAll(() => temp.remove());

  it('kept the event loop answering while it imported (parsing and SQLite writes run in workers)', () => {
    console.log(
      `import of ${first.filesSeen} files in ${first.durationSeconds} s: ${loop.ticks} heartbeats (5 ms timer), longest gap ${loop.maxGapMs.toFixed(0)} ms, ` +
        `${loop.answered} app:info requests answered, ${loop.progress.length} progress events`,
    );
    expect(first).toMatchObject({ state: 'completed', error: null });
    // The loop kept turning throughout: many heartbeats and answered requests, not a frozen stretch.
    expect(loop.ticks).toBeGreaterThan(50);
    expect(loop.answered).toBeGreaterThan(10);
    // Progress is throttled (~4/s) yet reported along the way, ending at the known total.
    expect(loop.progress.length).toBeGreaterThan(2);
    expect(loop.progress.length).toBeLessThan(first.durationSeconds * 4 + 10);
    expect(loop.progress.at(-1)).toMatchObject({ filesTotal: first.filesSeen, done: first.filesSeen, added: first.added });
    const dones = loop.progress.map((p) => p.done);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
  });

  it('holds the studies, series and instances dcmdump reads, and nothing else', () => {
    expect(first.state).toBe('completed');
    expect(first.filesSeen).toBe(files.length);
    const { tree: expected, read } = dcmtkTree(files);
    // Rows that came from deliberately broken files our parser still accepted are not compared.
    const brokenHashes = new Set(files.filter((f) => DELIBERATELY_BROKEN.test(path.basename(f)) && !read.has(f)).map(sha256));
    const actual = studyTree(dataDir, brokenHashes);
    expect(Object.keys(actual).length).toBe(Object.keys(expected).length);
    expect(actual).toEqual(expected);
    expect(checkConsistency(dataDir)).toMatchObject({ integrity: 'ok', missingFiles: [], badHashes: [], seriesCountMismatches: [], studyCountMismatches: [] });
  });

  it('a second import of the same folder adds nothing and changes nothing', async () => {
    const before = snapshot(dataDir);
    const second = await importInto(dataDir, [SHARED_DATA]);
    expect(second.added).toBe(0);
    expect(second.duplicates + second.conflicts).toBe(first.added + first.duplicates + first.conflicts);
    expect(second.rejectedCount).toBe(first.rejectedCount);
    expect(snapshot(dataDir)).toEqual(before);
  });

  it('every rejected corpus file leaves the database and the store unchanged', async () => {
    const rejected = first.rejected.map((r) => r.path);
    expect(rejected.length).toBe(first.rejectedCount);
    expect(rejected).toContain(sharedData('conformance', 'pydicom', 'MR_truncated.dcm'));
    const before = snapshot(dataDir);
    // One import for all of them is enough to prove "unchanged"; each must still be rejected.
    const again = await importInto(dataDir, rejected);
    expect(again.rejectedCount).toBe(rejected.length);
    expect(again.added + again.duplicates + again.conflicts).toBe(0);
    expect(snapshot(dataDir)).toEqual(before);
  });

  it(`${MUTANT_COUNT} mutated copies of real files: every rejected one has a code and leaves no trace`, async () => {
    const mutantsDir = path.join(temp.dir, 'mutants');
    mkdirSync(mutantsDir);
    const mutants = generateMutants((seed) => readFileSync(sharedData('conformance', 'pydicom', seed)));
    expect(mutants.length).toBeGreaterThanOrEqual(500);
    mutants.forEach((mutant, i) => writeFileSync(path.join(mutantsDir, `mutant-${String(i).padStart(4, '0')}.dcm`), mutant.bytes));

    const result = await importInto(dataDir, [mutantsDir]);
    expect(result.filesSeen).toBe(mutants.length);
    expect(result.rejected.length).toBeGreaterThan(mutants.length / 3);
    for (const rejection of result.rejected) expect(isErrorCode(rejection.code), rejection.path).toBe(true);

    // No rejected file reached the store, the conflicts folder or the instances table...
    const kept = snapshot(dataDir);
    const keptNames = new Set([...kept.storeFiles, ...kept.conflictFiles].map((entry) => path.basename(entry.split(':')[0]!, '.dcm')));
    const keptHashes = new Set((kept.rows.instances as { file_hash: string }[]).map((row) => row.file_hash));
    for (const rejection of result.rejected) {
      const hash = sha256(rejection.path);
      expect(keptNames.has(hash) || keptHashes.has(hash), `${rejection.path} (${rejection.code}) left a trace`).toBe(false);
    }
    // ...and importing them again changes nothing at all.
    const again = await importInto(dataDir, result.rejected.map((r) => r.path));
    expect(again.rejectedCount).toBe(result.rejected.length);
    expect(snapshot(dataDir)).toEqual(kept);
    expect(checkConsistency(dataDir)).toMatchObject({ integrity: 'ok', missingFiles: [], badHashes: [] });
  });
});
