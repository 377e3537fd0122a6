// The review editing state of the viewer without a view: which finding gets handles, keyboard
// nudges and resizes (one edit each, with the values the fold expects), the geometry shown before
// the stored event comes back, and nothing editable once the report is signed final.
import { describe, expect, it } from 'vitest';
import type { FindingRef, FindingValues } from '../../../../../electron/shared/reports';
import { FindingEditor, type ReviewedFinding } from '../../../../../renderer/src/viewer/ai-overlays/finding-editor';
import { baseFrame } from '../../../../../renderer/src/viewer/engine/slice-geometry';
import { chestCt as ct } from '../chest-ct-geometry';

const ai: ReviewedFinding = {
  key: '7:f1',
  ref: { analysisId: 7, findingId: 'f1' },
  source: 'ai',
  values: { type: 'nodule', centerLPS: [62.5, 10.2, -140], boundsLPS: [[57, 5, -145], [68, 15.5, -135]], longAxisMm: 11.2, shortAxisMm: 8.6 },
};
const reader: ReviewedFinding = {
  key: 'reader:added-9',
  ref: { analysisId: null, findingId: 'added-9' },
  source: 'reader',
  values: { type: 'nodule', centerLPS: [-40, 0, -100], boundsLPS: [[-45, -4, -100], [-35, 4, -100]], shape: 'ellipse' },
};

function editor(editable = true) {
  let redraws = 0;
  const e = new FindingEditor(() => redraws++);
  const edits: { ref: FindingRef; values: FindingValues }[] = [];
  e.onEdit = (ref, values) => edits.push({ ref, values });
  e.setReview([ai, reader], editable, '阅片医师');
  return { e, edits, redraws: () => redraws };
}

describe('finding editor', () => {
  it('gives handles only to the selected finding with a box, and lists the reader findings', () => {
    const { e } = editor();
    expect(e.hasHandles('7:f1')).toBe(false);
    e.selectedKey = '7:f1';
    expect(e.hasHandles('7:f1')).toBe(true);
    expect(e.hasHandles('reader:added-9')).toBe(false);
    expect(e.readerFindings.map((f) => f.key)).toEqual(['reader:added-9']);
  });

  it('Ctrl+→ on an axial view moves the box and its centre 1 mm towards patient left (+x); the axes are no part of a move', () => {
    const { e, edits } = editor();
    e.selectedKey = '7:f1';
    e.nudge(baseFrame('axial', ct), 'move', 1, 0);
    expect(edits).toEqual([
      { ref: ai.ref, values: { centerLPS: [63.5, 10.2, -140], boundsLPS: [[58, 5, -145], [69, 15.5, -135]] } },
    ]);
    // Shown at once, before the stored event comes back.
    expect(e.placeOf('7:f1')).toEqual({ centerLPS: [63.5, 10.2, -140], boundsLPS: [[58, 5, -145], [69, 15.5, -135]] });
  });

  it('Ctrl+Alt+↑ on a coronal view raises the top (superior) edge by 1 mm, the bottom stays', () => {
    const { e, edits } = editor();
    e.selectedKey = 'reader:added-9';
    e.nudge(baseFrame('coronal', ct), 'resize', 0, 1);
    expect(edits[0]?.values.boundsLPS).toEqual([[-45, -4, -100], [-35, 4, -99]]);
    expect(edits[0]?.values.centerLPS).toEqual([-40, 0, -99.5]);
    // Read on the coronal plane: L–R 10 mm and S–I 1 mm (the drawn finding was flat on its axial slice).
    expect([edits[0]?.values.longAxisMm, edits[0]?.values.shortAxisMm]).toEqual([10, 1]);
  });

  it('stores nothing once the report is final, and a release without a drag stores nothing', () => {
    const locked = editor(false);
    locked.e.selectedKey = '7:f1';
    locked.e.nudge(baseFrame('axial', ct), 'move', 1, 0);
    expect(locked.edits).toEqual([]);
    expect(locked.e.startSketch({} as never, { x: 0, y: 0 }, 'ellipse')).toBe(false);
    const open = editor();
    open.e.release();
    open.e.cancel();
    expect(open.edits).toEqual([]);
  });
});
