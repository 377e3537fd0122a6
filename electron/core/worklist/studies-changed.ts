// How the rest of the core tells open worklists that studies changed. The importer calls
// `announceStudiesChanged` after each committed batch; the worklist handlers after each edit.
import type { HandlerContext } from '../../shared/handler-table';
import type { StudiesChanged } from '../../shared/studies';

export type StudiesChangedEmitter = Pick<HandlerContext, 'emit'>;

/** Pushes `studies:changed`; an empty UID list with reason 'import' asks worklists to reload. */
export function announceStudiesChanged(
  emitter: StudiesChangedEmitter,
  studyInstanceUIDs: readonly string[],
  reason: StudiesChanged['reason'],
): void {
  emitter.emit('studies:changed', { studyInstanceUIDs: [...studyInstanceUIDs], reason });
}
