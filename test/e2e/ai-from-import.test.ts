// AI from import to overlay, for real (issue 5, parts 3 and 6): the lung CAD package built by
// project code (native-models/src/lung-cad, no weights from ../shared), installed and enabled
// as `yingdu models enable` does, auto-run switched on in the About panel, then A0002's B70f
// series imported through the worklist's import-from-path form. Nothing is stored by a fixture:
// the job service queues the CAD on "import finished", runs it in the inference worker, and the
// worklist shows the AI state moving (queued / running %, then done), the study status moving
// to "AI done" (row, filter chip and count) and the triage flags, in English and in Chinese,
// sortable. In the viewer the findings panel lists the CAD's findings;
// the one inside a ground-truth tumour box is chosen and every view jumps to its centre.
// Screenshots in test-results/. The CAD itself takes ~4 s on this case (2 cores).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisResult, Finding } from '../../electron/shared/ai-results';
import { LUNG_NODULE_CAD_PACKAGE } from '../../native-models/src/lung-cad/lung-nodule-cad-package';
import { a0002TruthBoxes, insideTruth, loadSeries } from '../integration/core/inference/pipelines/lung-cad/lung-cad-harness';
import { HAS_SHARED, SHARED_MISSING_REASON, sharedData } from '../support/shared-data';
import { makeTempDir } from '../support/temp-dir';
import { HAS_CHROMIUM, launchChromium, openApp } from './support/browser';
import { screenshot } from './support/screenshots';
import { type RunningWebApp, startWebApp } from './support/web-app';
import { framesOf } from './viewer-pixels';

const SERIES_DIR = sharedData('ct-chest-lung-pet-ct-dx', 'A0002', 'series-B70f');
/** A second, unflagged study (head CT: the chest CAD does not accept it), so sorting by AI has something to order. */
const HEAD_CT_DIR = sharedData('ct-head-gantry-tilt');
const RUN = HAS_SHARED && HAS_CHROMIUM;

/** Every AI state text the worklist showed, recorded in the page by a MutationObserver from before the import. */
const RECORD_AI_STATES = () => {
  const w = window as unknown as { aiStates: { state: string; text: string }[] };
  w.aiStates = [];
  const record = () => {
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('[data-testid=ai-state]'))) {
      const entry = { state: el.dataset.state ?? '', text: el.textContent ?? '' };
      const last = w.aiStates.at(-1);
      if (!last || last.state !== entry.state || last.text !== entry.text) w.aiStates.push(entry);
    }
  };
  new MutationObserver(record).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['data-state'] });
};

