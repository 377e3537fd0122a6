// The Models panel's requests through the core's handler table (zod validation included) on a
// real data folder: `models:install` from a package folder built by the project's package builder
// from the published weights (the experimental T2 stroke package), a tampered copy refused with
// the hash error and nothing installed, the experimental lock on `models:setEnabled`, and
// `models:remove`.
import { cpSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Core, createCore } from '../../../../../electron/core/core';
import type { ArgsOf, RequestChannel, ResultOf } from '../../../../../electron/shared/contract';
import type { ModelManifest } from '../../../../../electron/shared/model-manifest';
import type { Result } from '../../../../../electron/shared/result';
import { MAX_PACKAGE_PATH_LENGTH } from '../../../../../electron/shared/model-requests';
import { buildPackage } from '../../../../../native-models/src/packages/package-builder';
import { PACKAGE_DEFINITIONS } from '../../../../../native-models/src/packages/package-definitions';
import { HAS_SHARED, SHARED_MISSING_REASON, SHARED_MODELS } from '../../../../support/shared-data';
import { makeTempDir } from '../../../../support/temp-dir';

describe.skipIf(!HAS_SHARED)(`models:install / setEnabled / remove${HAS_SHARED ? '' : ` (skipped: ${SHARED_MISSING_REASON})`}`, () => {
  const temp = makeTempDir('yingdu-model-requests-');
  const dataDir = path.join(temp.dir, 'data');
  let core: Core;
  let packageDir = '';
  let manifest: ModelManifest;

  beforeAll(() => {
    const def = PACKAGE_DEFINITIONS.find((d) => d.experimental);
    if (!def) throw new Error('no experimental package definition');
    const built = buildPackage(def, SHARED_MODELS, path.join(temp.dir, 'built'));
    packageDir = built.dir;
    manifest = built.manifest;
    core = createCore({ dataDir, host: 'web' });
  });
  afterAll(async () => {
    await core?.close();
    temp.remove();
  });

  /** The dispatcher typed by the contract (the core's own signature takes unknown: it validates). */
  const ask = <C extends RequestChannel>(channel: C, args: ArgsOf<C>) => core.dispatch(channel, args) as Promise<Result<ResultOf<C>>>;
  const modelsDir = () => path.join(dataDir, 'models');

  it('refuses a tampered package with the hash error and installs nothing', async () => {
    const bad = path.join(temp.dir, 'tampered');
    cpSync(packageDir, bad, { recursive: true });
    const onnx = path.join(bad, 'model.onnx');
    const bytes = readFileSync(onnx);
    bytes[bytes.length >> 1] = (bytes[bytes.length >> 1] as number) ^ 0xff;
    writeFileSync(onnx, bytes);
    const result = await ask('models:install', { folder: bad });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('MODEL_TAMPERED');
    expect(result.error.message).toMatch(/^model\.onnx in .* does not match the checksum in its manifest .*get the package again from its source\.$/);
    const list = await ask('models:list', {});
    expect(list.ok && list.value).toEqual([]);
    expect(existsSync(path.join(modelsDir(), manifest.id))).toBe(false);
  });

  it('validates the folder argument before touching the disk', async () => {
    for (const folder of ['relative/package', `${packageDir}\0x`, `/${'a'.repeat(MAX_PACKAGE_PATH_LENGTH)}`, '']) {
      const result = await ask('models:install', { folder });
      expect(result.ok ? 'ok' : result.error.code, JSON.stringify(folder.slice(0, 40))).toBe('INVALID_ARGUMENT');
    }
    const notAPackage = await ask('models:install', { folder: temp.dir });
    expect(notAPackage.ok ? 'ok' : notAPackage.error.code).toBe('MODEL_INVALID');
  });

  it('installs from the folder, lists it with its card, and is idempotent', async () => {
    const result = await ask('models:install', { folder: packageDir });
    expect(result).toEqual({ ok: true, value: { id: manifest.id, version: manifest.version, alreadyInstalled: false } });
    const again = await ask('models:install', { folder: packageDir });
    expect(again.ok && again.value.alreadyInstalled).toBe(true);
    const list = await ask('models:list', {});
    if (!list.ok) throw new Error(list.error.message);
    expect(list.value.map((m) => [m.manifest.id, m.manifest.version, m.manifest.sha256, m.enabled])).toEqual([[manifest.id, manifest.version, manifest.sha256, false]]);
    expect(list.value[0]?.card).toBe(readFileSync(path.join(packageDir, 'MODEL_CARD.md'), 'utf8'));
  });

  it('keeps an experimental model off while experimental models are off, and lets it on once they are allowed', async () => {
    const refused = await ask('models:setEnabled', { modelId: manifest.id, enabled: true });
    expect(refused.ok ? 'ok' : refused.error.code).toBe('EXPERIMENTAL_DISABLED');
    const still = await ask('models:list', {});
    expect(still.ok && still.value[0]?.enabled).toBe(false);

    expect((await ask('prefs:set', { aiExperimental: true })).ok).toBe(true);
    const enabled = await ask('models:setEnabled', { modelId: manifest.id, enabled: true });
    expect(enabled.ok && enabled.value.map((m) => m.enabled)).toEqual([true]);
    // Switching off is always allowed, even after experimental models are turned off again.
    expect((await ask('prefs:set', { aiExperimental: false })).ok).toBe(true);
    const off = await ask('models:setEnabled', { modelId: manifest.id, enabled: false });
    expect(off.ok && off.value.map((m) => m.enabled)).toEqual([false]);
  });

  it('removes the version and its files; a second removal is NOT_FOUND', async () => {
    const removed = await ask('models:remove', { modelId: manifest.id, version: manifest.version });
    expect(removed).toEqual({ ok: true, value: { removed: [{ id: manifest.id, version: manifest.version }] } });
    expect(existsSync(path.join(modelsDir(), manifest.id))).toBe(false);
    expect(readdirSync(modelsDir())).toEqual([]);
    const list = await ask('models:list', {});
    expect(list.ok && list.value).toEqual([]);
    const again = await ask('models:remove', { modelId: manifest.id });
    expect(again.ok ? 'ok' : again.error.code).toBe('NOT_FOUND');
    const badId = await ask('models:remove', { modelId: '../escape' });
    expect(badId.ok ? 'ok' : badId.error.code).toBe('INVALID_ARGUMENT');
  });
});
