// Every sign transition of draft → preliminary → final → addendum for every role, the refused
// ones included, and the guards: pending findings, open warnings, locked reports, undo limits.
import { describe, expect, it } from 'vitest';
import { foldReview } from '../../../../electron/core/review/review-fold';
import { planReviewEvent } from '../../../../electron/core/review/review-workflow';
import type { ConsistencyWarning, Reader, ReportStatus, ReviewEventBody } from '../../../../electron/shared/reports';
import { aiInputs, eventLog, nodule, RADIOLOGIST, RESIDENT, TECHNOLOGIST } from './review-fixtures';

const ai = aiInputs(3, [nodule('f1', 40, 9)]);
const f1 = { analysisId: 3, findingId: 'f1' };

/** Events that bring a one-finding study to `status`. */
function logAt(status: ReportStatus) {
  const log = eventLog();
  log.push({ action: 'accept', finding: f1 });
  if (status === 'preliminary') log.push({ action: 'sign', after: { status: 'preliminary' } }, RESIDENT);
  if (status === 'final' || status === 'addendum') log.push({ action: 'sign', after: { status: 'final' } });
  if (status === 'addendum') log.push({ action: 'sign', after: { status: 'addendum' } });
  if (status === 'final' || status === 'addendum') log.push({ action: 'set-text', after: { field: 'addendum', text: 'Addendum text.' } });
  return log;
}

function plan(status: ReportStatus, body: ReviewEventBody, reader: Reader, warnings: ConsistencyWarning[] = []) {
  const { events } = logAt(status);
  return () => planReviewEvent({ state: foldReview(ai, events), events, body, reader, warnings });
}

const STATUSES: ReportStatus[] = ['draft', 'preliminary', 'final', 'addendum'];
const TARGETS = ['preliminary', 'final', 'addendum'] as const;
const READERS = [RADIOLOGIST, RESIDENT, TECHNOLOGIST];

function expected(from: ReportStatus, to: (typeof TARGETS)[number], reader: Reader): string {
  if (reader.role === 'technologist') return 'ROLE_NOT_PERMITTED';
  const allowedFrom = { preliminary: ['draft'], final: ['draft', 'preliminary'], addendum: ['final', 'addendum'] }[to];
  if (!allowedFrom.includes(from)) return 'WORKFLOW_REFUSED';
  if (to !== 'preliminary' && reader.role !== 'radiologist') return 'ROLE_NOT_PERMITTED';
  return 'ok';
}

describe('sign transitions', () => {
  const cases = STATUSES.flatMap((from) => TARGETS.flatMap((to) => READERS.map((reader) => [from, to, reader.role, expected(from, to, reader)] as const)));
  it.each(cases)('%s → %s by a %s: %s', (from, to, role, outcome) => {
    const reader = READERS.find((r) => r.role === role) as Reader;
    const run = plan(from, { action: 'sign', status: to }, reader);
    if (outcome === 'ok') expect(run()).toMatchObject({ action: 'sign', before: { status: from }, after: { status: to } });
    else expect(run).toThrow(expect.objectContaining({ code: outcome }));
  });

  it('covers both allowed and refused transitions (the table is not all one outcome)', () => {
    const outcomes = new Set(cases.map((c) => c[3]));
    expect([...outcomes].sort()).toEqual(['ROLE_NOT_PERMITTED', 'WORKFLOW_REFUSED', 'ok']);
  });
});

