// Issue #6 part 8, end to end in Chromium against the web host: a real chest CT (A0002) with AI
// findings (a FIXTURE analysis stored through the real jobs/analyses tables, see
// test/support/analysis-fixture.ts, until a lung CAD package runs here), reviewed in the form
// beside the viewer: accept one, reject one with a reason (keyboard), edit one (keyboard), add a
// missed one, write the impression, acknowledge the wording warning, sign final; a reload shows
// the final report and the full history, and the stored report, the PDF and the TID 1500 SR hold
// exactly the reviewed state (the SR's Chinese observer name read back intact, nested in UTF-8).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measurementReportFindings, readMeasurementReport } from '../../electron/core/dicom-objects/measurement-report-reader';
import { exportReport } from '../../electron/core/reports/export/report-exporters';
import type { StructuredReport } from '../../electron/shared/reports';
import { dciodvfy, dsrdump } from '../support/dicom-reference-tools';
import { makeTempDir } from '../support/temp-dir';
import { FIXTURE_MODEL, storeFixtureAnalysis } from '../support/analysis-fixture';
import { HAS_SHARED, SHARED_MISSING_REASON, sharedData } from '../support/shared-data';
import { HAS_CHROMIUM } from './support/browser';
import { screenshot } from './support/screenshots';
import { openImportedStudy, type ViewerSession } from './support/viewer-session';
import type { RunningWebApp } from './support/web-app';

const CT_DIR = sharedData('ct-chest-lung-pet-ct-dx', 'A0002', 'series-B40f');
const RUN = HAS_SHARED && HAS_CHROMIUM;

