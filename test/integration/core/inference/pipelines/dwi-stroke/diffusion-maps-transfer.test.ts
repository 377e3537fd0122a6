// The trace/ADC step under the job service's runner contract (pipeline.ts: input buffers are
// transferred to the inference worker, so they are detached afterwards). S0 is needed again for
// the brain mask, so it must survive the run: before the fix, a stroke job on the real Philips
// DWI failed with "the image has no intensity range to normalise" because mindgrab got the
// detached, empty S0. Real volumes from ../shared, the real stroke graph in ONNX Runtime; the
// runner moves its inputs with structuredClone + transfer, as the worker client does.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeDiffusionMaps } from '../../../../../../electron/core/inference/pipelines/dwi-stroke/diffusion-maps';
import { selectDiffusionShells } from '../../../../../../electron/core/inference/pipelines/dwi-stroke/diffusion-shells';
import type { ModelRunner } from '../../../../../../electron/core/inference/pipelines/pipeline';
import { type ModelSession, createModelSession } from '../../../../../../electron/core/inference/runtime/model-session';
import { assembleVolumes } from '../../../../../../electron/core/volumes/volume-assembly';
import { STROKE_DWI_CORE_PACKAGE, STROKE_THRESHOLDS } from '../../../../../../native-models/src/stroke/stroke-dwi-core-package';
import { HAS_SHARED, SHARED_MISSING_REASON, sharedData } from '../../../../../support/shared-data';
import { makeTempDir } from '../../../../../support/temp-dir';

const DWI_DIR = sharedData('mr-brain-dwi-philips');

describe.skipIf(!HAS_SHARED)(`trace/ADC with transferred inputs${HAS_SHARED ? '' : ` (skipped: ${SHARED_MISSING_REASON})`}`, () => {
  const temp = makeTempDir('yingdu-dwi-transfer-');
  let session: ModelSession;
  let runner: ModelRunner;

  beforeAll(async () => {
    const built = STROKE_DWI_CORE_PACKAGE.build(temp.dir);
    session = await createModelSession(path.join(built.dir, 'model.onnx'), built.manifest.sha256, { providers: ['cpu'] });
    runner = {
      manifest: () => built.manifest,
      run: async (_id, inputs) => {
        const moved = structuredClone(inputs, { transfer: Object.values(inputs).map((t) => t.data.buffer as ArrayBuffer) });
        return { outputs: await session.run(moved), provider: session.provider };
      },
    };
  });

  afterAll(async () => {
    await session?.release();
    temp.remove();
  });

  it('leaves S0 intact for the brain mask after the maps are computed', async () => {
    const names = readdirSync(DWI_DIR).filter((n) => n.startsWith('IM_'));
    const volumes = await assembleVolumes(names.map((n) => new Uint8Array(readFileSync(path.join(DWI_DIR, n)))));
    const shells = selectDiffusionShells(volumes, STROKE_THRESHOLDS);
    const before = shells.s0.slice();
    const maps = await computeDiffusionMaps(runner, 'stroke-dwi-core', shells);
    expect(maps.adc.length).toBe(before.length);
    expect(shells.s0.length).toBe(before.length);
    expect(shells.s0).toEqual(before);
  });
});
