// Manifests and labels: the schema rejects what must never ship; translations cover every label.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { modelManifestSchema } from '../../../electron/shared/model-manifest';
import { localizeLabel } from '../../../native-models/src/packages/label-names';
import { buildPackage, loadSource } from '../../../native-models/src/packages/package-builder';
import { PACKAGE_DEFINITIONS } from '../../../native-models/src/packages/package-definitions';
import { HAS_SHARED, SHARED_MODELS } from '../../support/shared-data';
import { makeTempDir } from '../../support/temp-dir';

describe('label names', () => {
  it('translates FreeSurfer and Desikan-Killiany keys with hemispheres', () => {
    expect(localizeLabel('Left-Hippocampus')['zh-CN']).toBe('左侧海马');
    expect(localizeLabel('Right-Thalamus-Proper*')['zh-CN']).toBe('右侧丘脑');
    expect(localizeLabel('ctx-rh-insula')).toEqual({ en: 'Right insula (cortex)', 'zh-CN': '右侧岛叶' });
    expect(localizeLabel('Accumbens-area').en).toBe('Nucleus accumbens');
  });
  it('refuses a label it cannot translate instead of inventing one', () => {
    expect(() => localizeLabel('Left-Mystery-Nucleus')).toThrow(/no translation/);
  });
});

describe.skipIf(!HAS_SHARED || !existsSync(SHARED_MODELS))('every package builds with a valid manifest', () => {
  const temp = makeTempDir('yingdu-packages-');
  for (const def of PACKAGE_DEFINITIONS) {
    it(def.id, () => {
      const built = buildPackage(def, SHARED_MODELS, temp.dir);
      const m = built.manifest;
      expect(modelManifestSchema.safeParse(JSON.parse(JSON.stringify(m))).success).toBe(true);
      const spec = loadSource(def, SHARED_MODELS).spec;
      expect(m.labels.length).toBe(spec.classes);
      // Widening classifiers (atlas 21 → 104, aparc 30 → 50) are split: model.onnx ends at the
      // feature map, head.onnx reads it; the others keep one graph with every class's logits.
      const widening = spec.classes > (spec.layers.at(-1)?.weight.shape[1] ?? Infinity);
      expect(Boolean(m.head)).toBe(widening);
      if (def.id === 'atlas-dk-104') expect(m.head?.sha256).toMatch(/^[0-9a-f]{64}$/);
      if (m.head) {
        expect(m.outputs[0]?.shape[1]).toBe(spec.layers.at(-1)?.weight.shape[1]);
        expect(m.head.input.shape[1]).toBe(m.outputs[0]?.shape[1]);
        expect(built.headBytes).toBe(m.head.sizeBytes);
      } else {
        expect(m.outputs[0]?.shape[1]).toBe(spec.classes);
      }
      expect(m.experimental).toBe(def.id.includes('experimental'));
      if (m.experimental) expect(m.enabledByDefault).toBe(false);
      expect(Object.keys(m.provenance.sourceSha256).length).toBeGreaterThanOrEqual(2);
    });
  }
  it('the tfjs and safetensors releases of the robust subcortical model give identical layers', () => {
    // brainchop published the same weights twice; reading both through different readers (and
    // the Keras kernel transpose) must give the same MeshNet, value for value.
    const byId = (id: string) => loadSource(PACKAGE_DEFINITIONS.find((d) => d.id === id) as (typeof PACKAGE_DEFINITIONS)[number], SHARED_MODELS).spec;
    const a = byId('subcortical-18');
    const b = byId('subcortical-18-tfjs');
    expect(b.layers.length).toBe(a.layers.length);
    a.layers.forEach((layer, i) => {
      const other = b.layers[i];
      expect(other?.weight.shape).toEqual(layer.weight.shape);
      expect(other?.dilation).toBe(layer.dilation);
      expect(other?.padding).toBe(layer.padding);
      expect(other?.activation).toBe(layer.activation);
      expect(Buffer.from((other?.weight.data ?? new Float32Array()).buffer).equals(Buffer.from(layer.weight.data.buffer))).toBe(true);
      expect(Array.from(other?.bias ?? [])).toEqual(Array.from(layer.bias ?? []));
    });
  });
  it('the schema refuses an experimental model enabled by default and an id that is a path', () => {
    const def = PACKAGE_DEFINITIONS.find((d) => d.experimental);
    if (!def) throw new Error('no experimental package');
    const m = buildPackage(def, SHARED_MODELS, temp.dir).manifest;
    expect(modelManifestSchema.safeParse({ ...m, enabledByDefault: true }).success).toBe(false);
    expect(modelManifestSchema.safeParse({ ...m, id: '../evil' }).success).toBe(false);
    temp.remove();
  });
});
