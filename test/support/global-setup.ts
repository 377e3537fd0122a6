// Runs once before any test file: builds the bundles the CLI, worker and e2e tests execute,
// so no test file rebuilds dist/ while another one is reading it. Outside CI a failed build
// only warns (tests that need dist/ then fail on their own), so unit tests stay usable mid-edit.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './shared-data';

export default function buildOnce(): void {
  if (process.env.YINGDU_SKIP_TEST_BUILD === '1') return;
  try {
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'build', 'scripts', 'build.mjs')], { cwd: REPO_ROOT, stdio: 'inherit' });
  } catch (error) {
    if (process.env.CI) throw error;
    console.warn('global-setup: the build failed; tests that run dist/ will fail. (CI treats this as an error.)');
  }
}
