// Which review action a reader may record now, and what the event stores (value before, value
// after). Pure: the folded state, the events, the open warnings and the reader go in; an event to
// append comes out, or an AppError says why not. The workflow is draft → preliminary → final →
// addendum; only a radiologist makes a report final or adds an addendum, and no path reaches
// final except a sign event of a radiologist.
import { AppError } from '../../shared/result';
import {
  findingKey,
  type ConsistencyWarning,
  type Reader,
  type ReviewEvent,
  type ReviewEventBody,
  type ReportStatus,
} from '../../shared/reports';
import type { NewReviewEvent } from './review-store';
import type { ReviewState } from './review-fold';

export type PlannedEvent = Omit<NewReviewEvent, 'studyInstanceUID' | 'at'>;

const LOCKED: readonly ReportStatus[] = ['final', 'addendum'];

/** The sign transitions that exist, and who may make them. */
export const SIGN_RULES = {
  preliminary: { from: ['draft'], roles: ['radiologist', 'resident'] },
  final: { from: ['draft', 'preliminary'], roles: ['radiologist'] },
  addendum: { from: ['final', 'addendum'], roles: ['radiologist'] },
} as const satisfies Record<string, { from: readonly ReportStatus[]; roles: readonly Reader['role'][] }>;

const REVIEW_ROLES: readonly Reader['role'][] = ['radiologist', 'resident'];

export interface PlanInput {
  state: ReviewState;
  events: readonly ReviewEvent[];
  body: ReviewEventBody;
  reader: Reader;
  warnings: readonly ConsistencyWarning[];
}

export function planReviewEvent({ state, events, body, reader, warnings }: PlanInput): PlannedEvent {
  if (!REVIEW_ROLES.includes(reader.role)) {
    throw new AppError('ROLE_NOT_PERMITTED', `A ${reader.role} cannot review findings or sign reports; a radiologist or resident must.`);
  }
  const locked = LOCKED.includes(state.status);
  const base = { reader, finding: null, before: null, after: null, reason: null, reasonText: null };
  const findingState = (ref: { analysisId: number | null; findingId: string }) => {
    const found = state.findings.find((f) => findingKey(f.ref) === findingKey(ref));
    if (!found) throw new AppError('NOT_FOUND', `Finding ${findingKey(ref)} is not part of this study's review.`);
    return found;
  };
  const refuseWhenLocked = () => {
    if (locked) throw new AppError('REPORT_LOCKED', 'The report is final: findings and text can no longer change. Write an addendum instead.');
  };

  switch (body.action) {
    case 'accept': {
      refuseWhenLocked();
      const f = findingState(body.finding);
      return { ...base, action: 'accept', finding: f.ref, before: { disposition: f.disposition } };
    }
    case 'reject': {
      refuseWhenLocked();
      const f = findingState(body.finding);
      return { ...base, action: 'reject', finding: f.ref, before: { disposition: f.disposition }, reason: body.reason, reasonText: body.reasonText ?? null };
    }
    case 'edit': {
      refuseWhenLocked();
      const f = findingState(body.finding);
      if (Object.keys(body.after).length === 0) throw new AppError('INVALID_ARGUMENT', 'An edit must change at least one value.');
      const before = Object.fromEntries(Object.keys(body.after).map((k) => [k, f.current[k as keyof typeof f.current] ?? null]));
      return { ...base, action: 'edit', finding: f.ref, before, after: body.after };
    }
    case 'add': {
      refuseWhenLocked();
      if (!body.after.type) throw new AppError('INVALID_ARGUMENT', 'An added finding needs a type (nodule, mass, lesion, …).');
      const after = body.fromMeasurementId ? { ...body.after, fromMeasurementId: body.fromMeasurementId } : body.after;
      return { ...base, action: 'add', after };
    }
    case 'set-text': {
      const isAddendum = body.field === 'addendum';
      if (isAddendum && !locked) throw new AppError('WORKFLOW_REFUSED', 'An addendum can only be written after the report is final.');
      if (!isAddendum) refuseWhenLocked();
      if (isAddendum && reader.role !== 'radiologist') {
        throw new AppError('ROLE_NOT_PERMITTED', 'Only a radiologist can write an addendum to a final report.');
      }
      return { ...base, action: 'set-text', before: state.texts[body.field], after: { field: body.field, text: body.after } };
    }
    case 'acknowledge': {
      refuseWhenLocked();
      const open = warnings.find((w) => w.key === body.warningKey);
      if (!open) throw new AppError('NOT_FOUND', 'That warning is no longer raised; there is nothing to acknowledge.');
      return { ...base, action: 'acknowledge', after: { warningKey: body.warningKey }, reasonText: body.reasonText ?? null };
    }
    case 'undo': {
      const target = events.find((e) => e.id === body.targetEventId);
      if (!target) throw new AppError('NOT_FOUND', `Event ${body.targetEventId} is not part of this study's history.`);
      if (target.action === 'undo' || target.action === 'sign') {
        throw new AppError('WORKFLOW_REFUSED', `A ${target.action} cannot be undone; record the action again instead.`);
      }
      if (target.id <= state.lockedThrough) throw new AppError('REPORT_LOCKED', 'That action was signed off and can no longer be undone.');
      if (state.undone.includes(target.id)) throw new AppError('WORKFLOW_REFUSED', `Event ${target.id} is already undone.`);
      return { ...base, action: 'undo', finding: target.finding, before: { action: target.action }, after: { targetEventId: target.id } };
    }
    case 'sign':
      return planSign(state, events, body.status, reader, warnings, base);
  }
}

function planSign(
  state: ReviewState,
  events: readonly ReviewEvent[],
  to: keyof typeof SIGN_RULES,
  reader: Reader,
  warnings: readonly ConsistencyWarning[],
  base: PlannedEvent extends infer P ? Omit<P, 'action'> : never,
): PlannedEvent {
  const rule = SIGN_RULES[to];
  if (!(rule.from as readonly ReportStatus[]).includes(state.status)) {
    throw new AppError('WORKFLOW_REFUSED', `A ${state.status} report cannot be signed as ${to} (allowed from: ${rule.from.join(', ')}).`);
  }
  if (!(rule.roles as readonly string[]).includes(reader.role)) {
    throw new AppError('ROLE_NOT_PERMITTED', `Only a radiologist can sign a report as ${to}; the current reader is a ${reader.role}.`);
  }
  if (to === 'addendum') {
    // Each addendum signature signs new text: an addendum text event after the last signature.
    const written = events.some(
      (e) => e.action === 'set-text' && e.id > state.lockedThrough && !state.undone.includes(e.id) && (e.after as { field?: string } | null)?.field === 'addendum',
    );
    if (!state.texts.addendum.trim() || !written) throw new AppError('SIGN_OFF_BLOCKED', 'Write the addendum text before signing it.');
  } else {
    const pending = state.findings.filter((f) => f.disposition === 'pending').length;
    if (pending > 0) throw new AppError('SIGN_OFF_BLOCKED', `${pending} AI finding(s) are still undecided: accept, edit or reject each before signing.`);
    const open = warnings.filter((w) => !w.acknowledged);
    if (open.length > 0) {
      throw new AppError('SIGN_OFF_BLOCKED', `${open.length} consistency warning(s) are open: resolve or acknowledge each before signing.`);
    }
  }
  return { ...base, action: 'sign', before: { status: state.status }, after: { status: to } };
}
