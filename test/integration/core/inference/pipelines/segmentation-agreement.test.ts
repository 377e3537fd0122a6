// Our whole segmentation pipeline vs an independent PyTorch execution of the original weights.
// Ours: the T1 sample as a DICOM series (TEST WRAPPER, t1-test-series.ts) → import → job →
// conform → percentile normalisation → ONNX Runtime → argmax → inverse conform → labels on the
// series grid. Reference: numpy prepares the same cube from the NIfTI (conformed_input.py), the
// network is built in torch.nn from the published files (meshnet_reference.py). The model is
// tissue-gwm as a TEST VARIANT conformed to the central 128³ (1 mm) instead of 256³, so PyTorch's
// slow CPU dilated convolution fits CI; the variant keeps the flip test, checked here too.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Core, createCore } from '../../../../../electron/core/core';
import { analysisBulkResponse } from '../../../../../electron/core/inference/jobs/analysis-bulk';
import { applyAffine3x4, indexToPatient, patientToIndex } from '../../../../../electron/core/inference/pipelines/conform/voxel-grid';
import type { AnalysisResult } from '../../../../../electron/shared/ai-results';
import { bulkAnalysisPath } from '../../../../../electron/shared/ai-results';
import { HAS_SHARED, REPO_ROOT, SHARED_MISSING_REASON, sharedModels } from '../../../../support/shared-data';
import { makeTempDir } from '../../../../support/temp-dir';
import { buildModel, importT1, T1_SAMPLE, type WrittenSeries } from './t1-test-series';

const SIZE = 128;
const hasTorch = (() => {
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import torch'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!HAS_SHARED || !hasTorch)(`segmentation pipeline vs PyTorch${HAS_SHARED ? (hasTorch ? '' : ' (skipped: python3-torch missing)') : ` (skipped: ${SHARED_MISSING_REASON})`}`, () => {
  const temp = makeTempDir('yingdu-segagree-');
  const data = path.join(temp.dir, 'data');
  let series: WrittenSeries;
  let core: Core;

  beforeAll(async () => {
    series = await importT1(data, path.join(temp.dir, 'dicom'));
    core = createCore({ dataDir: data, host: 'web', aiAutoRun: false });
    core.models.install(
      buildModel('tissue-gwm', temp.dir, (m) => {
        m.id = 'tissue-gwm-crop-test';
        m.preprocessing = m.preprocessing.map((s) => (s.op === 'conform' ? { ...s, size: SIZE } : s));
      }),
    );
  }, 120_000);
  afterAll(async () => {
    await core?.close();
    temp.remove();
  });

  it('agrees with PyTorch on ≥ 99 % of voxels and reports a flip-test uncertainty per structure', async () => {
    const seriesUID = (core.db.prepare('SELECT series_instance_uid AS uid FROM series').get() as { uid: string }).uid;
    const queued = await core.dispatch('ai:enqueue', { seriesInstanceUID: seriesUID, modelId: 'tissue-gwm-crop-test' });
    expect(queued.ok).toBe(true);
    await core.jobs.idle();
    const listed = await core.dispatch('ai:results', { seriesInstanceUID: seriesUID });
    if (!listed.ok) throw new Error(listed.error.message);
    const analysis = (listed.value as AnalysisResult[])[0];
    if (!analysis) throw new Error(`no analysis: ${JSON.stringify(core.jobs.list()[0])}`);
    const ours = new Uint8Array(await (await analysisBulkResponse(core.jobs.analyses, data, bulkAnalysisPath(analysis.analysisId, 0))).arrayBuffer());

    // Reference labels on the central cube, NIfTI order, last axis fastest.
    const input = path.join(temp.dir, 'cube.f32');
    const prepared = JSON.parse(execFileSync('/usr/bin/python3', [path.join(REPO_ROOT, 'test/reference/conformed_input.py'), T1_SAMPLE, String(SIZE), input], { encoding: 'utf8' })) as {
      offset: [number, number, number];
    };
    const labelsFile = path.join(temp.dir, 'torch.u8');
    const torch = JSON.parse(
      execFileSync(
        '/usr/bin/python3',
        [path.join(REPO_ROOT, 'test/reference/meshnet_reference.py'), 'safetensors', sharedModels('brainchop-meshnet', 'model5_gw_ae'), input, String(SIZE), String(SIZE), String(SIZE), labelsFile],
        { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
      ),
    ) as { seconds: number };
    const reference = new Uint8Array(readFileSync(labelsFile));

    // Walk our series grid; find each voxel's NIfTI index through patient space (not by assuming the slice order).
    const [ni, nj, nk] = series.dims;
    const niftiGrid = { dimensions: series.dims, spacing: series.spacing, origin: series.originLPS, direction: series.directionLPS } as const;
    const described = await core.dispatch('volumes:describe', { seriesInstanceUID: seriesUID });
    if (!described.ok) throw new Error(described.error.message);
    const v = (described.value as Array<{ origin: [number, number, number]; direction: number[]; spacing: [number, number, number] }>)[0]!;
    const sourceGrid = {
      dimensions: series.dims,
      spacing: v.spacing,
      origin: v.origin,
      direction: [v.direction.slice(0, 3), v.direction.slice(3, 6), v.direction.slice(6, 9)] as unknown as [[number, number, number], [number, number, number], [number, number, number]],
    };
    const toPatient = indexToPatient(sourceGrid);
    const toNifti = patientToIndex(niftiGrid);
    const [ox, oy, oz] = prepared.offset;
    let compared = 0;
    let equal = 0;
    let labelledOutside = 0;
    for (let k = 0, o = 0; k < nk; k++) {
      for (let j = 0; j < nj; j++) {
        for (let i = 0; i < ni; i++, o++) {
          const [x, y, z] = applyAffine3x4(toNifti, applyAffine3x4(toPatient, [i, j, k])).map(Math.round) as [number, number, number];
          const a = x - ox;
          const b = y - oy;
          const c = z - oz;
          if (a < 0 || b < 0 || c < 0 || a >= SIZE || b >= SIZE || c >= SIZE) {
            if (ours[o] !== 0) labelledOutside++;
            continue;
          }
          compared++;
          if (ours[o] === reference[(a * SIZE + b) * SIZE + c]) equal++;
        }
      }
    }
    expect(compared).toBe(SIZE ** 3);
    // The 128³ cube does not reach the rest of the series: nothing is labelled there.
    expect(labelledOutside).toBe(0);
    const agreement = equal / compared;
    console.log(`tissue-gwm ${SIZE}³ crop, whole pipeline vs PyTorch: ${(agreement * 100).toFixed(4)} % of ${compared} voxels; PyTorch ${torch.seconds} s`);
    console.log(JSON.stringify({ bench: 'segmentation-agreement', agreement, voxels: compared, torchSeconds: torch.seconds, pipelineSeconds: analysis.seconds }));
    expect(agreement).toBeGreaterThanOrEqual(0.99);

    // Flip test: both tissue classes present, each with an uncertainty in [0, 1] and a verdict.
    const structures = analysis.findings.filter((f) => f.type === 'structure');
    expect(structures.map((f) => f.labelValue).sort()).toEqual([1, 2]);
    for (const f of structures) {
      expect(f.uncertainty).toBeGreaterThanOrEqual(0);
      expect(f.uncertainty).toBeLessThanOrEqual(1);
      expect(typeof f.lowConfidence).toBe('boolean');
      console.log(`${f.label}: ${f.volumeMl} mL in the crop, flip uncertainty ${f.uncertainty}`);
    }
  }, 900_000);
});
