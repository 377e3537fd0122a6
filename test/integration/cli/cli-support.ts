// Runs the real bundled CLI (bin/yingdu.cjs → dist/cli.cjs, built by the global test setup).
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '../../support/shared-data';

export const YINGDU_BIN = path.join(REPO_ROOT, 'bin', 'yingdu.cjs');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runYingdu(args: string[], env: NodeJS.ProcessEnv = {}): CliRun {
  const result = spawnSync(process.execPath, [YINGDU_BIN, ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function spawnYingdu(args: string[]) {
  return spawn(process.execPath, [YINGDU_BIN, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
}
