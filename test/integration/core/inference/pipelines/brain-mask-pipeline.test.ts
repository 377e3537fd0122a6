// The brain mask package (mindgrab, converted from the authors' PyTorch archive) through the
// whole framework: the T1 sample written as a DICOM series (a TEST WRAPPER, see
// t1-test-series.ts), imported, queued with ai:enqueue, conformed to 256³ 1 mm LIA, run once on
// the full cube by ONNX Runtime in the inference worker, largest component kept, mapped back to
// the series grid, written as NIfTI, stored, served by ai:results and the bulk route.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Core, createCore } from '../../../../../electron/core/core';
import { analysisBulkResponse } from '../../../../../electron/core/inference/jobs/analysis-bulk';
import { conformGrid } from '../../../../../electron/core/inference/pipelines/conform/conform-grid';
import { conformVolume } from '../../../../../electron/core/inference/pipelines/conform/conform-volume';
import { decodeNifti } from '../../../../../electron/core/nifti/nifti-reader';
import { loadSeriesVolumes } from '../../../../../electron/core/volumes/series-volumes';
import type { AnalysisResult } from '../../../../../electron/shared/ai-results';
import { bulkAnalysisPath } from '../../../../../electron/shared/ai-results';
import { HAS_SHARED, SHARED_MISSING_REASON } from '../../../../support/shared-data';
import { makeTempDir } from '../../../../support/temp-dir';
import { buildModel, importT1, readT1Sample, type WrittenSeries } from './t1-test-series';

describe.skipIf(!HAS_SHARED)(`brain mask pipeline on the T1 sample${HAS_SHARED ? '' : ` (skipped: ${SHARED_MISSING_REASON})`}`, () => {
  const temp = makeTempDir('yingdu-brainmask-');
  const data = path.join(temp.dir, 'data');
  let series: WrittenSeries;
  let seriesUID = '';
  let core: Core;
  let analysis: AnalysisResult;

  beforeAll(async () => {
    series = await importT1(data, path.join(temp.dir, 'dicom'));
    core = createCore({ dataDir: data, host: 'web', aiAutoRun: false });
    core.models.install(buildModel('brain-mask-mindgrab', temp.dir));
    seriesUID = (core.db.prepare('SELECT series_instance_uid AS uid FROM series').get() as { uid: string }).uid;
  }, 120_000);
  afterAll(async () => {
    await core?.close();
    temp.remove();
  });

  it('conforms the imported series onto the sample grid voxel for voxel (already conformed input)', async () => {
    const [volume] = await loadSeriesVolumes({ db: core.db, storeDir: core.layout.store }, seriesUID);
    if (!volume) throw new Error('no volume');
    const grid = conformGrid(volume);
    // The NIfTI's voxel (0,0,0) in LPS, as the writer reported it: the conformed origin must be it.
    for (let r = 0; r < 3; r++) expect(Math.abs(grid.origin[r]! - series.originLPS[r]!)).toBeLessThan(1e-4);
    expect(grid.direction).toEqual(series.directionLPS);
    const conformed = conformVolume(volume);
    const sample = readT1Sample();
    let differing = 0;
    for (let n = 0; n < sample.voxels.length; n++) if (Math.abs(conformed.voxels[n]! - sample.voxels[n]!) > 1e-3) differing++;
    expect(differing).toBe(0);
  }, 120_000);

  it('runs the mask on the full 256³ cube and stores a plausible adult brain volume', async () => {
    const started = performance.now();
    const queued = await core.dispatch('ai:enqueue', { seriesInstanceUID: seriesUID, modelId: 'brain-mask-mindgrab' });
    expect(queued.ok).toBe(true);
    await core.jobs.idle();
    const seconds = (performance.now() - started) / 1000;
    const [job] = core.jobs.list();
    expect(job).toMatchObject({ state: 'done', errorCode: null });
    const listed = await core.dispatch('ai:results', { seriesInstanceUID: seriesUID });
    if (!listed.ok) throw new Error(listed.error.message);
    const results = listed.value as AnalysisResult[];
    expect(results).toHaveLength(1);
    analysis = results[0]!;
    expect(analysis).toMatchObject({ analysisId: job!.id, model: { id: 'brain-mask-mindgrab' } });
    const brain = analysis.findings.find((f) => f.label === 'brain');
    if (!brain?.volumeMl) throw new Error('no brain finding');
    // Adult brain (parenchyma + CSF inside the mask): 1000–1800 mL.
    expect(brain.volumeMl).toBeGreaterThan(1000);
    expect(brain.volumeMl).toBeLessThan(1800);
    expect(brain.side).toBe('bilateral');
    expect(analysis.measurements.find((m) => m.name === 'brain')?.value).toBe(brain.volumeMl);
    const rssMiB = process.resourceUsage().maxRSS / 1024;
    console.log(`brain mask: ${brain.volumeMl} mL, job ${seconds.toFixed(1)} s (pipeline ${job!.result?.timingsMs.pipeline} ms, model run ${job!.result?.timingsMs.run} ms), peak RSS of the test process ${rssMiB.toFixed(0)} MiB`);
    console.log(JSON.stringify({ bench: 'brain-mask-256', brainMl: brain.volumeMl, seconds, runMs: job!.result?.timingsMs.run, peakRssMiB: Math.round(rssMiB) }));

    // The same request again returns the stored job, not a new run.
    const again = await core.dispatch('ai:enqueue', { seriesInstanceUID: seriesUID, modelId: 'brain-mask-mindgrab' });
    expect(again).toMatchObject({ ok: true, value: { id: job!.id, state: 'done' } });
  }, 900_000);

  it('writes the mask as NIfTI on the series grid and serves the same voxels on the bulk route', async () => {
    const output = analysis.outputs[0]!;
    expect(output.kind).toBe('labelmap');
    expect(output.path).toBe(`outputs/analyses/${analysis.analysisId}/brain_mask_mindgrab_labels.nii.gz`);
    const file = path.join(data, output.path);
    expect(existsSync(file)).toBe(true);
    const nifti = decodeNifti(new Uint8Array(readFileSync(file)));
    expect(nifti.dims.slice(1, 4)).toEqual(series.dims);
    const response = await analysisBulkResponse(core.jobs.analyses, data, bulkAnalysisPath(analysis.analysisId, 0));
    expect(response.status).toBe(200);
    expect(response.headers.get('X-Yingdu-Dtype')).toBe('uint8');
    expect(response.headers.get('X-Yingdu-Dimensions')).toBe(series.dims.join(','));
    const voxels = new Uint8Array(await response.arrayBuffer());
    let brain = 0;
    for (const v of voxels) brain += v;
    const ml = analysis.findings.find((f) => f.label === 'brain')!.volumeMl!;
    expect(Math.abs(brain / 1000 - ml)).toBeLessThan(0.01);
    const missing = await analysisBulkResponse(core.jobs.analyses, data, bulkAnalysisPath(analysis.analysisId, 5));
    expect(missing.status).toBe(404);
    const bad = await analysisBulkResponse(core.jobs.analyses, data, '/bulk/analysis/../1');
    expect(bad.status).toBe(400);
  });
});
