// The import domain through the core's handler table, as the renderer drives it: argument
// validation and cancellation that stops early and leaves a consistent database. (The event
// loop during a big import is checked in import-matches-dcmtk.test.ts, on its full import.)
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Core, createCore } from '../../../../electron/core/core';
import { type ImportProgress, type ImportSummary, importProgressSchema, importSummarySchema } from '../../../../electron/shared/imports';
import { HAS_SHARED, sharedData } from '../../../support/shared-data';
import { makeTempDir } from '../../../support/temp-dir';
import { checkConsistency } from './store-consistency';

function collect(core: Core) {
  const progress: ImportProgress[] = [];
  let resolveFinished: (s: ImportSummary) => void = () => {};
  const finished = new Promise<ImportSummary>((resolve) => (resolveFinished = resolve));
  core.events.subscribe((event, payload) => {
    if (event === 'import:progress') progress.push(payload as ImportProgress);
    if (event === 'import:finished') resolveFinished(payload as ImportSummary);
  });
  return { progress, finished };
}

describe('import handlers', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let core: Core;

  beforeEach(() => {
    temp = makeTempDir('yingdu-import-handlers-');
    core = createCore({ dataDir: path.join(temp.dir, 'data'), host: 'web' });
  });
  afterEach(async () => {
    await core.close();
    temp.remove();
  });

  it.each([
    [{}, /paths/],
    [{ paths: [] }, /paths/],
    [{ paths: [42] }, /paths/],
    [{ paths: ['/tmp/a\0b'] }, /NUL/],
    [{ paths: ['/tmp'], extra: true }, /extra|Unrecognized/i],
  ])('import:start refuses %j with INVALID_ARGUMENT', async (args, message) => {
    const result = await core.dispatch('import:start', args);
    expect(result).toEqual({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(message) } });
  });

  it('import:start refuses a relative path: only what the user chose in a dialog is read', async () => {
    const result = await core.dispatch('import:start', { paths: ['relative/folder'] });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('import:cancel of an unknown import says so', async () => {
    expect(await core.dispatch('import:cancel', { importId: 'imp-unknown-1' })).toEqual({ ok: true, value: { cancelled: false } });
    expect(await core.dispatch('import:cancel', { importId: '../etc' })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it.skipIf(!HAS_SHARED)('import:cancel stops early and leaves a consistent database', async () => {
    const { progress, finished } = collect(core);
    // Cancel from inside the first progress event that reports committed rows, as a user would.
    let cancelled: Promise<unknown> | null = null;
    core.events.subscribe((event, payload) => {
      const progress = payload as ImportProgress;
      if (event === 'import:progress' && progress.added > 0 && !cancelled) {
        cancelled = core.dispatch('import:cancel', { importId: progress.importId });
      }
    });
    const started = await core.dispatch('import:start', { paths: [sharedData('mr-brain-dwi-philips')] });
    expect(started.ok).toBe(true);
    const summary = await finished;
    // The payloads match the contract's schemas (what the renderer and the WebSocket rely on).
    expect(importSummarySchema.parse(summary)).toEqual(summary);
    for (const p of progress) expect(importProgressSchema.parse(p)).toEqual(p);
    expect(progress.length).toBeGreaterThan(0);
    expect(await cancelled).toEqual({ ok: true, value: { cancelled: true } });
    expect(summary.state).toBe('cancelled');
    expect(summary.added + summary.rejectedCount).toBeLessThan(summary.filesSeen);
    expect(checkConsistency(core.layout.root)).toMatchObject({
      integrity: 'ok',
      instances: summary.added,
      missingFiles: [],
      badHashes: [],
      seriesCountMismatches: [],
      studyCountMismatches: [],
    });
  });
});
