import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from '../../support/shared-data';

export const TEST_RESULTS = path.join(REPO_ROOT, 'test-results');

/** Writes `test-results/NAME.png` and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(TEST_RESULTS, { recursive: true });
  const file = path.join(TEST_RESULTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
