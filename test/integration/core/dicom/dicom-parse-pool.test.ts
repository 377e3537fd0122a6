// DicomParsePool: parses off the calling thread from TypeScript sources (Vitest) and from the
// esbuild bundle (dist/workers/dicom-parse.cjs), hashes exactly the bytes it parsed, and gives
// the same answers as parseDicom on the calling thread.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DicomParsePool, defaultPoolSize } from '../../../../electron/core/dicom/dicom-parse-pool';
import { parseDicom } from '../../../../electron/core/dicom/parse-dicom';
import type { ParseResponse } from '../../../../electron/core/dicom/parse-protocol';
import { AppError } from '../../../../electron/shared/result';
import { HAS_SHARED, REPO_ROOT, SHARED_MISSING_REASON, sharedData } from '../../../support/shared-data';

const SERIES = sharedData('ct-chest-lung-pet-ct-dx', 'A0002', 'series-B70f');
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe.skipIf(!HAS_SHARED)(`DicomParsePool (${HAS_SHARED ? 'real CT series' : SHARED_MISSING_REASON})`, () => {
  let pool: DicomParsePool;
  const files = HAS_SHARED ? readdirSync(SERIES).map((f) => path.join(SERIES, f)).sort() : [];
  beforeAll(() => {
    pool = new DicomParsePool({ size: 2 });
  });
  afterAll(async () => {
    await pool.close();
  });

  it('sizes itself to the cores minus one, at least one', () => {
    expect(defaultPoolSize()).toBeGreaterThanOrEqual(1);
    expect(pool.concurrency).toBe(2);
  });

  it('parses a whole series from paths and from bytes like the in-thread parser, with the sha256 of the bytes', async () => {
    expect(files.length).toBe(30);
    const fromPaths = await Promise.all(files.map((f) => pool.parseFile(f)));
    const fromBytes = await Promise.all(files.map((f) => pool.parse(readFileSync(f))));
    for (const [i, file] of files.entries()) {
      const bytes = readFileSync(file);
      const expected = { ok: true, parsed: parseDicom(bytes), sha256: sha256(bytes), byteLength: bytes.byteLength };
      expect(fromPaths[i]).toEqual(expected);
      expect(fromBytes[i]).toEqual(expected);
    }
  });

  it('answers a rejection with its code, and an unreadable path with IO_ERROR', async () => {
    const truncated = readFileSync(files[0]!).subarray(0, 5000);
    const outcome = await pool.parse(truncated);
    expect(outcome).toMatchObject({ ok: false, code: 'TRUNCATED', sha256: sha256(truncated), byteLength: 5000 });
    const missing = await pool.parseFile(path.join(SERIES, 'no-such-file.dcm'));
    expect(missing).toMatchObject({ ok: false, code: 'IO_ERROR', sha256: null });
  });

  it('rejects pending and later jobs with CANCELLED once closed', async () => {
    const local = new DicomParsePool({ size: 1 });
    const settling = Promise.allSettled(files.map((f) => local.parseFile(f)));
    await local.close();
    const settled = await settling;
    const cancelled = settled.filter((s) => s.status === 'rejected');
    for (const s of cancelled) expect((s as PromiseRejectedResult).reason).toBeInstanceOf(AppError);
    expect(cancelled.length).toBeGreaterThan(0);
    await expect(local.parseFile(files[0]!)).rejects.toMatchObject({ code: 'CANCELLED' });
    await local.close();
  });

  it('replaces a worker that dies: its current file fails with INTERNAL, the queued ones still parse', async () => {
    const local = new DicomParsePool({ size: 1 });
    try {
      // No bytes and no path: the worker throws outside its handler and exits (a stand-in for a crash).
      const crashing = local.parse(undefined as unknown as Uint8Array);
      const queued = local.parseFile(files[1]!);
      expect(await crashing).toMatchObject({ ok: false, code: 'INTERNAL', message: expect.stringContaining('the parse worker failed') });
      expect(await queued).toMatchObject({ ok: true, sha256: sha256(readFileSync(files[1]!)) });
      expect(await local.parseFile(files[2]!)).toMatchObject({ ok: true });
    } finally {
      await local.close();
    }
  });

  // Built by test/support/global-setup.ts; this is what the CLI and Electron bundles start.
  const bundle = path.join(REPO_ROOT, 'dist', 'workers', 'dicom-parse.cjs');
  it.skipIf(!existsSync(bundle))('runs from the esbuild bundle dist/workers/dicom-parse.cjs', async () => {
    const worker = new Worker(bundle);
    try {
      const response = await new Promise<ParseResponse>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.postMessage({ id: 7, path: files[3] });
      });
      const bytes = readFileSync(files[3]!);
      expect(response).toEqual({ id: 7, ok: true, parsed: parseDicom(bytes), sha256: sha256(bytes), byteLength: bytes.byteLength });
    } finally {
      await worker.terminate();
    }
  });
});
