// Package management end to end on a real data folder: `yingdu models install/list/verify/remove`
// through the CLI code, `models:list` through the core's dispatcher, and the hash check at
// load time refusing a tampered model with MODEL_TAMPERED. Uses the small tissue-gwm package
// built from the published weights.
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../../electron/cli/yingdu';
import { createCore } from '../../../../electron/core/core';
import { createModelSession } from '../../../../electron/core/inference/runtime/model-session';
import type { InstalledModel } from '../../../../electron/shared/model-manifest';
import { buildPackage } from '../../../../native-models/src/packages/package-builder';
import { PACKAGE_DEFINITIONS } from '../../../../native-models/src/packages/package-definitions';
import { HAS_SHARED, SHARED_MISSING_REASON, SHARED_MODELS } from '../../../support/shared-data';
import { makeTempDir } from '../../../support/temp-dir';

async function cli(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const status = await runCli(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) }, new Promise(() => {}));
  return { status, stdout, stderr };
}

function flipOneByte(file: string, at: number): void {
  const bytes = readFileSync(file);
  bytes[at] = (bytes[at] as number) ^ 0xff;
  writeFileSync(file, bytes);
}

describe.skipIf(!HAS_SHARED)(`model packages${HAS_SHARED ? '' : ` (skipped: ${SHARED_MISSING_REASON})`}`, () => {
  const temp = makeTempDir('yingdu-models-');
  const data = path.join(temp.dir, 'data');
  let packageDir = '';
  let sha = '';

  beforeAll(() => {
    const def = PACKAGE_DEFINITIONS.find((d) => d.id === 'tissue-gwm');
    if (!def) throw new Error('tissue-gwm definition missing');
    const built = buildPackage(def, SHARED_MODELS, path.join(temp.dir, 'built'));
    packageDir = built.dir;
    sha = built.manifest.sha256;
  });
  afterAll(() => temp.remove());

  it('installs a package, lists it (CLI and models:list) and is idempotent', async () => {
    const install = await cli('models', 'install', packageDir, '--data', data, '--json');
    expect(install.status, install.stderr).toBe(0);
    expect(JSON.parse(install.stdout)).toMatchObject({ installed: { id: 'tissue-gwm', version: '1.0.0', sha256: sha }, alreadyInstalled: false });
    expect(existsSync(path.join(data, 'models', 'tissue-gwm', '1.0.0', 'model.onnx'))).toBe(true);

    const again = await cli('models', 'install', packageDir, '--data', data, '--json');
    expect(JSON.parse(again.stdout).alreadyInstalled).toBe(true);

    const list = await cli('models', 'list', '--data', data, '--json');
    const models = JSON.parse(list.stdout).models as { id: string; enabled: boolean; labels: number }[];
    expect(models.map((m) => m.id)).toEqual(['tissue-gwm']);
    expect(models[0]?.labels).toBe(3);

    const core = createCore({ dataDir: data, host: 'cli' });
    try {
      const result = await core.dispatch('models:list', {});
      if (!result.ok) throw new Error(result.error.message);
      const [model] = result.value as InstalledModel[];
      expect(model?.manifest.labels.map((l) => l.name['zh-CN'])).toEqual(['背景', '白质', '灰质']);
      expect(model?.card).toContain('## Limitations');
      expect(model?.card).toContain(sha);
    } finally {
      await core.close();
    }
  });

  it('opens a verified session and reports the execution provider', async () => {
    const session = await createModelSession(path.join(data, 'models', 'tissue-gwm', '1.0.0', 'model.onnx'), sha);
    expect(['cuda', 'dml', 'coreml', 'cpu']).toContain(session.provider);
    const out = await session.run({ input: { dims: [1, 1, 8, 8, 8], data: new Float32Array(512).fill(0.5) } });
    expect(out.output?.dims).toEqual([1, 3, 8, 8, 8]);
    await session.release();
  });

  it('refuses a package whose model.onnx does not match its manifest, installing nothing', async () => {
    const bad = path.join(temp.dir, 'bad-package');
    cpSync(packageDir, bad, { recursive: true });
    flipOneByte(path.join(bad, 'model.onnx'), 5000);
    const other = path.join(temp.dir, 'data-2');
    const result = await cli('models', 'install', bad, '--data', other);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^error MODEL_TAMPERED: model\.onnx in .* does not match the checksum in its manifest/);
    expect(existsSync(path.join(other, 'models', 'tissue-gwm'))).toBe(false);
    expect(JSON.parse((await cli('models', 'list', '--data', other, '--json')).stdout).models).toEqual([]);
  });

  it('refuses an invalid manifest with MODEL_INVALID and says which field', async () => {
    const bad = path.join(temp.dir, 'bad-manifest');
    cpSync(packageDir, bad, { recursive: true });
    const manifest = JSON.parse(readFileSync(path.join(bad, 'manifest.json'), 'utf8'));
    writeFileSync(path.join(bad, 'manifest.json'), JSON.stringify({ ...manifest, id: '../../escape', experimental: 'no' }));
    const result = await cli('models', 'install', bad, '--data', path.join(temp.dir, 'data-3'));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/error MODEL_INVALID: .*id: lower-case letters/);
  });

  it('refuses a model file altered after installation, at verify and at load', async () => {
    const installed = path.join(data, 'models', 'tissue-gwm', '1.0.0', 'model.onnx');
    const original = readFileSync(installed);
    flipOneByte(installed, 4000);
    try {
      const verify = await cli('models', 'verify', 'tissue-gwm', '--data', data);
      expect(verify.status).toBe(1);
      expect(verify.stderr).toMatch(/error MODEL_TAMPERED: The installed model file of tissue-gwm@1\.0\.0 was changed after installation/);
      await expect(createModelSession(installed, sha)).rejects.toMatchObject({ code: 'MODEL_TAMPERED' });
    } finally {
      writeFileSync(installed, original);
    }
    const verified = await cli('models', 'verify', 'tissue-gwm', '--data', data, '--json');
    expect(verified.status, verified.stderr).toBe(0);
    expect(JSON.parse(verified.stdout).verified).toMatchObject({ id: 'tissue-gwm', version: '1.0.0', sha256: sha, provider: expect.stringMatching(/^(cuda|dml|coreml|cpu)$/) });
  });

  it('installs a package split at its classifier with both files hashed: a damaged or missing head.onnx is refused', async () => {
    const def = PACKAGE_DEFINITIONS.find((d) => d.id === 'atlas-dk-104');
    if (!def) throw new Error('atlas-dk-104 definition missing');
    const split = buildPackage(def, SHARED_MODELS, path.join(temp.dir, 'built'));
    expect(split.manifest.head?.file).toBe('head.onnx');
    const splitData = path.join(temp.dir, 'data-split');

    const damaged = path.join(temp.dir, 'bad-head');
    cpSync(split.dir, damaged, { recursive: true });
    flipOneByte(path.join(damaged, 'head.onnx'), 200);
    const refused = await cli('models', 'install', damaged, '--data', splitData);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/^error MODEL_TAMPERED: head\.onnx in .* does not match the checksum in its manifest/);
    const missing = path.join(temp.dir, 'no-head');
    cpSync(split.dir, missing, { recursive: true, filter: (f) => path.basename(f) !== 'head.onnx' });
    expect((await cli('models', 'install', missing, '--data', splitData)).stderr).toMatch(/error MODEL_INVALID: .* has no head\.onnx/);
    expect(existsSync(path.join(splitData, 'models', 'atlas-dk-104'))).toBe(false);

    const install = await cli('models', 'install', split.dir, '--data', splitData, '--json');
    expect(install.status, install.stderr).toBe(0);
    const head = path.join(splitData, 'models', 'atlas-dk-104', '1.0.0', 'head.onnx');
    expect(existsSync(head)).toBe(true);
    expect((await cli('models', 'verify', 'atlas-dk-104', '--data', splitData)).status).toBe(0);
    flipOneByte(head, 200);
    const verify = await cli('models', 'verify', 'atlas-dk-104', '--data', splitData);
    expect(verify.status).toBe(1);
    expect(verify.stderr).toMatch(/error MODEL_TAMPERED: head\.onnx of the installed atlas-dk-104@1\.0\.0 does not match/);
    await expect(createModelSession(head, split.manifest.head?.sha256 ?? '')).rejects.toMatchObject({ code: 'MODEL_TAMPERED' });
  });

  it('removes a model and its files; removing an unknown id is NOT_FOUND', async () => {
    const removed = await cli('models', 'remove', 'tissue-gwm', '--data', data, '--json');
    expect(JSON.parse(removed.stdout)).toEqual({ removed: [{ id: 'tissue-gwm', version: '1.0.0' }] });
    expect(existsSync(path.join(data, 'models', 'tissue-gwm'))).toBe(false);
    const again = await cli('models', 'remove', 'tissue-gwm', '--data', data);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/error NOT_FOUND: No installed model "tissue-gwm"/);
  });
});
