// Proves the boundary rules fire: each deliberately bad import is linted as if it lived at the
// given path, and must produce a no-restricted-imports error.
import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

async function restrictedImportErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('runtime boundaries', () => {
  const bad: [string, string, string][] = [
    ['renderer/src/bad-node.ts', "import fs from 'node:fs';\nexport const x = fs;", 'no Node built-ins'],
    ['renderer/src/bad-node-bare.ts', "import { readFileSync } from 'fs';\nexport const x = readFileSync;", 'no Node built-ins'],
    ['renderer/src/bad-core.ts', "import { createCore } from '../../electron/core/core';\nexport const x = createCore;", 'only electron/shared'],
    ['renderer/src/bad-server.ts', "import { startWebHost } from '../../electron/server/web-host';\nexport const x = startWebHost;", 'only electron/shared'],
    ['electron/core/bad-electron.ts', "import { app } from 'electron';\nexport const x = app;", 'Only electron/main may import Electron'],
    ['electron/shared/bad-electron.ts', "import { app } from 'electron';\nexport const x = app;", 'Only electron/main may import Electron'],
    ['electron/shared/bad-fs.ts', "import fs from 'node:fs';\nexport const x = fs;", 'cannot use Node built-ins'],
    ['electron/core/app/bad-sqlite.ts', "import Database from 'better-sqlite3';\nexport const x = Database;", 'Only electron/core/store'],
    ['electron/server/bad-sqlite.ts', "import Database from 'better-sqlite3';\nexport const x = Database;", 'Only electron/core/store'],
    ['electron/core/store/bad-ort.ts', "import * as ort from 'onnxruntime-node';\nexport const x = ort;", 'Only electron/core/inference/runtime'],
    ['electron/main/bad-ort.ts', "import * as ort from 'onnxruntime-node';\nexport const x = ort;", 'Only electron/core/inference/runtime'],
    ['renderer/src/bad-ort.ts', "import * as ort from 'onnxruntime-node';\nexport const x = ort;", 'Only electron/core/inference/runtime'],
  ];

  it.each(bad)('%s is an error', async (file, code, expected) => {
    const errors = await restrictedImportErrors(file, code);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).toContain(expected);
  });

  const good: [string, string][] = [
    ['renderer/src/good.ts', "import { requests } from '../../electron/shared/contract';\nexport const x = requests;"],
    ['electron/core/store/good.ts', "import Database from 'better-sqlite3';\nexport const x = Database;"],
    ['electron/core/inference/runtime/good.ts', "import * as ort from 'onnxruntime-node';\nexport const x = ort;"],
    ['electron/main/good.ts', "import { app } from 'electron';\nexport const x = app;"],
    ['electron/core/good-fs.ts', "import fs from 'node:fs';\nexport const x = fs;"],
  ];

  it.each(good)('%s is allowed', async (file, code) => {
    expect(await restrictedImportErrors(file, code)).toEqual([]);
  });
});
