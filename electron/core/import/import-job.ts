// One import: list the sources, then for each file read → parse + hash (worker pool) → store
// (atomic, hash-named) → queue its rows (batched transactions in the writer worker). A file is
// durably in the store before its row can commit. Disk-full or a database failure stops the
// whole import (what already committed stays consistent); a bad file only rejects that file.
import type { ImportFileProblem, ImportProgress, ImportSummary } from '../../shared/imports';
import { AppError } from '../../shared/result';
import type { ParsedInstance } from '../dicom/parsed-instance';
import type { ManagedStore } from '../store/managed-store';
import type { InstanceBatcher, Committed } from './instance-batcher';
import { ImportCounters, Throttle } from './import-progress';
import { type ImportItem, type SourceScan, SourceScanner } from './import-sources';
import type { InstanceParser } from './instance-parser';
import { isResultObjectClass, type ResultObjectHook, type StoredResultObject } from './result-object-hook';

/** Lists in a summary stay readable and small enough for one event. */
const MAX_LISTED = 1000;
/** File bytes held in memory by the runners together (a file larger than this runs alone). */
const MAX_BYTES_IN_FLIGHT = 256 * 1024 * 1024;

export interface ImportJobDeps {
  store: ManagedStore;
  batcher: InstanceBatcher;
  parser: InstanceParser;
  onProgress(progress: ImportProgress): void;
  /** Studies that received new instances since the last call (batched with progress). */
  onStudiesChanged(studyInstanceUIDs: string[]): void;
  progressIntervalMs?: number;
  /** Turns the SEG / TID 1500 SR objects this import added into stored analyses, after their rows committed. */
  onResultObjects?: ResultObjectHook;
}

export class ImportJob {
  private cancelled = false;
  private fatal: AppError | null = null;
  private readonly counters: ImportCounters;
  private readonly throttle: Throttle;
  private readonly rejected: ImportFileProblem[] = [];
  private readonly conflictFiles: ImportFileProblem[] = [];
  private readonly studies = new Set<string>();
  private changedSinceEmit = new Set<string>();
  private readonly commits = new Set<Promise<void>>();
  private readonly resultObjects: StoredResultObject[] = [];

  constructor(
    readonly importId: string,
    private readonly deps: ImportJobDeps,
  ) {
    this.counters = new ImportCounters(importId);
    this.throttle = new Throttle(() => this.emitProgress(), deps.progressIntervalMs ?? 250);
  }

  /** Stops taking new files; what is already stored commits so the database stays consistent. */
  cancel(): void {
    this.cancelled = true;
  }

  async run(paths: readonly string[]): Promise<ImportSummary> {
    const started = performance.now();
    let scan: SourceScan = { items: [], skipped: { hidden: 0, system: 0, symlinks: 0, dicomdir: 0, empty: 0 }, problems: [], dicomdirFallbacks: [] };
    try {
      scan = await SourceScanner.scanAll(
        paths,
        () => this.cancelled,
        (count) => {
          this.counters.filesSeen = count;
          this.throttle.poke();
        },
      );
      this.counters.filesSeen = scan.items.length;
      this.counters.filesTotal = scan.items.length;
      this.throttle.poke();
      await this.processAll(scan.items);
    } catch (error) {
      this.fail(error);
    } finally {
      await this.deps.batcher.flush();
      await Promise.allSettled([...this.commits]);
      this.throttle.flush();
    }
    const results = await this.importResultObjects();
    const state = this.fatal ? 'failed' : this.cancelled ? 'cancelled' : 'completed';
    return {
      importId: this.importId,
      state,
      error: this.fatal ? { code: this.fatal.code, message: this.fatal.message } : null,
      filesSeen: this.counters.filesSeen,
      added: this.counters.added,
      duplicates: this.counters.duplicates,
      conflicts: this.counters.conflicts,
      rejected: this.rejected,
      rejectedCount: this.counters.rejected,
      conflictFiles: this.conflictFiles,
      skipped: scan.skipped,
      unreadablePaths: scan.problems.slice(0, MAX_LISTED),
      dicomdirFallbacks: scan.dicomdirFallbacks.slice(0, MAX_LISTED),
      bytesDone: this.counters.bytesDone,
      studyInstanceUIDs: [...this.studies],
      durationSeconds: Math.round((performance.now() - started) / 10) / 100,
      ...(results ? { resultObjects: results } : {}),
    };
  }

  /** Runs the result hook on what committed; its failures are per file and never fail the import. */
  private async importResultObjects(): Promise<{ imported: number; problems: ImportFileProblem[] } | null> {
    if (!this.deps.onResultObjects || this.resultObjects.length === 0) return null;
    try {
      const outcome = await this.deps.onResultObjects(this.resultObjects);
      return { imported: outcome.imported, problems: outcome.problems.slice(0, MAX_LISTED) };
    } catch {
      return {
        imported: 0,
        problems: [{ path: '', code: 'INTERNAL', message: 'The segmentations and reports were stored, but could not be turned into overlays.' }],
      };
    }
  }

