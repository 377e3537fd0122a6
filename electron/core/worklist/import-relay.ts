// Turns the importer's events into `studies:changed`, so open worklists refresh while an import
// runs without the importer knowing about the worklist. Progress events are already throttled
// (about 4 per second); one is relayed only when it reports newly added instances.
import type { EventBus } from '../../shared/event-bus';
import { announceStudiesChanged } from './studies-changed';

export function relayImportChanges(events: EventBus): () => void {
  const addedSoFar = new Map<string, number>();
  const emitter = { emit: events.emit.bind(events) };
  return events.subscribe((event, payload) => {
    if (event === 'import:progress') {
      const progress = payload as { importId: string; added: number };
      if (progress.added > (addedSoFar.get(progress.importId) ?? 0)) {
        addedSoFar.set(progress.importId, progress.added);
        announceStudiesChanged(emitter, [], 'import');
      }
    } else if (event === 'import:finished') {
      const summary = payload as { importId: string; studyInstanceUIDs: string[] };
      addedSoFar.delete(summary.importId);
      announceStudiesChanged(emitter, summary.studyInstanceUIDs, 'import');
    }
  });
}
