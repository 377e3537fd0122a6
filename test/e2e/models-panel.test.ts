// The Models panel in Chromium against the web host, with packages built by the project's package
// builder from the published weights in ../shared/models: a tampered copy is refused with the hash
// sentence and nothing is installed; the tissue package is installed from its typed folder path,
// listed with its card (opened with Enter), switched on with Space and off with a click; the
// experimental stroke package shows why it cannot be switched on; in Chinese the list shows the
// Chinese names; removal asks first and deletes the files.
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InstalledModel, ModelManifest } from '../../electron/shared/model-manifest';
import { buildPackage } from '../../native-models/src/packages/package-builder';
import { PACKAGE_DEFINITIONS } from '../../native-models/src/packages/package-definitions';
import { HAS_SHARED, SHARED_MISSING_REASON, SHARED_MODELS } from '../support/shared-data';
import { makeTempDir } from '../support/temp-dir';
import { HAS_CHROMIUM, launchChromium, openApp } from './support/browser';
import { screenshot } from './support/screenshots';
import { type RunningWebApp, startWebApp } from './support/web-app';

const RUN = HAS_SHARED && HAS_CHROMIUM;

describe.skipIf(!RUN)(`models panel${RUN ? '' : ` — skipped: ${HAS_SHARED ? 'no Chromium' : SHARED_MISSING_REASON}`}`, () => {
  const temp = makeTempDir('yingdu-models-panel-');
  let app: RunningWebApp;
  let browser: Browser;
  let page: Page;
  const built: Record<'tissue' | 'experimental', { dir: string; manifest: ModelManifest }> = {} as never;
  let tampered = '';

  const keyOf = (m: ModelManifest) => `${m.id}@${m.version}`;
  const installed = async (): Promise<InstalledModel[]> => {
    const result = await app.core.dispatch('models:list', {});
    if (!result.ok) throw new Error(result.error.message);
    return result.value as InstalledModel[];
  };
  const installFrom = async (folder: string) => {
    await page.fill('[data-testid=model-install-folder]', folder);
    await page.click('[data-testid=model-install-submit]');
  };

  beforeAll(async () => {
    const out = path.join(temp.dir, 'media');
    for (const [slot, def] of [
      ['tissue', PACKAGE_DEFINITIONS.find((d) => d.id === 'tissue-gwm')],
      ['experimental', PACKAGE_DEFINITIONS.find((d) => d.experimental)],
    ] as const) {
      if (!def) throw new Error(`package definition for ${slot} missing`);
      built[slot] = buildPackage(def, SHARED_MODELS, out);
    }
    tampered = path.join(temp.dir, 'tampered');
    cpSync(built.tissue.dir, tampered, { recursive: true });
    const onnx = readFileSync(path.join(tampered, 'model.onnx'));
    onnx[onnx.length >> 1] = (onnx[onnx.length >> 1] as number) ^ 0xff;
    writeFileSync(path.join(tampered, 'model.onnx'), onnx);

    app = await startWebApp();
    browser = await launchChromium();
    page = await openApp(browser, app.host.url, { width: 1400, height: 1000 });
    await page.selectOption('[data-testid=language-switch]', 'en');
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    temp.remove();
  });

  it('opens with Alt+M and refuses a tampered package with the hash sentence, installing nothing', async () => {
    await page.keyboard.press('Alt+M');
    await page.locator('[data-testid=models-panel]').waitFor();
    await installFrom(tampered);
    const error = page.locator('[data-testid=model-install-error]');
    await error.waitFor();
    expect(await error.getAttribute('data-code')).toBe('MODEL_TAMPERED');
    expect(await error.textContent()).toMatch(/model\.onnx in .*tampered does not match the checksum in its manifest/);
    expect(await installed()).toEqual([]);
    expect(existsSync(path.join(app.dataDir, 'models', built.tissue.manifest.id))).toBe(false);
  });

  it('installs from the typed folder and lists the model with its facts and its card', async () => {
    const m = built.tissue.manifest;
    await installFrom(built.tissue.dir);
    await page.locator('[data-testid=model-install-done]').waitFor();
    const row = page.locator(`[data-testid="model-row-${keyOf(m)}"]`);
    await row.waitFor();
    expect(await page.textContent(`[data-testid="model-name-${keyOf(m)}"]`)).toBe(m.name.en);
    const text = (await row.textContent()) ?? '';
    for (const fact of [m.id, m.version, m.intendedUse.en, m.license.spdx, 'Segmentation', '3-D volume segmentation']) expect(text).toContain(fact);
    expect(await page.getAttribute(`[data-testid="model-sha-${keyOf(m)}"]`, 'title')).toBe(m.sha256);
    expect(await row.locator('.model-legend li').allTextContents()).toEqual(m.labels.filter((l) => !l.hidden).map((l) => l.name.en));

    await page.focus('[data-testid=model-list]');
    await page.keyboard.press('Enter');
    const card = page.locator('[data-testid=model-card-text]');
    await card.waitFor();
    expect(await card.locator('h5', { hasText: 'Limitations' }).count()).toBe(1);
    expect(await card.locator('tbody tr').count()).toBe(m.labels.length);
    expect(await card.textContent()).toContain(m.sha256);
  });

  it('switches the model on with Space and off with a click', async () => {
    const m = built.tissue.manifest;
    const toggle = page.locator(`[data-testid="model-enabled-${keyOf(m)}"]`);
    expect(await toggle.isChecked()).toBe(false);
    await page.focus('[data-testid=model-list]');
    await page.keyboard.press(' ');
    await expect.poll(() => toggle.isChecked()).toBe(true);
    expect((await installed()).find((x) => x.manifest.id === m.id)?.enabled).toBe(true);
    await toggle.click();
    await expect.poll(() => toggle.isChecked()).toBe(false);
    expect((await installed()).find((x) => x.manifest.id === m.id)?.enabled).toBe(false);
  });

  it('says why an experimental model cannot be switched on, and shows Chinese names in zh-CN', async () => {
    const x = built.experimental.manifest;
    await installFrom(built.experimental.dir);
    await page.locator(`[data-testid="model-enable-blocked-${keyOf(x)}"]`).waitFor();
    expect(await page.isDisabled(`[data-testid="model-enabled-${keyOf(x)}"]`)).toBe(true);

    // The new install is selected; ↓ moves to the other model (sorted by id: the stroke package first).
    const rows = page.locator('[data-testid=model-list] > li');
    expect(await rows.evaluateAll((els) => els.map((el) => el.getAttribute('aria-selected')))).toEqual(['true', 'false']);
    await page.focus('[data-testid=model-list]');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => rows.evaluateAll((els) => els.map((el) => el.getAttribute('aria-selected')))).toEqual(['false', 'true']);
    await page.keyboard.press('Alt+L');
    const tissueName = page.locator(`[data-testid="model-name-${keyOf(built.tissue.manifest)}"]`);
    await expect.poll(() => tissueName.textContent()).toBe(built.tissue.manifest.name['zh-CN']);
    expect(await page.textContent(`[data-testid="model-name-${keyOf(x)}"]`)).toBe(x.name['zh-CN']);
    expect(await page.textContent(`[data-testid="model-enable-blocked-${keyOf(x)}"]`)).toContain('实验性');
    await screenshot(page, 'models-panel-zh-CN');
  });

  it('removes a model only after confirmation, with its files', async () => {
    const m = built.tissue.manifest;
    await page.click(`[data-testid="model-remove-${keyOf(m)}"]`);
    expect((await installed()).map((i) => i.manifest.id)).toContain(m.id);
    await page.click(`[data-testid="model-remove-confirm-${keyOf(m)}"]`);
    await page.locator(`[data-testid="model-row-${keyOf(m)}"]`).waitFor({ state: 'detached' });
    expect((await installed()).map((i) => i.manifest.id)).toEqual([built.experimental.manifest.id]);
    expect(existsSync(path.join(app.dataDir, 'models', m.id))).toBe(false);
  });
});
