// Studies written by another process (a `yingdu import` run beside the open workstation, later a
// DICOM receiver) reach this process only through the database file. SQLite's `data_version`
// changes when another connection commits (https://sqlite.org/pragma.html#pragma_data_version),
// so a cheap poll turns those commits into `studies:changed`. This process's own imports are
// announced by import-relay.ts already; the worklist throttles the duplicate refresh.
import type { EventBus } from '../../shared/event-bus';
import type { Database } from '../store/database';
import { announceStudiesChanged } from './studies-changed';

export const EXTERNAL_CHANGE_POLL_MS = 2000;

export function watchExternalChanges(db: Database, events: EventBus, intervalMs = EXTERNAL_CHANGE_POLL_MS): () => void {
  const version = () => Number(db.pragma('data_version', { simple: true }));
  let last = version();
  const timer = setInterval(() => {
    if (!db.open) return;
    const current = version();
    if (current !== last) {
      last = current;
      announceStudiesChanged({ emit: events.emit.bind(events) }, [], 'import');
    }
  }, intervalMs);
  // Never keeps a CLI command or a test process alive.
  timer.unref();
  return () => clearInterval(timer);
}
