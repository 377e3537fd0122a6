// Counts one import's progress and derives its rate and ETA. Rate is files per second over a
// sliding window of the last few seconds, so a slow start or a pause does not skew the ETA.
import type { ImportProgress } from '../../shared/imports';

const WINDOW_MS = 5000;

export class ImportCounters {
  filesSeen = 0;
  filesTotal: number | null = null;
  added = 0;
  duplicates = 0;
  conflicts = 0;
  rejected = 0;
  bytesDone = 0;
  private readonly samples: Array<{ t: number; done: number }> = [];

  constructor(
    readonly importId: string,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get done(): number {
    return this.added + this.duplicates + this.conflicts + this.rejected;
  }

  snapshot(): ImportProgress {
    const t = this.now();
    this.samples.push({ t, done: this.done });
    while (this.samples.length > 2 && t - this.samples[0]!.t > WINDOW_MS) this.samples.shift();
    const first = this.samples[0]!;
    const elapsed = (t - first.t) / 1000;
    const rate = elapsed > 0 ? (this.done - first.done) / elapsed : 0;
    const remaining = this.filesTotal === null ? null : Math.max(0, this.filesTotal - this.done);
    return {
      importId: this.importId,
      filesSeen: this.filesSeen,
      filesTotal: this.filesTotal,
      done: this.done,
      added: this.added,
      duplicates: this.duplicates,
      conflicts: this.conflicts,
      rejected: this.rejected,
      bytesDone: this.bytesDone,
      rate: Math.round(rate * 10) / 10,
      etaSeconds: remaining === null || rate <= 0 ? (remaining === 0 ? 0 : null) : Math.round(remaining / rate),
    };
  }
}

/** Calls `emit` at most every `intervalMs` (trailing call guaranteed), for ~4 events/s. */
export class Throttle {
  private last = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly emit: () => void,
    private readonly intervalMs = 250,
  ) {}

  poke(): void {
    if (this.timer) return;
    const wait = this.last + this.intervalMs - performance.now();
    if (wait <= 0) this.fire();
    else this.timer = setTimeout(() => this.fire(), wait);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.fire();
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private fire(): void {
    this.timer = null;
    this.last = performance.now();
    this.emit();
  }
}
