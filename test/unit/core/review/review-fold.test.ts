// The review state is a pure fold of append-only events: decisions, edits, additions, texts,
// acknowledgements, signatures and undo (only of unsigned, non-undo, non-sign events).
import { describe, expect, it } from 'vitest';
import { foldReview } from '../../../../electron/core/review/review-fold';
import { aiInputs, eventLog, nodule, RESIDENT } from './review-fixtures';

const ai = aiInputs(7, [nodule('f1', 40, 9), nodule('f2', -40, 5), nodule('f3', 30, 12)]);
const ref = (findingId: string) => ({ analysisId: 7, findingId });

describe('foldReview', () => {
  it('starts with every AI finding pending and a draft report', () => {
    const state = foldReview(ai, []);
    expect(state.status).toBe('draft');
    expect(state.findings.map((f) => f.disposition)).toEqual(['pending', 'pending', 'pending']);
    expect(state.findings[0]?.current).toEqual(state.findings[0]?.original);
  });

  it('applies accept, reject with reason, edit and add, recording who and when', () => {
    const { events, push } = eventLog();
    push({ action: 'accept', finding: ref('f1') });
    push({ action: 'reject', finding: ref('f2'), reason: 'vessel', reasonText: 'branching' }, RESIDENT);
    push({ action: 'edit', finding: ref('f3'), after: { longAxisMm: 14, consistency: 'part-solid' } });
    const add = push({ action: 'add', after: { type: 'nodule', longAxisMm: 6, centerLPS: [-50, 0, 0] } });
    const state = foldReview(ai, events);
    const [f1, f2, f3, added] = state.findings;
    expect(f1).toMatchObject({ disposition: 'accepted', decidedBy: { name: 'Dr Wang' } });
    expect(f2).toMatchObject({ disposition: 'rejected', reason: 'vessel', reasonText: 'branching', decidedBy: { role: 'resident' } });
    expect(f3?.disposition).toBe('edited');
    expect(f3?.current).toMatchObject({ longAxisMm: 14, consistency: 'part-solid', shortAxisMm: 12 });
    expect(f3?.original).toMatchObject({ longAxisMm: 12, consistency: 'solid' });
    expect(added).toMatchObject({ ref: { analysisId: null, findingId: `added-${add.id}` }, disposition: 'added', original: null });
  });

  it('accepting an edited finding keeps it "edited"; accepting after a reject clears the reason', () => {
    const { events, push } = eventLog();
    push({ action: 'edit', finding: ref('f1'), after: { longAxisMm: 10 } });
    push({ action: 'accept', finding: ref('f1') });
    push({ action: 'reject', finding: ref('f2'), reason: 'scar' });
    push({ action: 'accept', finding: ref('f2') });
    const [f1, f2] = foldReview(ai, events).findings;
    expect(f1?.disposition).toBe('edited');
    expect(f2).toMatchObject({ disposition: 'accepted', reason: null });
  });

  it('undo reverts exactly its target, including an added finding and a text', () => {
    const { events, push } = eventLog();
    const reject = push({ action: 'reject', finding: ref('f1'), reason: 'artefact' });
    const add = push({ action: 'add', after: { type: 'mass', longAxisMm: 40 } });
    push({ action: 'set-text', after: { field: 'impression', text: 'first' } });
    const second = push({ action: 'set-text', after: { field: 'impression', text: 'second' } });
    push({ action: 'undo', after: { targetEventId: reject.id } });
    push({ action: 'undo', after: { targetEventId: add.id } });
    push({ action: 'undo', after: { targetEventId: second.id } });
    const state = foldReview(ai, events);
    expect(state.findings[0]?.disposition).toBe('pending');
    expect(state.findings).toHaveLength(3);
    expect(state.texts.impression).toBe('first');
    expect(state.undone.sort()).toEqual([reject.id, add.id, second.id].sort());
  });

  it('ignores undo of a signed event, of a sign, of an undo, and a second undo of the same event', () => {
    const { events, push } = eventLog();
    const accept = push({ action: 'accept', finding: ref('f1') });
    push({ action: 'accept', finding: ref('f2') });
    push({ action: 'accept', finding: ref('f3') });
    const sign = push({ action: 'sign', after: { status: 'preliminary' } });
    push({ action: 'undo', after: { targetEventId: accept.id } });
    push({ action: 'undo', after: { targetEventId: sign.id } });
    const late = push({ action: 'reject', finding: ref('f2'), reason: 'other' });
    const undo = push({ action: 'undo', after: { targetEventId: late.id } });
    push({ action: 'undo', after: { targetEventId: undo.id } });
    push({ action: 'undo', after: { targetEventId: late.id } });
    const state = foldReview(ai, events);
    expect(state.status).toBe('preliminary');
    expect(state.undone).toEqual([late.id]);
    expect(state.findings.map((f) => f.disposition)).toEqual(['accepted', 'accepted', 'accepted']);
    expect(state.lockedThrough).toBe(sign.id);
  });

  it('follows the signatures: preliminary, final, addendum, and keeps acknowledgements', () => {
    const { events, push } = eventLog();
    push({ action: 'acknowledge', after: { warningKey: 'forbidden-phrase:possibly' } });
    push({ action: 'sign', after: { status: 'preliminary' } }, RESIDENT);
    push({ action: 'sign', after: { status: 'final' } });
    push({ action: 'set-text', after: { field: 'addendum', text: 'Compared with outside CT.' } });
    push({ action: 'sign', after: { status: 'addendum' } });
    const state = foldReview(ai, events);
    expect(state.status).toBe('addendum');
    expect(state.signatures.map((s) => [s.status, s.reader.role])).toEqual([
      ['preliminary', 'resident'],
      ['final', 'radiologist'],
      ['addendum', 'radiologist'],
    ]);
    expect(state.acknowledged).toEqual(['forbidden-phrase:possibly']);
    expect(state.texts.addendum).toBe('Compared with outside CT.');
  });

  it('gives the same state for the same events (no hidden inputs)', () => {
    const { events, push } = eventLog();
    push({ action: 'accept', finding: ref('f1') });
    push({ action: 'edit', finding: ref('f2'), after: { location: 'right lower lobe' } });
    expect(foldReview(ai, events)).toEqual(foldReview(ai, [...events]));
  });
});
