// The renderer shell in real Chromium against the real web host: loads, shows what `app:info`
// returns, switches and remembers the language, lists shortcuts, reports a lost connection.
import { statSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openApp } from './support/browser';
import { screenshot } from './support/screenshots';
import { type RunningWebApp, startWebApp } from './support/web-app';

describe('app shell (web host + Chromium)', () => {
  let app: RunningWebApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await startWebApp();
    browser = await launchChromium();
    page = await openApp(browser, app.host.url);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('drops the token from the address bar after the first load', () => {
    expect(page.url()).not.toContain('token=');
  });

  it('opens on the worklist route in Chinese by default', async () => {
    await expect.poll(() => page.locator('[data-testid=worklist-page] h1').textContent()).toBe('工作列表');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
  });

  it('shows the ONNX Runtime version and providers from app:info in About', async () => {
    await page.click('[data-testid=open-about]');
    const panel = page.locator('[data-testid=about-panel]');
    await expect.poll(() => panel.textContent()).toContain(app.core.layout.root);
    const text = (await panel.textContent()) ?? '';
    const { version } = (await import('onnxruntime-node/package.json', { with: { type: 'json' } })).default;
    expect(text).toContain('ONNX Runtime');
    expect(text).toContain(version);
    expect(text).toContain('cpu');
    await screenshot(page, 'about-panel');
    await page.keyboard.press('Escape');
    await expect.poll(() => panel.count()).toBe(0);
  });

  it('switches language with the selector and keeps it after a reload', async () => {
    await page.selectOption('[data-testid=language-switch]', 'en');
    await expect.poll(() => page.locator('[data-testid=worklist-page] h1').textContent()).toBe('Worklist');
    expect(await page.locator('[data-testid=nav-viewer]').textContent()).toBe('Viewer');
    const file = await screenshot(page, 'app-shell-en');
    expect(statSync(file).size).toBeGreaterThan(5_000);

    await page.reload();
    await page.waitForFunction(() => document.body.dataset.appReady === 'true');
    await expect.poll(() => page.locator('[data-testid=worklist-page] h1').textContent()).toBe('Worklist');
  });

  it('switches language from the keyboard (Alt+L) and lists shortcuts on ?', async () => {
    await page.keyboard.press('Alt+L');
    await expect.poll(() => page.locator('[data-testid=worklist-page] h1').textContent()).toBe('工作列表');
    await page.keyboard.press('?');
    const help = page.locator('[data-testid=help-overlay]');
    await expect.poll(() => help.textContent()).toContain('键盘快捷键');
    expect(await help.textContent()).toContain('切换语言');
    await screenshot(page, 'help-overlay-zh');
    await page.keyboard.press('Escape');
    await expect.poll(() => help.count()).toBe(0);
  });

  it('routes to the viewer and back from the keyboard', async () => {
    await page.keyboard.press('Alt+2');
    await expect.poll(() => page.locator('[data-testid=viewer-page]').count()).toBe(1);
    expect(page.url()).toContain('#/viewer');
    await page.keyboard.press('Alt+1');
    await expect.poll(() => page.locator('[data-testid=worklist-page]').count()).toBe(1);
  });

  it('shows a lost connection in the error area, in the current language', async () => {
    await app.host.close();
    const area = page.locator('[data-testid=error-area]');
    await expect.poll(() => area.textContent()).toContain('服务暂不可用');
    expect(await area.getAttribute('role')).toBe('alert');
    expect(await area.locator('[data-code=UNAVAILABLE]').count()).toBeGreaterThan(0);
    await screenshot(page, 'error-area-zh');
  });
});
