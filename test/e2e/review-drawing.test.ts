// Issue #6 part 1, end to end in Chromium against the web host: editing a finding's box on the
// images and drawing a finding the AI missed. A FIXTURE analysis (test/support/analysis-fixture.ts)
// puts one nodule box at the centre of the real chest CT A0002; the reader selects it in the
// review form, drags it on the axial view (the stored edit event's centre moves by the drag times
// the view's mm per pixel), undoes it, resizes it by a corner handle, cancels a drag with Escape,
// nudges it from the keyboard, and draws a missed nodule (an ellipse) whose add event carries the
// drawn geometry. The TID 1500 SR then holds the edited centre and the drawn finding.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measurementReportFindings, readMeasurementReport } from '../../electron/core/dicom-objects/measurement-report-reader';
import { exportReport } from '../../electron/core/reports/export/report-exporters';
import type { FindingValues, ReviewEvent, StudyReview } from '../../electron/shared/reports';
import type { VolumeDescription } from '../../electron/shared/volumes';
import { storeFixtureAnalysis } from '../support/analysis-fixture';
import { HAS_SHARED, SHARED_MISSING_REASON, sharedData } from '../support/shared-data';
import { makeTempDir } from '../support/temp-dir';
import { HAS_CHROMIUM } from './support/browser';
import { screenshot } from './support/screenshots';
import { openImportedStudy, type ViewerSession } from './support/viewer-session';
import type { RunningWebApp } from './support/web-app';

const CT_DIR = sharedData('ct-chest-lung-pet-ct-dx', 'A0002', 'series-B40f');
const RUN = HAS_SHARED && HAS_CHROMIUM;
type P3 = [number, number, number];