describe('sign-off guards', () => {
  it('refuses to sign while an AI finding is undecided', () => {
    const { events } = eventLog();
    const run = () => planReviewEvent({ state: foldReview(ai, events), events, body: { action: 'sign', status: 'final' }, reader: RADIOLOGIST, warnings: [] });
    expect(run).toThrow(expect.objectContaining({ code: 'SIGN_OFF_BLOCKED' }));
  });

  it('refuses to sign with an open warning and allows it once acknowledged', () => {
    const warning: ConsistencyWarning = { key: 'forbidden-phrase:possibly', kind: 'forbidden-phrase', message: { en: 'x', 'zh-CN': 'x' }, acknowledged: false };
    expect(plan('draft', { action: 'sign', status: 'final' }, RADIOLOGIST, [warning])).toThrow(expect.objectContaining({ code: 'SIGN_OFF_BLOCKED' }));
    expect(plan('draft', { action: 'sign', status: 'final' }, RADIOLOGIST, [{ ...warning, acknowledged: true }])()).toMatchObject({ action: 'sign' });
  });

  it('acknowledging needs the warning to be raised', () => {
    const warning: ConsistencyWarning = { key: 'k', kind: 'laterality', message: { en: 'x', 'zh-CN': 'x' }, acknowledged: false };
    expect(plan('draft', { action: 'acknowledge', warningKey: 'k' }, RESIDENT, [warning])()).toMatchObject({ after: { warningKey: 'k' } });
    expect(plan('draft', { action: 'acknowledge', warningKey: 'other' }, RESIDENT, [warning])).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('an addendum needs its text', () => {
    const log = eventLog();
    log.push({ action: 'accept', finding: f1 });
    log.push({ action: 'sign', after: { status: 'final' } });
    const run = () => planReviewEvent({ state: foldReview(ai, log.events), events: log.events, body: { action: 'sign', status: 'addendum' }, reader: RADIOLOGIST, warnings: [] });
    expect(run).toThrow(expect.objectContaining({ code: 'SIGN_OFF_BLOCKED' }));
  });

  it('a second addendum needs new text after the first addendum signature', () => {
    const log = logAt('addendum');
    const sign = () => planReviewEvent({ state: foldReview(ai, log.events), events: log.events, body: { action: 'sign', status: 'addendum' }, reader: RADIOLOGIST, warnings: [] });
    expect(sign()).toMatchObject({ action: 'sign' });
    log.push({ action: 'sign', after: { status: 'addendum' } });
    expect(sign).toThrow(expect.objectContaining({ code: 'SIGN_OFF_BLOCKED' }));
  });
});

describe('changes after sign-off and undo limits', () => {
  it.each<[ReviewEventBody, string]>([
    [{ action: 'accept', finding: f1 }, 'REPORT_LOCKED'],
    [{ action: 'reject', finding: f1, reason: 'vessel' }, 'REPORT_LOCKED'],
    [{ action: 'edit', finding: f1, after: { longAxisMm: 3 } }, 'REPORT_LOCKED'],
    [{ action: 'add', after: { type: 'nodule' } }, 'REPORT_LOCKED'],
    [{ action: 'set-text', field: 'impression', after: 'changed' }, 'REPORT_LOCKED'],
    [{ action: 'undo', targetEventId: 1 }, 'REPORT_LOCKED'],
    [{ action: 'undo', targetEventId: 2 }, 'WORKFLOW_REFUSED'],
  ])('a final report refuses %j with %s', (body, code) => {
    expect(plan('final', body, RADIOLOGIST)).toThrow(expect.objectContaining({ code }));
  });

  it('after final only a radiologist writes the addendum; before final nobody can', () => {
    expect(plan('final', { action: 'set-text', field: 'addendum', after: 'More.' }, RADIOLOGIST)()).toMatchObject({ before: 'Addendum text.' });
    expect(plan('final', { action: 'set-text', field: 'addendum', after: 'More.' }, RESIDENT)).toThrow(expect.objectContaining({ code: 'ROLE_NOT_PERMITTED' }));
    expect(plan('draft', { action: 'set-text', field: 'addendum', after: 'More.' }, RADIOLOGIST)).toThrow(expect.objectContaining({ code: 'WORKFLOW_REFUSED' }));
  });

  it('a preliminary report can still be corrected and its unsigned events undone', () => {
    const log = logAt('preliminary');
    const reject = log.push({ action: 'reject', finding: f1, reason: 'scar' });
    const state = foldReview(ai, log.events);
    expect(planReviewEvent({ state, events: log.events, body: { action: 'undo', targetEventId: reject.id }, reader: RADIOLOGIST, warnings: [] })).toMatchObject({
      action: 'undo',
      finding: f1,
      after: { targetEventId: reject.id },
    });
  });

  it('records the value before an edit and refuses an unknown finding', () => {
    expect(plan('draft', { action: 'edit', finding: f1, after: { longAxisMm: 11 } }, RESIDENT)()).toMatchObject({ before: { longAxisMm: 9 }, after: { longAxisMm: 11 } });
    expect(plan('draft', { action: 'accept', finding: { analysisId: 3, findingId: 'nope' } }, RESIDENT)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('a technologist cannot record review decisions', () => {
    expect(plan('draft', { action: 'accept', finding: f1 }, TECHNOLOGIST)).toThrow(expect.objectContaining({ code: 'ROLE_NOT_PERMITTED' }));
  });
});
