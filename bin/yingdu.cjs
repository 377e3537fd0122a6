#!/usr/bin/env node
// Launcher for `npx yingdu …`: runs the bundled CLI, building it first on a fresh checkout.
'use strict';
const { existsSync } = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.join(__dirname, '..');
const cli = path.join(root, 'dist', 'cli.cjs');
if (!existsSync(cli)) {
  process.stderr.write('yingdu: first run, building the workstation (npm run build)…\n');
  const built = spawnSync(process.execPath, [path.join(root, 'build', 'scripts', 'build.mjs')], {
    cwd: root,
    stdio: ['ignore', 2, 2], // keep stdout clean for --json
  });
  if (built.status !== 0) {
    process.stderr.write('error INTERNAL: the build failed; run `npm ci` and `npm run build` and read their output.\n');
    process.exit(1);
  }
}
require(cli);
