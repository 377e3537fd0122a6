// The hash-named store: names come only from the content hash, a second put of the same bytes
// writes nothing, a conflict moves aside, and file-system errors map to DISK_FULL / IO_ERROR.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManagedStore, sha256Hex, storeRelativePath, toStoreError } from '../../../../electron/core/store/managed-store';
import { makeTempDir } from '../../../support/temp-dir';

describe('ManagedStore', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let store: ManagedStore;
  const dirs = () => ({ storeDir: path.join(temp.dir, 'store'), conflictsDir: path.join(temp.dir, 'conflicts'), tmpDir: path.join(temp.dir, 'tmp') });

  beforeEach(() => {
    temp = makeTempDir();
    store = new ManagedStore(dirs());
  });
  afterEach(() => temp.remove());

  it('derives a two-level fan-out path from the hash and refuses anything that is not a sha256', () => {
    const hash = sha256Hex(Buffer.from('x'));
    expect(storeRelativePath(hash)).toBe(path.join(hash.slice(0, 2), hash.slice(2, 4), `${hash}.dcm`));
    expect(() => storeRelativePath('../../etc/passwd')).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
    expect(() => storeRelativePath('1.2.840.10008.5.1.4.1.1.2')).toThrow();
  });

  it('stores bytes atomically under their hash, leaves no temp file, and a second put is a no-op', async () => {
    const bytes = Buffer.from('DICOM bytes');
    const hash = sha256Hex(bytes);
    const first = await store.put(hash, bytes);
    expect(first.written).toBe(true);
    expect(readFileSync(store.pathFor(hash))).toEqual(bytes);
    const mtime = statSync(store.pathFor(hash)).mtimeMs;
    const second = await store.put(hash, bytes);
    expect(second.written).toBe(false);
    expect(statSync(store.pathFor(hash)).mtimeMs).toBe(mtime);
    expect(readdirSync(dirs().tmpDir)).toEqual([]);
    await store.syncDirs([first.dir]);
  });

  it('moves a conflicting file out of the store into conflicts/, hash-named', async () => {
    const bytes = Buffer.from('other bytes, same SOP Instance UID');
    const hash = sha256Hex(bytes);
    await store.put(hash, bytes);
    await store.moveToConflicts(hash);
    expect(existsSync(store.pathFor(hash))).toBe(false);
    expect(readFileSync(path.join(dirs().conflictsDir, `${hash}.dcm`))).toEqual(bytes);
    // A second import of the same conflicting bytes finds them already moved aside.
    await expect(store.moveToConflicts(hash)).resolves.toBeUndefined();
  });

  it('sweeps temp files a killed import left behind, but not fresh ones another process may be writing', async () => {
    mkdirSync(dirs().tmpDir, { recursive: true });
    const stale = path.join(dirs().tmpDir, 'stale.dcm.1234.part');
    const fresh = path.join(dirs().tmpDir, 'fresh.dcm.5678.part');
    writeFileSync(stale, 'half');
    writeFileSync(fresh, 'half');
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    utimesSync(stale, twoHoursAgo, twoHoursAgo);
    expect(await store.sweepStaleTemp()).toBe(1);
    expect(readdirSync(dirs().tmpDir)).toEqual(['fresh.dcm.5678.part']);
  });

  it('maps ENOSPC to DISK_FULL and EACCES / EROFS to IO_ERROR with a sentence to act on', () => {
    const err = (code: string) => Object.assign(new Error(code), { code });
    expect(toStoreError(err('ENOSPC'))).toMatchObject({ code: 'DISK_FULL', message: expect.stringMatching(/Free space/) });
    expect(toStoreError(err('EACCES'))).toMatchObject({ code: 'IO_ERROR', message: expect.stringMatching(/permission/) });
    expect(toStoreError(err('EROFS'))).toMatchObject({ code: 'IO_ERROR' });
    expect(toStoreError(err('EIO'))).toMatchObject({ code: 'IO_ERROR', message: expect.stringMatching(/EIO/) });
  });
});
