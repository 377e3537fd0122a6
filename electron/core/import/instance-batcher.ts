// Groups stored instances into database transactions: a batch commits at 200 instances or
// 250 ms after its first instance, whichever comes first. Before a batch is sent, the store
// folders its files were renamed into are fsynced, so a row can only ever commit after its file
// is durable in the store (the crash-safety order of the import).
import type { AppError } from '../../shared/result';
import type { ManagedStore } from '../store/managed-store';
import type { StudyWriterClient } from '../store/study-writer-client';
import type { StoredInstance, WriteOutcome } from '../store/study-writer';

export interface BatcherOptions {
  maxRecords?: number;
  maxDelayMs?: number;
  /** Batches sent but not yet committed before `waitForRoom` holds the producer back. */
  maxInFlight?: number;
}

export interface Committed {
  outcome: WriteOutcome;
  /** For a conflict: whether some row still points at these bytes (then they stay in the store). */
  hashReferenced: boolean;
}

interface Entry {
  record: StoredInstance;
  dir: string;
  resolve(committed: Committed): void;
  reject(error: AppError): void;
}

export class InstanceBatcher {
  private pending: Entry[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly maxRecords: number;
  private readonly maxDelayMs: number;
  private readonly maxInFlight: number;

  constructor(
    private readonly store: ManagedStore,
    private readonly writer: StudyWriterClient,
    options: BatcherOptions = {},
  ) {
    this.maxRecords = options.maxRecords ?? 200;
    this.maxDelayMs = options.maxDelayMs ?? 250;
    this.maxInFlight = options.maxInFlight ?? 2;
  }

  /** Queues one instance whose file is already in the store; resolves when its batch commits. */
  add(record: StoredInstance, dir: string): Promise<Committed> {
    return new Promise<Committed>((resolve, reject) => {
      this.pending.push({ record, dir, resolve, reject });
      if (this.pending.length >= this.maxRecords) this.sendPending();
      else this.timer ??= setTimeout(() => this.sendPending(), this.maxDelayMs);
    });
  }

  /** Resolves once fewer than `maxInFlight` batches are waiting for the database. */
  async waitForRoom(): Promise<void> {
    while (this.inFlight.size >= this.maxInFlight) await Promise.race(this.inFlight);
  }

  /** Sends what is queued and waits until every batch has committed (or failed). */
  async flush(): Promise<void> {
    this.sendPending();
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private sendPending(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    const done = this.commit(batch).finally(() => this.inFlight.delete(done));
    this.inFlight.add(done);
  }

  private async commit(batch: Entry[]): Promise<void> {
    try {
      await this.store.syncDirs(batch.map((e) => e.dir));
      const result = await this.writer.write(batch.map((e) => e.record));
      const referenced = new Set(result.referencedConflictHashes);
      batch.forEach((entry, i) => entry.resolve({ outcome: result.outcomes[i]!, hashReferenced: referenced.has(entry.record.fileHash) }));
    } catch (error) {
      for (const entry of batch) entry.reject(error as AppError);
    }
  }
}