describe.skipIf(!RUN)(`review form${RUN ? '' : ` — skipped: ${HAS_SHARED ? 'no Chromium' : SHARED_MISSING_REASON}`}`, () => {
  let session: ViewerSession;
  let app: RunningWebApp;
  let page: Page;
  let studyUID: string;
  let analysisId: number;
  const exportDir = makeTempDir('yingdu-review-e2e-');

  beforeAll(async () => {
    session = await openImportedStudy(CT_DIR, {
      viewport: { width: 1600, height: 900 },
      language: 'zh-CN',
      beforeOpen: (started, imported) => {
        analysisId = storeFixtureAnalysis(started.core.db, imported.studyUID, imported.seriesUID).analysisId;
      },
    });
    ({ app, page, studyUID } = session);
  });

  afterAll(async () => {
    await session?.close();
    exportDir.remove();
  });

  const row = (findingId: string) => page.locator(`[data-testid=review-finding][data-finding-key="${analysisId}:${findingId}"]`);
  const dispositions = () => page.locator('[data-testid=review-finding]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-disposition')));

  it('reviews every finding, signs the report final, and shows it again after a reload', async () => {
    const panel = page.locator('[data-testid=review-panel][data-status=draft]');
    await panel.waitFor({ timeout: 60_000 });
    await expect.poll(dispositions).toEqual(['pending', 'pending', 'pending']);
    await expect.poll(() => page.locator('[data-testid=review-provenance]').first().textContent()).toContain(`${FIXTURE_MODEL.id} ${FIXTURE_MODEL.version}`);
    expect(await page.locator('[data-testid=review-low-confidence]').count()).toBe(1);

    // The reader profile (the first one becomes the current reader).
    await page.fill('[data-testid=review-reader-name]', '王医生');
    await page.selectOption('[data-testid=review-reader-role]', 'radiologist');
    await page.click('[data-testid=review-reader-create]');
    await expect.poll(() => page.locator('[data-testid=review-reader-select]').inputValue()).not.toBe('');

    // Accept the first finding with the mouse.
    await row('f1').locator('.review-finding-jump').click();
    await row('f1').locator('[data-testid=review-accept]').click();
    await expect.poll(dispositions).toEqual(['accepted', 'pending', 'pending']);

    // Next finding and reject it from the keyboard, with a reason and a comment.
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => row('f2').getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Alt+R');
    await page.selectOption('[data-testid=review-reject-reason]', 'vessel');
    await page.fill('[data-testid=review-reject-text]', '分支血管');
    await page.click('[data-testid=review-reject-confirm]');
    await expect.poll(dispositions).toEqual(['accepted', 'rejected', 'pending']);

    // Edit the third: larger, part-solid with a 6.5 mm solid component.
    await row('f3').locator('.review-finding-jump').click();
    await page.keyboard.press('Alt+D');
    await page.fill('[data-testid=review-field-longAxisMm]', '10');
    await page.selectOption('[data-testid=review-field-consistency]', 'part-solid');
    await page.fill('[data-testid=review-field-solidComponentMm]', '6.5');
    await page.click('[data-testid=review-form-save]');
    await expect.poll(dispositions).toEqual(['accepted', 'rejected', 'edited']);

    // Add a finding the AI missed.
    await page.click('[data-testid=review-add]');
    await page.fill('[data-testid=review-field-longAxisMm]', '6');
    await page.fill('[data-testid=review-field-shortAxisMm]', '5');
    await page.selectOption('[data-testid=review-field-consistency]', 'solid');
    await page.fill('[data-testid=review-field-location]', 'right upper lobe');
    await page.selectOption('[data-testid=review-field-side]', 'right');
    for (const [axis, value] of [['x', '-70'], ['y', '0'], ['z', '-130']]) await page.fill(`[data-testid=review-field-${axis}]`, value as string);
    await page.click('[data-testid=review-form-save]');
    await expect.poll(dispositions).toEqual(['accepted', 'rejected', 'edited', 'added']);

    // Undo before sign-off (Alt+Z) reverts the last action, here a saved text.
    await page.fill('[data-testid=review-text-impression]', '临时文本');
    await page.click('[data-testid=review-save-impression]');
    const history = page.locator('[data-testid=review-history-event]');
    await expect.poll(() => history.count()).toBe(5); // the text is stored before undo is pressed
    await page.keyboard.press('Alt+Z');
    await expect.poll(() => history.count()).toBe(6);
    await expect.poll(() => page.locator('[data-testid=review-text-impression]').inputValue()).toBe('');

    // The impression; its speculative word raises a warning that blocks signing until acknowledged.
    const impression = '左肺上叶实性结节，Lung-RADS 4A 类。左肺下叶部分实性结节，Lung-RADS 4A 类。右肺上叶小结节，疑似良性，Lung-RADS 2 类。';
    await page.fill('[data-testid=review-text-impression]', impression);
    await page.click('[data-testid=review-save-impression]');
    const warning = page.locator('[data-testid=review-warning][data-kind=forbidden-phrase]');
    await expect.poll(() => warning.count()).toBe(1);
    await page.click('[data-testid=review-sign-final]');
    await expect.poll(() => page.locator('[data-testid=error-area], .error-area').first().textContent()).toMatch(/SIGN_OFF_BLOCKED|签发|sign/i);
    await warning.locator('[data-testid=review-acknowledge]').click();
    await expect.poll(() => warning.getAttribute('data-acknowledged')).toBe('true');
    await page.click('[data-testid=review-sign-final]');
    await page.locator('[data-testid=review-panel][data-status=final]').waitFor();
    await screenshot(page, 'review-final');

    // Reopen: the final report and the full history come back from the store.
    await page.reload();
    await page.waitForFunction(() => document.body.dataset.appReady === 'true');
    await page.locator('[data-testid=review-panel][data-status=final]').waitFor({ timeout: 60_000 });
    await expect.poll(dispositions).toEqual(['accepted', 'rejected', 'edited', 'added']);
    const actions = await history.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
    expect(actions).toEqual(['accept', 'reject', 'edit', 'add', 'set-text', 'undo', 'set-text', 'acknowledge', 'sign']);
    const preview = (await page.locator('[data-testid=review-preview]').textContent()) ?? '';
    for (const text of ['正式报告', '左肺上叶实性结节', '左肺下叶部分实性结节', 'Lung-RADS 4A 类', '医师补充', FIXTURE_MODEL.id, '王医生']) expect(preview).toContain(text);
    expect(preview).not.toContain('右肺下叶');

    // The stored report is exactly the reviewed state.
    const stored = await app.core.dispatch('reports:get', { studyInstanceUID: studyUID });
    expect(stored.ok).toBe(true);
    const report = (stored.ok ? stored.value : null) as StructuredReport;
    expect(report.status).toBe('final');
    expect(report.findings.map((f) => [f.disposition, f.lungRads?.category])).toEqual([
      ['accepted', '4A'],
      ['rejected', '2'],
      ['edited', '4A'],
      ['added', '2'],
    ]);
    expect(report.findings[1]).toMatchObject({ reason: 'vessel', reasonText: '分支血管' });
    expect(report.findings[2]?.values).toMatchObject({ longAxisMm: 10, consistency: 'part-solid', solidComponentMm: 6.5 });
    expect(report.signatures).toMatchObject([{ status: 'final', reader: { name: '王医生', role: 'radiologist' } }]);

    // "Export PDF" downloads the report PDF of exactly this state (text read back by poppler's pdftotext;
    // no key images here: the fixture nodules lie outside this 30-slice series, see the PDF integration test).
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=review-export-pdf]')]);
    const pdfFile = await download.path();
    expect(readFileSync(pdfFile).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pdfText = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfFile, '-'], { encoding: 'utf8' });
    for (const text of ['正式报告', '左肺上叶实性结节', '左肺下叶部分实性结节', 'Lung-RADS 4A 类', '医师补充', '王医生']) expect(pdfText).toContain(text);

    // The TID 1500 SR of the same signed state: the kept findings only (the rejected one is absent),
    // each under the observer who stands behind it, VERIFIED by the final signature; dciodvfy and
    // dsrdump read it.
    const srFile = path.join(exportDir.dir, 'report-sr.dcm');
    await exportReport('sr', { studyInstanceUID: studyUID, lang: 'zh-CN', out: srFile, db: app.core.db, layout: app.core.layout, review: app.core.review });
    expect(dciodvfy(srFile).errors).toEqual([]);
    const dump = dsrdump(srFile);
    expect(dump.status).toBe(0);
    expect(dump.stdout).toMatch(/VERIFIED/);
    const sr = readMeasurementReport(readFileSync(srFile));
    expect(sr.groups.map((g) => [g.observer?.kind, g.evaluations['Physician review disposition']])).toEqual([
      ['device', 'ACCEPTED'],
      ['person', 'EDITED'],
      ['person', 'ADDED'],
    ]);
    expect(sr.groups[1]?.observer?.name).toBe('王医生');
    expect(measurementReportFindings(sr).findings[1]?.longAxisMm).toBe(10);
  });
});
