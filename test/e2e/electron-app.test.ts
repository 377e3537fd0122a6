// The desktop app itself, driven by Playwright's Electron support. It runs where an Electron
// binary is installed; here (offline, the binary cannot be downloaded) it is skipped and says why.
import path from 'node:path';
import { _electron as electron } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../build/scripts/electron-binary.mjs';
import { REPO_ROOT } from '../support/shared-data';
import { makeTempDir } from '../support/temp-dir';
import { TEST_RESULTS } from './support/screenshots';

const binary = findElectronBinary();
if (!binary) {
  console.log(
    'electron-app: SKIPPED — no Electron binary is installed (its installer downloads it from the internet, which this machine cannot reach). ' +
      'The same renderer and handler table are tested through the web host in app-shell.test.ts.',
  );
}

describe.skipIf(!binary)('Electron app', () => {
  const temp = makeTempDir('yingdu-electron-');
  afterAll(() => temp.remove());

  it('opens one hardened window on app://yingdu that answers app:info through the preload', async () => {
    const app = await electron.launch({
      executablePath: binary!,
      args: [REPO_ROOT],
      env: { ...process.env, YINGDU_DATA: temp.dir },
    });
    try {
      const page = await app.firstWindow();
      await page.waitForFunction(() => document.body.dataset.appReady === 'true');
      expect(page.url()).toMatch(/^app:\/\/yingdu\//);
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      expect(await page.evaluate(() => Object.keys((globalThis as unknown as { yingdu: object }).yingdu).sort())).toEqual(['invoke', 'on']);
      const info = await page.evaluate(() =>
        (globalThis as unknown as { yingdu: { invoke: (c: string, a: unknown) => Promise<unknown> } }).yingdu.invoke('app:info', {}),
      );
      expect(info).toMatchObject({ ok: true, value: { host: 'electron', dataDir: temp.dir } });
      const opened = await page.evaluate(() => globalThis.open('https://example.com') === null);
      expect(opened).toBe(true);
      expect(app.windows()).toHaveLength(1);
      await page.screenshot({ path: path.join(TEST_RESULTS, 'electron-app.png') });
    } finally {
      await app.close();
    }
  });
});
