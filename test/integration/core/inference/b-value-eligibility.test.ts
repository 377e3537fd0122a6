// b-value eligibility at enqueue: the stroke package accepts only diffusion series with b≈0 and
// b=1000 images. The real Philips DWI (b=0, twelve b=1000 directions, four near-zero b) is
// queued by auto-run and by an explicit request; a derived copy of the same 547 files whose
// b=1000 images were relabelled b=500 by pydicom (Diffusion b-value (0018,9087) and Philips'
// private b-factor (2001,1003) rewritten, pixels untouched) is not queued by auto-run, and an
// explicit request is refused with NOT_ELIGIBLE naming the missing b-value. The cores here are CLI
// hosts, which keep jobs queued without running them (the pipeline's own run is tested elsewhere);
// `queueEligible` is what the host's auto-run calls on "import finished".
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Core, createCore } from '../../../../electron/core/core';
import { buildPackage } from '../../../../native-models/src/packages/package-builder';
import { PACKAGE_DEFINITIONS } from '../../../../native-models/src/packages/package-definitions';
import { STROKE_DWI_CORE_PACKAGE } from '../../../../native-models/src/stroke/stroke-dwi-core-package';
import { pydicomPython, runPydicomJson } from '../../../support/pydicom';
import { HAS_SHARED, SHARED_MISSING_REASON, SHARED_MODELS, sharedData } from '../../../support/shared-data';
import { makeTempDir } from '../../../support/temp-dir';
import { importInto } from '../import/import-into';

const DWI_DIR = sharedData('mr-brain-dwi-philips');
const RUN = HAS_SHARED && pydicomPython() !== null;

const RELABEL_B = `
import json, os, sys
import pydicom, pydicom.errors
src, out, new_b = sys.argv[1], sys.argv[2], float(sys.argv[3])
os.makedirs(out, exist_ok=True)
written, changed = 0, 0
for name in sorted(os.listdir(src)):
    try:
        ds = pydicom.dcmread(os.path.join(src, name))
    except pydicom.errors.InvalidDicomError:
        continue
    hit = []
    def relabel(dataset, element):
        if element.tag in (0x00189087, 0x20011003) and element.VM == 1 and float(element.value) > 900:
            element.value = new_b
            hit.append(1)
    ds.walk(relabel)
    changed += 1 if hit else 0
    ds.save_as(os.path.join(out, name))
    written += 1
print(json.dumps({"written": written, "changed": changed}))
`;

describe.skipIf(!RUN)(`b-value eligibility at enqueue${RUN ? '' : ` (skipped: ${HAS_SHARED ? 'pydicom missing' : SHARED_MISSING_REASON})`}`, () => {
  const temp = makeTempDir('yingdu-bvalues-');
  const cores: Core[] = [];

  /** A CLI-host core on a fresh data folder holding `series`, with the stroke package (enabled) and its mindgrab dependency installed. */
  async function coreWith(name: string, series: string): Promise<{ core: Core; seriesUID: string }> {
    const dataDir = path.join(temp.dir, name);
    await importInto(dataDir, [series]);
    const core = createCore({ dataDir, host: 'cli' });
    cores.push(core);
    const packages = path.join(temp.dir, 'packages');
    const mindgrab = PACKAGE_DEFINITIONS.find((d) => d.id === 'brain-mask-mindgrab');
    if (!mindgrab) throw new Error('brain-mask-mindgrab definition missing');
    core.models.install(buildPackage(mindgrab, SHARED_MODELS, packages).dir);
    core.models.install(STROKE_DWI_CORE_PACKAGE.build(packages).dir);
    // Off by default; enabled as \`yingdu models enable\` does, so auto-run considers it.
    core.models.setEnabled('stroke-dwi-core', true);
    const row = core.db.prepare("SELECT series_instance_uid AS uid FROM series WHERE modality = 'MR'").get() as { uid: string };
    return { core, seriesUID: row.uid };
  }

  beforeAll(() => {
    const relabelled = runPydicomJson<{ written: number; changed: number }>(RELABEL_B, [DWI_DIR, path.join(temp.dir, 'dwi-b500'), '500']);
    // 12 directions × 32 slices carry b=1000.
    expect(relabelled).toEqual({ written: 547, changed: 384 });
  });

  afterAll(async () => {
    for (const core of cores) await core.close();
    temp.remove();
  });

  it('queues the real Philips DWI (b=0 and b=1000) by auto-run and by request', async () => {
    const { core, seriesUID } = await coreWith('eligible', DWI_DIR);
    const queued = core.jobs.queueEligible();
    expect(queued.map((j) => [j.seriesInstanceUID === seriesUID, j.modelId, j.state])).toEqual([[true, 'stroke-dwi-core', 'queued']]);
    const again = await core.dispatch('ai:enqueue', { seriesInstanceUID: seriesUID, modelId: 'stroke-dwi-core' });
    expect(again.ok && (again.value as { id: number }).id).toBe(queued[0]!.id);
  });

  it('does not queue a DWI without b=1000 images, and refuses an explicit request with NOT_ELIGIBLE naming the missing b-value', async () => {
    const { core, seriesUID } = await coreWith('b500', path.join(temp.dir, 'dwi-b500'));
    expect(core.jobs.queueEligible()).toEqual([]);
    const refused = await core.dispatch('ai:enqueue', { seriesInstanceUID: seriesUID, modelId: 'stroke-dwi-core' });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('NOT_ELIGIBLE');
    expect(refused.error.message).toContain('no b=1000 s/mm² images (its b-values are 0, 500 s/mm²)');
    expect(refused.error.message).toContain('needs b=0 and b=1000 s/mm²');
    expect(core.jobs.list()).toEqual([]);
  });
});