describe.skipIf(!RUN)(`review: editing and drawing findings on the images${RUN ? '' : ` — skipped: ${HAS_SHARED ? 'no Chromium' : SHARED_MISSING_REASON}`}`, () => {
  let session: ViewerSession;
  let app: RunningWebApp;
  let page: Page;
  let studyUID: string;
  let analysisId: number;
  let center: P3;
  const half: P3 = [8, 6, 4];
  const exportDir = makeTempDir('yingdu-review-drawing-e2e-');

  /** One nodule box at the voxel-centre middle of the volume, so it lies on an acquired slice of every view. */
  const storeCentredNodule = async (started: RunningWebApp, imported: { studyUID: string; seriesUID: string }) => {
    const described = await started.core.dispatch('volumes:describe', { seriesInstanceUID: imported.seriesUID });
    if (!described.ok) throw new Error(described.error.message);
    const v = (described.value as VolumeDescription[])[0]!;
    const mid = [0, 1, 2].map((a) => Math.floor((v.dimensions[a]! - 1) / 2));
    center = [0, 1, 2].map((r) => v.origin[r]! + [0, 1, 2].reduce((s, a) => s + v.direction[a * 3 + r]! * v.spacing[a]! * mid[a]!, 0)) as P3;
    const finding = {
      id: 'f1',
      type: 'nodule' as const,
      label: 'nodule',
      probability: 0.8,
      centerLPS: center,
      boundsLPS: [center.map((c, a) => c - half[a]!) as P3, center.map((c, a) => c + half[a]!) as P3] as [P3, P3],
      longAxisMm: 16,
      shortAxisMm: 12,
      consistency: 'solid' as const,
    };
    analysisId = storeFixtureAnalysis(started.core.db, imported.studyUID, imported.seriesUID, [finding]).analysisId;
  };

  beforeAll(async () => {
    session = await openImportedStudy(CT_DIR, { viewport: { width: 1600, height: 900 }, language: 'zh-CN', beforeOpen: storeCentredNodule });
    ({ app, page, studyUID } = session);
  });

  afterAll(async () => {
    await session?.close();
    exportDir.remove();
  });

  const review = async (): Promise<StudyReview> => {
    const r = await app.core.dispatch('review:get', { studyInstanceUID: studyUID });
    if (!r.ok) throw new Error(r.error.message);
    return r.value as StudyReview;
  };
  const events = async (action: string): Promise<ReviewEvent[]> => (await review()).events.filter((e) => e.action === action);
  const axialCanvas = (): Locator => page.locator('[data-testid=viewport-axial] [data-testid=ai-overlay-canvas]');
  const selectedBox = async () => {
    const box = await axialCanvas().getAttribute('data-selected-box');
    if (!box) return null;
    const [left, top, right, bottom] = box.split(',').map(Number) as [number, number, number, number];
    return { left, top, right, bottom, cx: (left + right) / 2, cy: (top + bottom) / 2 };
  };
  const origin = async () => (await page.locator('[data-testid=canvas-axial]').boundingBox())!;
  const drag = async (from: { x: number; y: number }, by: { x: number; y: number }, beforeRelease?: () => Promise<void>) => {
    const o = await origin();
    await page.mouse.move(o.x + from.x, o.y + from.y);
    await page.mouse.down();
    await page.mouse.move(o.x + from.x + by.x / 2, o.y + from.y + by.y / 2, { steps: 3 });
    await page.mouse.move(o.x + from.x + by.x, o.y + from.y + by.y, { steps: 3 });
    await beforeRelease?.();
    await page.mouse.up();
  };
  const expectClose = (actual: readonly number[] | undefined, expected: readonly number[], tolerance: number) => {
    expect(actual).toBeDefined();
    actual!.forEach((v, i) => expect(Math.abs(v - expected[i]!), `component ${i}: ${v} vs ${expected[i]}`).toBeLessThanOrEqual(tolerance));
  };

  it('moves, undoes, resizes and nudges the box on the axial view, and draws a missed finding', async () => {
    await page.locator('[data-testid=review-panel][data-status=draft]').waitFor({ timeout: 60_000 });
    await page.fill('[data-testid=review-reader-name]', 'Dr Li');
    await page.selectOption('[data-testid=review-reader-role]', 'radiologist');
    await page.click('[data-testid=review-reader-create]');
    await expect.poll(() => page.locator('[data-testid=review-reader-select]').inputValue()).not.toBe('');

    // Select the finding in the review form: the views go to its centre and its box gets handles.
    await page.locator(`[data-testid=review-finding][data-finding-key="${analysisId}:f1"] .review-finding-jump`).click();
    await expect.poll(selectedBox, { timeout: 30_000 }).not.toBeNull();
    const box0 = (await selectedBox())!;
    const mm = Number(await axialCanvas().getAttribute('data-mm-per-pixel'));
    process.stdout.write(`axial view: ${mm.toFixed(3)} mm/px, selected box ${JSON.stringify(box0)}\n`);
    expect(mm).toBeGreaterThan(0);
    // The drawn box is the LPS box seen from the feet: 16 mm wide (x), 12 mm high (y).
    expect(Math.abs((box0.right - box0.left) * mm - 2 * half[0])).toBeLessThan(0.1);

    // Drag inside the box by (+60, +30) px: on an axial view screen right is +x (patient left), down is +y (posterior).
    await drag({ x: box0.cx, y: box0.cy }, { x: 60, y: 30 });
    await expect.poll(async () => (await events('edit')).length).toBe(1);
    const [moved] = await events('edit');
    const after = moved!.after as FindingValues;
    expectClose(after.centerLPS, [center[0] + 60 * mm, center[1] + 30 * mm, center[2]], 0.02);
    expectClose(after.boundsLPS?.[0], [center[0] - half[0] + 60 * mm, center[1] - half[1] + 30 * mm, center[2] - half[2]], 0.02);
    // A move changes no size: the AI's axes stay in force.
    expect(after).not.toHaveProperty('longAxisMm');
    expect((await review()).findings[0]?.current).toMatchObject({ longAxisMm: 16, shortAxisMm: 12 });
    // The fold's before: the AI values of exactly the fields the edit changed.
    expect((moved!.before as FindingValues).centerLPS).toEqual(center);
    await expect.poll(async () => (await selectedBox())?.cx ?? 0).toBeCloseTo(box0.cx + 60, 0);
    expect((await review()).findings[0]?.disposition).toBe('edited');
    await screenshot(page, 'review-drawing-moved');

    // Undo restores the AI box, in the store and on the view.
    await page.click('[data-testid=review-undo]');
    await expect.poll(async () => (await review()).findings[0]?.current.centerLPS).toEqual(center);
    await expect.poll(async () => (await selectedBox())?.cx ?? 0).toBeCloseTo(box0.cx, 0);

    // Escape during a drag puts the box back and stores nothing.
    await drag({ x: box0.cx, y: box0.cy }, { x: 40, y: 0 }, () => page.keyboard.press('Escape'));
    expect((await events('edit')).length).toBe(1);
    await expect.poll(async () => (await selectedBox())?.cx ?? 0).toBeCloseTo(box0.cx, 0);

    // Resize by the bottom-right handle (+30, +20) px: the top-left corner stays, the axes come from the new box.
    await drag({ x: box0.right, y: box0.bottom }, { x: 30, y: 20 });
    await expect.poll(async () => (await events('edit')).length).toBe(2);
    const resized = (await events('edit'))[1]!.after as FindingValues;
    expectClose(resized.boundsLPS?.[0], [center[0] - half[0], center[1] - half[1], center[2] - half[2]], 0.02);
    expectClose(resized.boundsLPS?.[1], [center[0] + half[0] + 30 * mm, center[1] + half[1] + 20 * mm, center[2] + half[2]], 0.02);
    const w = 2 * half[0] + 30 * mm;
    const h = 2 * half[1] + 20 * mm;
    expect(resized.longAxisMm).toBeCloseTo(Math.max(w, h), 1);
    expect(resized.shortAxisMm).toBeCloseTo(Math.min(w, h), 1);

    // Keyboard: Ctrl+→ moves the box 1 mm to screen right (+x), one edit event per press.
    const before = (await review()).findings[0]!.current.centerLPS!;
    await page.keyboard.press('Control+ArrowRight');
    await expect.poll(async () => (await events('edit')).length).toBe(3);
    expectClose(((await events('edit'))[2]!.after as FindingValues).centerLPS, [before[0] + 1, before[1], before[2]], 0.011);

    // A centre typed in the edit form carries the box along; the untouched coordinates keep their full value.
    const typedFrom = (await review()).findings[0]!.current;
    await page.locator(`[data-testid=review-finding][data-finding-key="${analysisId}:f1"] [data-testid=review-edit]`).click();
    const newX = Math.round((typedFrom.centerLPS![0] + 2) * 10) / 10;
    await page.fill('[data-testid=review-field-x]', String(newX));
    await page.click('[data-testid=review-form-save]');
    await expect.poll(async () => (await events('edit')).length).toBe(4);
    const typed = (await events('edit'))[3]!.after as FindingValues;
    expect(Object.keys(typed).sort()).toEqual(['boundsLPS', 'centerLPS']);
    expect(typed.centerLPS).toEqual([newX, typedFrom.centerLPS![1], typedFrom.centerLPS![2]]);
    const shift = newX - typedFrom.centerLPS![0];
    expectClose(typed.boundsLPS?.[0], [typedFrom.boundsLPS![0][0] + shift, typedFrom.boundsLPS![0][1], typedFrom.boundsLPS![0][2]], 1e-9);
    expectClose(typed.boundsLPS?.[1], [typedFrom.boundsLPS![1][0] + shift, typedFrom.boundsLPS![1][1], typedFrom.boundsLPS![1][2]], 1e-9);
    // Redrawn there: screen x follows LPS x at `mm` per pixel from the first box's position.
    const typedMidX = (typed.boundsLPS![0][0] + typed.boundsLPS![1][0]) / 2;
    await expect.poll(async () => (await selectedBox())?.cx ?? 0).toBeCloseTo(box0.cx + (typedMidX - center[0]) / mm, 0);

    // Draw a missed finding: the tool (D), an ellipse dragged to the upper left of the box.
    const box1 = (await selectedBox())!;
    const a = { x: box1.left - 90, y: box1.top - 70 };
    const size = { x: 40, y: 24 };
    await page.keyboard.press('D');
    await drag(a, size);
    const form = page.locator('[data-testid=review-finding-form]');
    await form.waitFor();
    expect(Number(await page.inputValue('[data-testid=review-field-longAxisMm]'))).toBeCloseTo(40 * mm, 1);
    expect(Number(await page.inputValue('[data-testid=review-field-shortAxisMm]'))).toBeCloseTo(24 * mm, 1);
    await page.fill('[data-testid=review-field-location]', 'right upper lobe');
    await page.click('[data-testid=review-form-save]');
    await expect.poll(async () => (await events('add')).length).toBe(1);
    const added = (await events('add'))[0]!.after as FindingValues;
    // Expected from the view: the selected box's screen centre is its LPS centre; one pixel is `mm` in the plane.
    const now = (await review()).findings[0]!.current.boundsLPS!;
    const boxCenter = [0, 1, 2].map((k) => (now[0][k]! + now[1][k]!) / 2);
    const drawnCenter: P3 = [boxCenter[0]! + (a.x + size.x / 2 - box1.cx) * mm, boxCenter[1]! + (a.y + size.y / 2 - box1.cy) * mm, center[2]];
    // Within one screen pixel: the box's screen position is read to 0.1 px and pointer positions are whole pixels.
    expectClose(added.centerLPS, drawnCenter, mm);
    expectClose(added.boundsLPS?.[0], [drawnCenter[0] - 20 * mm, drawnCenter[1] - 12 * mm, center[2]], mm);
    expectClose(added.boundsLPS?.[1], [drawnCenter[0] + 20 * mm, drawnCenter[1] + 12 * mm, center[2]], mm);
    expect(added).toMatchObject({ shape: 'ellipse', side: drawnCenter[0] > 5 ? 'left' : drawnCenter[0] < -5 ? 'right' : 'midline', location: 'right upper lobe', type: 'nodule' });
    expect(added.note).toMatch(/-?\d+/);
    await expect.poll(() => axialCanvas().getAttribute('data-reader-findings')).toBe('1');
    await screenshot(page, 'review-drawing-added');

    // The SR of this state carries the edited centre of the AI finding and the drawn one's centre.
    const srFile = path.join(exportDir.dir, 'review-drawing-sr.dcm');
    await exportReport('sr', { studyInstanceUID: studyUID, lang: 'en', out: srFile, db: app.core.db, layout: app.core.layout, review: app.core.review });
    const sr = measurementReportFindings(readMeasurementReport(readFileSync(srFile))).findings;
    const current = (await review()).findings.map((f) => f.current.centerLPS!);
    expect(sr.length).toBe(2);
    for (const [i, f] of sr.entries()) expectClose(f.centerLPS, current[i]!, 0.01);
  });
});
