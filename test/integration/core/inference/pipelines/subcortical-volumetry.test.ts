// The subcortical package (18 classes, left and right merged by its authors) on the T1 sample as
// a DICOM series (TEST WRAPPER, t1-test-series.ts): one full 256³ run through the job service,
// then the volumetry table: every structure present, split into left and right at the brain's
// mid-sagittal plane, and the pairs in plausible adult proportions. The package is a TEST
// VARIANT with the flip test off (thresholds.uncertainty removed) so CI pays for one 256³ run;
// the flip test itself is checked in segmentation-agreement.test.ts.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Core, createCore } from '../../../../../electron/core/core';
import type { AnalysisResult } from '../../../../../electron/shared/ai-results';
import { HAS_SHARED, SHARED_MISSING_REASON } from '../../../../support/shared-data';
import { makeTempDir } from '../../../../support/temp-dir';
import { buildModel, importT1 } from './t1-test-series';

// Structures with one label for both hemispheres, and the adult volume range (mL, both sides)
// from FreeSurfer-based normative studies, kept wide: this checks sense, not norms.
const PAIRED: Record<string, [number, number]> = {
  'Cerebral-White-Matter': [250, 650],
  'Cerebral-Cortex': [300, 700],
  'Lateral-Ventricle': [3, 80],
  'Cerebellum-Cortex': [70, 140],
  Thalamus: [8, 22],
  Caudate: [4, 12],
  Putamen: [6, 14],
  Pallidum: [1.5, 5],
  Hippocampus: [5, 11],
  Amygdala: [1.5, 5],
  'Accumbens-area': [0.4, 2],
  VentralDC: [5, 12],
};

describe.skipIf(!HAS_SHARED)(`subcortical volumetry on the T1 sample${HAS_SHARED ? '' : ` (skipped: ${SHARED_MISSING_REASON})`}`, () => {
  const temp = makeTempDir('yingdu-subcortical-');
  const data = path.join(temp.dir, 'data');
  let core: Core;

  beforeAll(async () => {
    await importT1(data, path.join(temp.dir, 'dicom'));
    core = createCore({ dataDir: data, host: 'web', aiAutoRun: false });
    core.models.install(
      buildModel('subcortical-18', temp.dir, (m) => {
        m.id = 'subcortical-18-noflip-test';
        m.thresholds = {};
      }),
    );
  }, 120_000);
  afterAll(async () => {
    await core?.close();
    temp.remove();
  });

  it('measures every structure in mL with left and right volumes in adult proportions', async () => {
    const seriesUID = (core.db.prepare('SELECT series_instance_uid AS uid FROM series').get() as { uid: string }).uid;
    core.jobs.enqueue(seriesUID, 'subcortical-18-noflip-test');
    await core.jobs.idle();
    const [job] = core.jobs.list();
    expect(job).toMatchObject({ state: 'done', errorCode: null });
    const listed = await core.dispatch('ai:results', { studyInstanceUID: job!.studyInstanceUID });
    if (!listed.ok) throw new Error(listed.error.message);
    const analysis = (listed.value as AnalysisResult[])[0]!;
    const value = (name: string) => analysis.measurements.find((m) => m.name === name)?.value;
    const table = analysis.findings.map((f) => `${f.label} ${f.volumeMl} mL ${f.side} (L ${value(`${f.label}.left`)} / R ${value(`${f.label}.right`)})`);
    console.log(`subcortical-18, job ${job!.result?.timingsMs.pipeline} ms (model ${job!.result?.timingsMs.run} ms):\n${table.join('\n')}`);
    console.log(JSON.stringify({ bench: 'subcortical-256', seconds: analysis.seconds, runMs: job!.result?.timingsMs.run, peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) }));

    // Every one of the 17 structures is found once, with its name in both languages.
    expect(analysis.findings).toHaveLength(17);
    for (const f of analysis.findings) {
      expect(f.type).toBe('structure');
      expect(f.name?.['zh-CN']).toBeTruthy();
      expect(value(f.label)).toBe(f.volumeMl);
    }
    for (const [key, [min, max]] of Object.entries(PAIRED)) {
      const f = analysis.findings.find((x) => x.label === key);
      if (!f?.volumeMl) throw new Error(`${key} missing`);
      expect(f.side).toBe('bilateral');
      expect(f.volumeMl).toBeGreaterThan(min);
      expect(f.volumeMl).toBeLessThan(max);
      const left = value(`${key}.left`) as number;
      const right = value(`${key}.right`) as number;
      expect(Math.abs(left + right - f.volumeMl)).toBeLessThan(0.01);
      // Left and right within 30 % of each other (normal asymmetry is well under that).
      expect(left / right).toBeGreaterThan(1 / 1.3);
      expect(left / right).toBeLessThan(1.3);
    }
    for (const key of ['3rd-Ventricle', 'Brain-Stem']) expect(analysis.findings.find((x) => x.label === key)?.side).toBe('midline');
    const total = value('total') as number;
    expect(total).toBeGreaterThan(900);
    expect(total).toBeLessThan(1700);
  }, 900_000);
});
