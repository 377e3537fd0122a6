// The start the viewer e2e suites share: the real core and web host on a fresh data folder, one
// study imported by the real importer, and Chromium on that study's viewer (or the worklist) with
// the UI in English, the language their assertions are written in.
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

export async function openImportedStudy(dir: string, options: { viewport: { width: number; height: number }; on?: 'viewer' | 'worklist' }): Promise<ViewerSession> {
  const app = await startWebApp();
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await app.stop();
  };
  try {
    const { studyUID, seriesUID } = await importFirstStudy(app, dir);
    browser = await launchChromium();
    const url = options.on === 'worklist' ? app.host.url : `${app.host.url}#/viewer/${studyUID}`;
    const page = await openApp(browser, url, options.viewport);
    await page.selectOption('[data-testid=language-switch]', 'en');
    return { app, browser, page, studyUID, seriesUID, close };
  } catch (error) {
    await close();
    throw error;
  }
}
