// The managed store: every accepted DICOM file is copied into `<data>/store/` under a name
// derived from the sha256 of its bytes, never from a DICOM value (UIDs used as paths caused
// path-traversal CVEs in dcmtk and pydicom). Files are written to a temp file, fsynced, then
// renamed, so a name in the store always holds complete bytes, even after a kill mid-write.
import { createHash, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../shared/result';

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** `store/ab/cd/abcd….dcm`: two fan-out levels keep directories small on CDs' worth of files. */
export function storeRelativePath(hash: string): string {
  if (!SHA256_HEX.test(hash)) throw new AppError('INTERNAL', 'A store name must be a lowercase sha256 hex digest.');
  return path.join(hash.slice(0, 2), hash.slice(2, 4), `${hash}.dcm`);
}

export interface ManagedStoreOptions {
  /** `<data>/store` */
  storeDir: string;
  /** `<data>/conflicts` */
  conflictsDir: string;
  /** `<data>/tmp`, on the same file system so rename is atomic. */
  tmpDir: string;
  /** fsync files and directories (default true). Off only for throwaway benchmark folders. */
  durable?: boolean;
}

export interface PutResult {
  path: string;
  /** False when a file with this hash was already there (same bytes: nothing written). */
  written: boolean;
  /** The directory whose entry changed; fsync it before committing rows that point into it. */
  dir: string;
}

export class ManagedStore {
  private readonly durable: boolean;

  constructor(private readonly options: ManagedStoreOptions) {
    this.durable = options.durable ?? true;
  }

  pathFor(hash: string): string {
    return path.join(this.options.storeDir, storeRelativePath(hash));
  }

  conflictPathFor(hash: string): string {
    return path.join(this.options.conflictsDir, `${hash}.dcm`);
  }

  /** Stores bytes whose sha256 is `hash`; a second put of the same bytes is a no-op. */
  async put(hash: string, bytes: Uint8Array): Promise<PutResult> {
    const target = this.pathFor(hash);
    return this.writeAtomically(target, bytes);
  }

  /** Moves a stored file to conflicts/ (used when the writer finds the UID taken after the put). */
  async moveToConflicts(hash: string): Promise<void> {
    const target = this.conflictPathFor(hash);
    await makeDir(this.options.conflictsDir, this.options.conflictsDir);
    await rename(this.pathFor(hash), target).catch(async (error: unknown) => {
      // Two imports of the same conflicting bytes: the other one already moved them aside.
      if (isCode(error, 'ENOENT') && (await exists(target))) return;
      rethrowIo(error);
    });
    await this.syncDirs([this.options.conflictsDir]);
  }

  /**
   * Removes temp files a killed import left in tmp/. Only old ones: another process (the desktop
   * app and the CLI on one data folder) may be writing a fresh one right now.
   */
  async sweepStaleTemp(maxAgeMs = 60 * 60 * 1000): Promise<number> {
    let removed = 0;
    const names = await readdir(this.options.tmpDir).catch(() => [] as string[]);
    for (const name of names) {
      if (!name.endsWith('.part')) continue;
      const file = path.join(this.options.tmpDir, name);
      const info = await stat(file).catch(() => null);
      if (info && Date.now() - info.mtimeMs > maxAgeMs) {
        await unlink(file).catch(() => undefined);
        removed++;
      }
    }
    return removed;
  }

  /**
   * fsyncs directories whose entries changed, so the renames are durable before the database
   * rows that point at them commit. One call per batch: after the first journal commit the
   * rest are cheap on ext4/xfs.
   */
  async syncDirs(dirs: Iterable<string>): Promise<void> {
    if (!this.durable) return;
    for (const dir of new Set(dirs)) {
      const handle = await open(dir, constants.O_RDONLY).catch(rethrowIo);
      try {
        await handle.sync().catch((error: unknown) => {
          // Some file systems (and Windows) refuse fsync on a directory; the rename still happened.
          if (!isCode(error, 'EINVAL') && !isCode(error, 'EPERM') && !isCode(error, 'EISDIR')) rethrowIo(error);
        });
      } finally {
        await handle.close();
      }
    }
  }

  private async writeAtomically(target: string, bytes: Uint8Array): Promise<PutResult> {
    const dir = path.dirname(target);
    if (await exists(target)) {
      const existing = await stat(target);
      // A rename only ever publishes complete files, so the same size means the same bytes.
      if (existing.size === bytes.byteLength) return { path: target, written: false, dir };
    }
    await makeDir(dir, this.options.storeDir);
    await makeDir(this.options.tmpDir, this.options.tmpDir);
    const temp = path.join(this.options.tmpDir, `${path.basename(target)}.${randomBytes(6).toString('hex')}.part`);
    try {
      const handle = await open(temp, 'wx', 0o600);
      try {
        await handle.writeFile(bytes);
        if (this.durable) await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, target);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      rethrowIo(error);
    }
    return { path: target, written: true, dir };
  }
}

/**
 * mkdir -p that reports the real cause: Node's recursive mkdir says ENOENT on a read-only file
 * system (EROFS), which would send the user looking for a missing folder instead of a read-only one.
 */
async function makeDir(dir: string, root: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    await access(root, constants.W_OK).catch(rethrowIo);
    rethrowIo(error);
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file, constants.F_OK);
    return true;
  } catch {
    return false;
  }
}

function isCode(error: unknown, code: string): boolean {
  return (error as { code?: unknown } | null)?.code === code;
}

/** Turns file-system errors into the stable codes with a sentence an IT person can act on. */
export function toStoreError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (isCode(error, 'ENOSPC') || isCode(error, 'EDQUOT')) {
    return new AppError('DISK_FULL', 'The disk holding the Yingdu data folder is full. Free space there and import again; studies already stored are intact.');
  }
  if (isCode(error, 'EACCES') || isCode(error, 'EPERM') || isCode(error, 'EROFS')) {
    return new AppError('IO_ERROR', 'The Yingdu data folder cannot be written (permission denied or read-only). Check its permissions or choose another data folder.');
  }
  const code = (error as { code?: unknown } | null)?.code;
  return new AppError('IO_ERROR', `Writing to the Yingdu data folder failed${typeof code === 'string' ? ` (${code})` : ''}. Check the disk and import again.`);
}

function rethrowIo(error: unknown): never {
  throw toStoreError(error);
}
