// The review state of a study, derived from its append-only events: a pure fold (no I/O, no
// clock) so the same events always give the same state, in the form, the CLI and every export.
import type { Finding } from '../../shared/ai-results';
import {
  findingKey,
  type FindingRef,
  type FindingReviewState,
  type FindingValues,
  type Reader,
  type RejectReason,
  type ReportStatus,
  type ReportTextField,
  type ReviewEvent,
  type Signature,
} from '../../shared/reports';

/** An AI finding as the fold sees it: its reference and the values the model produced. */
export interface AiFindingInput {
  ref: FindingRef;
  finding: Finding;
}

export interface ReviewState {
  status: ReportStatus;
  /** AI findings in input order, then reader-added ones in event order. */
  findings: FindingReviewState[];
  texts: Record<ReportTextField, string>;
  signatures: Signature[];
  /** Warning keys the reader acknowledged (not undone). */
  acknowledged: string[];
  /** Events reverted by a valid undo. */
  undone: number[];
  /** Id of the last sign event (0 before any): events up to it can no longer be undone. */
  lockedThrough: number;
}

/** The values a reader can see and change, taken from an AI finding. */
export function valuesOf(finding: Finding): FindingValues {
  const values: FindingValues = { type: finding.type, label: finding.label, centerLPS: finding.centerLPS };
  if (finding.boundsLPS) values.boundsLPS = finding.boundsLPS;
  if (finding.longAxisMm !== undefined) values.longAxisMm = finding.longAxisMm;
  if (finding.shortAxisMm !== undefined) values.shortAxisMm = finding.shortAxisMm;
  if (finding.volumeMl !== undefined) values.volumeMl = finding.volumeMl;
  if (finding.consistency) values.consistency = finding.consistency;
  if (finding.side) values.side = finding.side;
  if (finding.location) values.location = finding.location;
  return values;
}

export const addedFindingRef = (eventId: number): FindingRef => ({ analysisId: null, findingId: `added-${eventId}` });

const STATUS_AFTER_SIGN = { preliminary: 'preliminary', final: 'final', addendum: 'addendum' } as const;

/** Which undo events are valid: the target exists earlier, is not an undo or sign, is after the last sign, and is not undone yet. */
export function undoneEvents(events: readonly ReviewEvent[]): Set<number> {
  const byId = new Map(events.map((e) => [e.id, e]));
  const undone = new Set<number>();
  let lockedThrough = 0;
  for (const event of events) {
    if (event.action === 'sign') lockedThrough = event.id;
    if (event.action !== 'undo') continue;
    const target = byId.get(undoTarget(event) ?? -1);
    if (!target || target.id >= event.id || target.action === 'undo' || target.action === 'sign') continue;
    if (target.id <= lockedThrough || undone.has(target.id)) continue;
    undone.add(target.id);
  }
  return undone;
}

export function undoTarget(event: ReviewEvent): number | null {
  const after = event.after as { targetEventId?: unknown } | null;
  return typeof after?.targetEventId === 'number' ? after.targetEventId : null;
}

function sameValues(a: FindingValues | null, b: FindingValues): boolean {
  return a !== null && JSON.stringify(a) === JSON.stringify(b);
}

export function foldReview(aiFindings: readonly AiFindingInput[], events: readonly ReviewEvent[]): ReviewState {
  const undone = undoneEvents(events);
  const states = new Map<string, FindingReviewState>();
  for (const { ref, finding } of aiFindings) {
    const values = valuesOf(finding);
    states.set(findingKey(ref), {
      ref,
      disposition: 'pending',
      original: values,
      current: values,
      reason: null,
      reasonText: null,
      decidedBy: null,
      decidedAt: null,
    });
  }
  const texts: Record<ReportTextField, string> = { freeFindings: '', impression: '', addendum: '' };
  const signatures: Signature[] = [];
  const acknowledged = new Set<string>();
  let status: ReportStatus = 'draft';
  let lockedThrough = 0;

  const decided = (state: FindingReviewState, by: Reader, at: string, patch: Partial<FindingReviewState>) =>
    Object.assign(state, { decidedBy: by, decidedAt: at, ...patch });

  for (const event of events) {
    if (event.action === 'undo' || undone.has(event.id)) continue;
    const state = event.finding ? states.get(findingKey(event.finding)) : undefined;
    switch (event.action) {
      case 'accept':
        if (state) {
          const disposition = state.original === null ? 'added' : sameValues(state.original, state.current) ? 'accepted' : 'edited';
          decided(state, event.reader, event.at, { disposition, reason: null, reasonText: null });
        }
        break;
      case 'reject':
        if (state) decided(state, event.reader, event.at, { disposition: 'rejected', reason: event.reason as RejectReason, reasonText: event.reasonText });
        break;
      case 'edit':
        if (state) {
          const current = { ...state.current, ...(event.after as FindingValues) };
          const disposition = state.original === null ? 'added' : 'edited';
          decided(state, event.reader, event.at, { current, disposition, reason: null, reasonText: null });
        }
        break;
      case 'add': {
        const ref = addedFindingRef(event.id);
        states.set(findingKey(ref), {
          ref,
          disposition: 'added',
          original: null,
          current: { ...(event.after as FindingValues) },
          reason: null,
          reasonText: null,
          decidedBy: event.reader,
          decidedAt: event.at,
        });
        break;
      }
      case 'set-text': {
        const after = event.after as { field: ReportTextField; text: string };
        texts[after.field] = after.text;
        break;
      }
      case 'acknowledge':
        acknowledged.add((event.after as { warningKey: string }).warningKey);
        break;
      case 'sign': {
        const to = (event.after as { status: keyof typeof STATUS_AFTER_SIGN }).status;
        status = STATUS_AFTER_SIGN[to];
        signatures.push({ status: to, reader: event.reader, at: event.at, eventId: event.id });
        lockedThrough = event.id;
        break;
      }
    }
  }
  return {
    status,
    findings: [...states.values()],
    texts,
    signatures,
    acknowledged: [...acknowledged],
    undone: [...undone],
    lockedThrough,
  };
}