  private get stopped(): boolean {
    return this.cancelled || this.fatal !== null;
  }

  private async processAll(items: readonly ImportItem[]): Promise<void> {
    let next = 0;
    // Enough files in flight to keep every parse worker busy while others wait on reads and
    // fsyncs (measured: 2 runners left the parse worker idle during fsyncs), bounded in bytes
    // so a few huge multi-frame files cannot exhaust memory.
    const runners = Math.max(4, this.deps.parser.concurrency * 2 + 2);
    let bytesInFlight = 0;
    const waiters: Array<() => void> = [];
    const runner = async () => {
      while (!this.stopped && next < items.length) {
        const item = items[next++]!;
        while (bytesInFlight > 0 && bytesInFlight + item.size > MAX_BYTES_IN_FLIGHT) await new Promise<void>((r) => waiters.push(r));
        bytesInFlight += item.size;
        try {
          await this.processOne(item);
        } finally {
          bytesInFlight -= item.size;
          waiters.splice(0).forEach((wake) => wake());
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(runners, items.length) }, runner));
  }

  private async processOne(item: ImportItem): Promise<void> {
    let bytes: Buffer;
    try {
      bytes = await item.read();
    } catch (error) {
      this.reject(item, error);
      return;
    }
    let parsed: Awaited<ReturnType<InstanceParser['parse']>>;
    try {
      parsed = await this.deps.parser.parse(bytes);
    } catch (error) {
      this.reject(item, error instanceof AppError ? error : new AppError('INTERNAL', 'The parser failed on this file.'), bytes.byteLength);
      return;
    }
    if (!parsed.ok) {
      this.reject(item, new AppError(parsed.code, parsed.message), bytes.byteLength);
      return;
    }
    if (this.stopped) return;
    try {
      await this.deps.batcher.waitForRoom();
      if (this.stopped) return;
      const put = await this.deps.store.put(parsed.sha256, bytes);
      this.queueRows(item, parsed.parsed, parsed.sha256, bytes.byteLength, put.dir);
    } catch (error) {
      this.fail(error);
    }
  }

  /** Kept apart from processOne so the pending commit does not hold the file's bytes alive. */
  private queueRows(item: ImportItem, parsed: ParsedInstance, hash: string, size: number, dir: string): void {
    const commit = this.deps.batcher
      .add({ parsed, fileHash: hash, fileSize: size }, dir)
      .then((committed) => {
        if (committed.outcome === 'added' && isResultObjectClass(parsed.sopClassUID)) {
          this.resultObjects.push({ label: item.label, storedPath: this.deps.store.pathFor(hash), sopClassUID: parsed.sopClassUID });
        }
        return this.onCommitted(item, committed, hash, parsed.studyInstanceUID, size);
      })
      .catch((error: unknown) => this.fail(error))
      .finally(() => this.commits.delete(commit));
    this.commits.add(commit);
  }

  private async onCommitted(item: ImportItem, committed: Committed, hash: string, studyUID: string, size: number): Promise<void> {
    this.counters.bytesDone += size;
    if (committed.outcome === 'added') {
      this.counters.added++;
      this.studies.add(studyUID);
      this.changedSinceEmit.add(studyUID);
    } else if (committed.outcome === 'duplicate') {
      this.counters.duplicates++;
    } else {
      this.counters.conflicts++;
      if (this.conflictFiles.length < MAX_LISTED) {
        this.conflictFiles.push({
          path: item.label,
          code: 'UID_CONFLICT',
          message: 'A different file with the same SOP Instance UID is already stored; this one was kept aside in the conflicts folder.',
        });
      }
      // Keep the stored file; move the newcomer's bytes aside unless some row uses them.
      if (!committed.hashReferenced) await this.deps.store.moveToConflicts(hash);
    }
    this.throttle.poke();
  }

  private reject(item: ImportItem, error: unknown, size = 0): void {
    const failure = error instanceof AppError ? error : new AppError('IO_ERROR', 'The file could not be read (removed, unreadable or a damaged disc).');
    this.counters.rejected++;
    this.counters.bytesDone += size;
    if (this.rejected.length < MAX_LISTED) this.rejected.push({ path: item.label, code: failure.code, message: failure.message });
    this.throttle.poke();
  }

  private fail(error: unknown): void {
    if (this.fatal) return;
    this.fatal = error instanceof AppError ? error : new AppError('INTERNAL', 'The import stopped on an unexpected error; details are in the workstation log.');
  }

  private emitProgress(): void {
    this.deps.onProgress(this.counters.snapshot());
    if (this.changedSinceEmit.size > 0) {
      const changed = [...this.changedSinceEmit];
      this.changedSinceEmit = new Set();
      this.deps.onStudiesChanged(changed);
    }
  }
}
