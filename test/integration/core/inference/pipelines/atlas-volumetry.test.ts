// The 104-region Desikan-Killiany atlas on the T1 sample as a 256³ DICOM series (TEST WRAPPER,
// t1-test-series.ts), through the job service and the inference worker as in use. Whole-cube
// logits of 104 classes (~17.5 GiB planned) would be refused here; the package is split at its
// classifier, so the trunk runs once and the head slab by slab, and the run must go through.
// Checks: not refused, ≥ 90 of the 104 regions found, every lateral region with its mirror
// region, each on its named side, and the total labelled volume within 10 % of the grey + white
// matter of the same series by the tissue model (an independent network; the atlas adds only
// ventricles and CSF, a few % of the brain). Peak RSS is printed.
// The package runs as shipped, with its flip test (two trunk passes; measured on 2 shared cores:
// job 147 s, peak RSS 10.3 GiB, whole file ≈ 3 min). YINGDU_ATLAS_FLIP=0 runs a TEST VARIANT without
// it (thresholds.uncertainty removed: one pass, job 69 s, peak 6.0 GiB) on a slower CI.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Core, createCore } from '../../../../../electron/core/core';
import { mirrorLabelMap } from '../../../../../electron/core/inference/pipelines/volume-segmentation/flip-uncertainty';
import type { AnalysisResult } from '../../../../../electron/shared/ai-results';
import type { ModelManifest } from '../../../../../electron/shared/model-manifest';
import { HAS_SHARED, SHARED_MISSING_REASON } from '../../../../support/shared-data';
import { makeTempDir } from '../../../../support/temp-dir';
import { buildModel, importT1 } from './t1-test-series';

const FLIP = process.env.YINGDU_ATLAS_FLIP !== '0';
const ATLAS = FLIP ? 'atlas-dk-104' : 'atlas-dk-104-noflip-test';
const TISSUE = 'tissue-gwm-noflip-test';
const LEFT = /(^|[-_])(Left|lh)([-_]|$)/;
const RIGHT = /(^|[-_])(Right|rh)([-_]|$)/;

describe.skipIf(!HAS_SHARED)(`104-region atlas on a 256³ T1 series${HAS_SHARED ? '' : ` (skipped: ${SHARED_MISSING_REASON})`}`, () => {
  const temp = makeTempDir('yingdu-atlas-');
  const data = path.join(temp.dir, 'data');
  let core: Core;
  let atlasManifest: ModelManifest;

  beforeAll(async () => {
    await importT1(data, path.join(temp.dir, 'dicom'));
    core = createCore({ dataDir: data, host: 'web', aiAutoRun: false });
    const noFlip = (id: string) => (m: ModelManifest) => {
      m.id = id;
      m.thresholds = {};
    };
    atlasManifest = core.models.install(buildModel('atlas-dk-104', temp.dir, FLIP ? undefined : noFlip(ATLAS))).manifest;
    core.models.install(buildModel('tissue-gwm', temp.dir, noFlip(TISSUE)));
  }, 120_000);
  afterAll(async () => {
    await core?.close();
    temp.remove();
  });

  const analysisOf = async (modelId: string): Promise<{ analysis: AnalysisResult; runMs: number | undefined; pipelineMs: number | undefined }> => {
    const seriesUID = (core.db.prepare('SELECT series_instance_uid AS uid FROM series').get() as { uid: string }).uid;
    const queued = await core.dispatch('ai:enqueue', { seriesInstanceUID: seriesUID, modelId });
    if (!queued.ok) throw new Error(`${queued.error.code}: ${queued.error.message}`);
    await core.jobs.idle();
    const job = core.jobs.list().find((j) => j.modelId === modelId);
    // Not refused (INSUFFICIENT_MEMORY) and not failed.
    expect(job).toMatchObject({ state: 'done', errorCode: null });
    const listed = await core.dispatch('ai:results', { seriesInstanceUID: seriesUID });
    if (!listed.ok) throw new Error(listed.error.message);
    const analysis = (listed.value as AnalysisResult[]).find((a) => a.model.id === modelId);
    if (!analysis) throw new Error(`no analysis of ${modelId}`);
    return { analysis, runMs: job?.result?.timingsMs.run, pipelineMs: job?.result?.timingsMs.pipeline };
  };

  it('segments ≥ 90 regions with left/right pairs on their sides, and a total within 10 % of grey + white matter', async () => {
    const atlas = await analysisOf(ATLAS);
    const peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
    const { findings, measurements } = atlas.analysis;
    const found = new Map(findings.map((f) => [f.labelValue, f]));
    console.log(JSON.stringify({ bench: 'atlas-256', flip: FLIP, regions: findings.length, seconds: atlas.analysis.seconds, runMs: atlas.runMs, pipelineMs: atlas.pipelineMs, peakRssMiB }));

    expect(findings.length).toBeGreaterThanOrEqual(90);
    // Every lateral region found has its mirror found, and lies on the side its name says.
    const mirror = mirrorLabelMap(atlasManifest.labels);
    let pairs = 0;
    const wrongSide: string[] = [];
    for (const f of findings) {
      const other = mirror.get(f.labelValue as number);
      if (other === undefined || other === f.labelValue) continue;
      expect(found.has(other), `${f.label} found without its mirror region`).toBe(true);
      pairs++;
      const named = LEFT.test(f.label) ? 'left' : RIGHT.test(f.label) ? 'right' : null;
      if (named && f.side !== named && f.side !== 'midline') wrongSide.push(`${f.label}: ${f.side}`);
    }
    expect(pairs / 2).toBeGreaterThanOrEqual(40);
    expect(wrongSide).toEqual([]);
    if (FLIP) for (const f of findings) expect(f.uncertainty).toBeGreaterThanOrEqual(0);

    const tissue = await analysisOf(TISSUE);
    const total = (m: AnalysisResult['measurements']) => m.find((x) => x.name === 'total')?.value as number;
    const atlasMl = total(measurements);
    const tissueMl = total(tissue.analysis.measurements);
    console.log(`atlas total ${atlasMl} mL, tissue-gwm grey + white ${tissueMl} mL (ratio ${(atlasMl / tissueMl).toFixed(3)})`);
    expect(tissueMl).toBeGreaterThan(800);
    expect(Math.abs(atlasMl / tissueMl - 1)).toBeLessThan(0.1);
  }, 1_200_000);
});
