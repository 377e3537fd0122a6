// The feedback dashboard in Chromium against the web host: a real chest CT (A0002) with the
// label-map fixture analysis, reviewed through the review service (accept, reject as vessel, edit,
// add); the About panel shows the model's counts and agreement, and the export button writes the
// bundle into the data folder and says where. An import from a path reports its SEG/SR overlays.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_MODEL } from '../support/analysis-fixture';
import { storeLabelmapAnalysis } from '../support/labelmap-analysis-fixture';
import { HAS_SHARED, SHARED_MISSING_REASON, sharedData } from '../support/shared-data';
import { HAS_CHROMIUM, launchChromium, openApp } from './support/browser';
import { importFirstStudy } from './support/import-study';
import { screenshot } from './support/screenshots';
import { type RunningWebApp, startWebApp } from './support/web-app';

const RUN = HAS_SHARED && HAS_CHROMIUM;

describe.skipIf(!RUN)(`feedback dashboard${RUN ? '' : ` — skipped: ${HAS_SHARED ? 'no Chromium' : SHARED_MISSING_REASON}`}`, () => {
  let app: RunningWebApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await startWebApp();
    const { studyUID, seriesUID } = await importFirstStudy(app, sharedData('ct-chest-lung-pet-ct-dx', 'A0002', 'series-B40f'));
    const { analysisId } = storeLabelmapAnalysis(app.core.db, app.dataDir, studyUID, await app.core.volumes.volume(seriesUID, 0), seriesUID).analysis;
    const review = app.core.review;
    review.createUser('Zhao^Lei', 'radiologist');
    review.act(studyUID, { action: 'accept', finding: { analysisId, findingId: 'f1' } });
    review.act(studyUID, { action: 'reject', finding: { analysisId, findingId: 'f2' }, reason: 'vessel' });
    review.act(studyUID, { action: 'edit', finding: { analysisId, findingId: 'f3' }, after: { longAxisMm: 10 } });
    review.act(studyUID, { action: 'add', after: { type: 'nodule', longAxisMm: 6, shortAxisMm: 5, centerLPS: [-70, 0, -130] } });
    browser = await launchChromium();
    page = await openApp(browser, app.host.url, { width: 1400, height: 900 });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows the figures per model and exports the bundle into the data folder', async () => {
    await page.click('[data-testid=open-about]');
    const row = page.locator(`[data-testid="feedback-row-${FIXTURE_MODEL.id}"]`);
    await row.waitFor({ timeout: 30_000 });
    const cells = await row.locator('td').allTextContents();
    // studies, accepted, rejected (by reason), edited, missed, agreement
    expect(cells.slice(1, 7).map((c) => c.trim())).toEqual(['1', '1', expect.stringMatching(/^1 \(.+ 1\)$/), '1', '1', '33.3 %']);
    await page.click(`[data-testid="feedback-export-${FIXTURE_MODEL.id}"]`);
    const written = page.locator('[data-testid=feedback-written] code');
    await written.waitFor({ timeout: 60_000 });
    const outDir = (await written.textContent()) ?? '';
    expect(outDir.startsWith(path.join(app.dataDir, 'outputs', 'feedback'))).toBe(true);
    expect(existsSync(path.join(outDir, 'manifest.json'))).toBe(true);
    await screenshot(page, 'feedback-dashboard');
  });

  it("reports the SEG and SR of an import that became overlays (dcmqi's sr-example from a path)", async () => {
    const fresh = await openApp(browser, app.host.url, { width: 1400, height: 900 });
    await fresh.fill('[data-testid=import-path]', sharedData('conformance', 'dcmqi', 'sr-example'));
    await fresh.click('[data-testid=import-path-start]');
    const results = fresh.locator('[data-testid=import-result-objects]');
    await results.waitFor({ timeout: 60_000 });
    // Two objects shown as overlays, none left without: the number in both catalogs comes first.
    expect(await results.textContent()).toMatch(/^2\D.*\D0\D/);
    await fresh.close();
  });
});