describe.skipIf(!RUN)(`AI from import to overlay (lung CAD on A0002)${RUN ? '' : ` — skipped: ${HAS_SHARED ? 'no Chromium' : SHARED_MISSING_REASON}`}`, () => {
  const packages = makeTempDir('yingdu-e2e-cad-');
  let app: RunningWebApp;
  let browser: Browser;
  let page: Page;
  let analysis: AnalysisResult;
  const started = performance.now();

  beforeAll(async () => {
    app = await startWebApp();
    const built = LUNG_NODULE_CAD_PACKAGE.build(packages.dir);
    app.core.models.install(built.dir);
    // The CAD package is off by default (a classical baseline): enabled as `yingdu models enable` does.
    const enabled = await app.core.dispatch('models:setEnabled', { modelId: built.manifest.id, enabled: true });
    if (!enabled.ok) throw new Error(enabled.error.message);
    // Auto-run starts off here, so the About panel's switch is what turns it on.
    const off = await app.core.dispatch('prefs:set', { aiAutoRun: false });
    if (!off.ok) throw new Error(off.error.message);
    browser = await launchChromium();
    page = await openApp(browser, `${app.host.url}#/worklist`, { width: 1600, height: 860 });
    await page.selectOption('[data-testid=language-switch]', 'en');
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    packages.remove();
    process.stdout.write(`ai-from-import e2e: ${((performance.now() - started) / 1000).toFixed(1)} s in all\n`);
  });

  const rowOf = (uid: string) => page.locator(`[data-testid=worklist-row][data-uid="${uid}"]`);

  it('queues the CAD when the series is imported, shows its progress, then the triage flags in both languages, sortable', async () => {
    await page.click('[data-testid=open-about]');
    const autoRun = page.locator('[data-testid=pref-ai-autorun]');
    expect(await autoRun.isChecked()).toBe(false);
    // A controlled checkbox: it turns on once the preference is stored, so click and wait.
    await autoRun.click();
    await expect.poll(() => autoRun.isChecked()).toBe(true);
    await expect.poll(async () => {
      const prefs = await app.core.dispatch('prefs:get', {});
      return prefs.ok && (prefs.value as { aiAutoRun?: boolean }).aiAutoRun;
    }).toBe(true);
    await page.locator('[role=dialog] .modal-header button').click();
    await page.locator('[role=dialog]').waitFor({ state: 'detached' });

    // The head CT first (through the core, as the other e2e tests import): no model accepts it.
    const headDone = new Promise<void>((resolve) => app.core.events.subscribe((event) => event === 'import:finished' && resolve()));
    const head = await app.core.dispatch('import:start', { paths: [HEAD_CT_DIR] });
    if (!head.ok) throw new Error(head.error.message);
    await headDone;

    await page.evaluate(RECORD_AI_STATES);
    const t0 = performance.now();
    await page.fill('[data-testid=import-path]', SERIES_DIR);
    await page.click('[data-testid=import-path-start]');
    const done = page.locator('[data-testid=ai-state][data-state=done]');
    await done.waitFor({ timeout: 120_000 });
    const seconds = (performance.now() - t0) / 1000;

    const jobs = await app.core.dispatch('ai:jobs', {});
    if (!jobs.ok) throw new Error(jobs.error.message);
    const list = jobs.value as { id: number; state: string; modelId: string; studyInstanceUID: string }[];
    // One job, for the chest CT only: the head CT was not queued.
    expect(list.map((j) => [j.modelId, j.state])).toEqual([['lung-nodule-cad', 'done']]);
    const studyUID = list[0]!.studyInstanceUID;
    const results = await app.core.dispatch('ai:results', { studyInstanceUID: studyUID });
    if (!results.ok) throw new Error(results.error.message);
    analysis = (results.value as AnalysisResult[])[0]!;

    const states = await page.evaluate(() => (window as unknown as { aiStates: { state: string; text: string }[] }).aiStates);
    process.stdout.write(`import → AI done on the worklist: ${seconds.toFixed(1)} s; CAD ${analysis.seconds} s; states seen: ${states.map((s) => s.text).join(' → ')}\n`);
    expect(states.some((s) => s.state === 'queued' || (s.state === 'running' && /\d+ %/.test(s.text)))).toBe(true);
    expect(states.at(-1)).toEqual({ state: 'done', text: 'AI done' });
    // Done never came before queued/running: the first state seen is not "done".
    expect(states[0]!.state).not.toBe('done');

    const flags = rowOf(studyUID).locator('[data-testid=triage-flag]');
    await expect.poll(() => flags.allTextContents(), { timeout: 20_000 }).toContain('Lung lesion ≥ 8 mm');
    const largest = Math.max(...analysis.findings.map((f) => f.longAxisMm ?? 0));
    expect((await flags.allTextContents()).includes('Lung mass ≥ 3 cm')).toBe(largest >= 30);
    // The study status followed its job (new → AI pending → AI done); the head CT, never queued, stays new.
    await expect.poll(() => rowOf(studyUID).locator('.status-tag').textContent(), { timeout: 20_000 }).toBe('AI done');
    const chipCount = (status: string) => page.locator(`[data-testid=filter-status-${status}] .chip-count`).textContent();
    expect([await chipCount('new'), await chipCount('ai_pending'), await chipCount('ai_done')]).toEqual(['1', '0', '1']);
    await page.click('[data-testid=filter-status-ai_done]');
    await expect.poll(() => page.locator('[data-testid=worklist-row]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-uid')))).toEqual([studyUID]);
    await page.click('[data-testid=filter-status-ai_done]');
    await expect.poll(() => page.locator('[data-testid=worklist-row]').count()).toBe(2);
    await screenshot(page, 'ai-from-import-worklist');

    // Sorting by AI: flagged first in the reading direction, last in the other.
    const order = () => page.locator('[data-testid=worklist-row]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-uid')));
    await page.click('[data-testid=sort-ai]');
    await expect.poll(async () => (await order())[0]).toBe(studyUID);
    await page.click('[data-testid=sort-ai]');
    await expect.poll(async () => (await order()).at(-1)).toBe(studyUID);
    expect(await order()).toHaveLength(2);

    await page.selectOption('[data-testid=language-switch]', 'zh-CN');
    await expect.poll(() => flags.allTextContents()).toContain('肺部病灶 ≥ 8 mm');
    expect(await rowOf(studyUID).locator('[data-testid=ai-state]').textContent()).toBe('AI 已完成');
    expect(await rowOf(studyUID).locator('.status-tag').textContent()).toBe('AI 已完成');
    await screenshot(page, 'ai-from-import-worklist-zh');
    await page.selectOption('[data-testid=language-switch]', 'en');
  });

  it('lists the findings in the viewer; choosing the one in the tumour jumps every view to it and draws its box', async () => {
    expect(analysis, 'the first test stores the analysis').toBeDefined();
    const volume = await loadSeries(SERIES_DIR);
    const truth = a0002TruthBoxes();
    const inTumour = analysis.findings.filter((f) => f.centerLPS && insideTruth(f.centerLPS, truth, volume.spacing[2]));
    process.stdout.write(`CAD findings: ${analysis.findings.length}, inside a ground-truth box: ${inTumour.length}\n`);
    expect(inTumour.length).toBeGreaterThan(0);
    const tumour: Finding = inTumour[0]!;
    const [x, y, z] = tumour.centerLPS!;

    await rowOf(analysis.studyInstanceUID).dblclick();
    await expect.poll(() => framesOf(page, 'canvas-axial'), { timeout: 60_000 }).toBeGreaterThan(0);
    const rows = page.locator('[data-testid=ai-finding]');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(analysis.findings.length);
    expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-finding-id')))).toEqual(analysis.findings.map((f) => f.id));

    /** The slice position each viewport shows ("Position: P mm"), along its normal: axial +z, coronal +y, sagittal −x. */
    const position = async (kind: string) => {
      const text = (await page.locator(`[data-testid=viewport-${kind}] [data-testid=overlay-thickness]`).locator('..').textContent()) ?? '';
      const m = /(-?[\d.]+) mm/.exec(text);
      return m ? Number(m[1]) : Number.NaN;
    };
    await page.locator(`[data-testid=ai-finding][data-finding-id="${tumour.id}"] button`).click();
    expect(await page.locator(`[data-testid=ai-finding][data-finding-id="${tumour.id}"]`).getAttribute('aria-selected')).toBe('true');
    const [dc, dr, dz] = volume.spacing;
    await expect.poll(async () => Math.abs((await position('axial')) - z), { timeout: 20_000 }).toBeLessThanOrEqual(dz / 2 + 0.05);
    // In-plane the views snap to the nearest voxel; the overlay prints one decimal.
    expect(Math.abs((await position('coronal')) - y)).toBeLessThanOrEqual(Math.max(dc, dr) / 2 + 0.05);
    expect(Math.abs((await position('sagittal')) + x)).toBeLessThanOrEqual(Math.max(dc, dr) / 2 + 0.05);
    const drawn = page.locator('[data-testid=viewport-axial] [data-testid=ai-overlay-canvas]');
    await expect.poll(async () => Number(await drawn.getAttribute('data-ai-findings')), { timeout: 20_000 }).toBeGreaterThan(0);
    await screenshot(page, 'ai-from-import-viewer');
  });
});
