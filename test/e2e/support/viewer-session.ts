// The start the viewer e2e suites share: the real core and web host on a fresh data folder, one
// study imported by the real importer, and Chromium on that study's viewer (or the worklist) with
// the UI in English (the language most assertions are written in) unless the suite asks otherwise.
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openApp } from './browser';
import { importFirstStudy } from './import-study';
import { type RunningWebApp, startWebApp } from './web-app';

export interface ViewerSession {
  app: RunningWebApp;
  browser: Browser;
  page: Page;
  studyUID: string;
  seriesUID: string;
  /** Closes the browser, then the web host and core, and removes the data folder. */
  close(): Promise<void>;
}

export interface OpenOptions {
  viewport: { width: number; height: number };
  on?: 'viewer' | 'worklist';
  /** The UI language to switch to once the page is open; English unless the suite reads Chinese text. */
  language?: 'en' | 'zh-CN';
  /** Runs after the import and before the page opens (e.g. storing a fixture analysis the viewer must load). */
  beforeOpen?: (app: RunningWebApp, imported: { studyUID: string; seriesUID: string }) => void | Promise<void>;
}

export async function openImportedStudy(dir: string, options: OpenOptions): Promise<ViewerSession> {
  const app = await startWebApp();
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await app.stop();
  };
  try {
    const { studyUID, seriesUID } = await importFirstStudy(app, dir);
    await options.beforeOpen?.(app, { studyUID, seriesUID });
    browser = await launchChromium();
    const url = options.on === 'worklist' ? app.host.url : `${app.host.url}#/viewer/${studyUID}`;
    const page = await openApp(browser, url, options.viewport);
    await page.selectOption('[data-testid=language-switch]', options.language ?? 'en');
    return { app, browser, page, studyUID, seriesUID, close };
  } catch (error) {
    await close();
    throw error;
  }
}
