// `yingdu analyze` through the built CLI on a real data folder: the T1 sample as a DICOM series
// (TEST WRAPPER, see t1-test-series.ts) imported with `yingdu import`, a model package installed
// with `yingdu models install` — tissue-gwm as a TEST VARIANT conformed to the central 128³ to
// keep the run short — then the published --json format, the stored result on a repeat, the
// human-readable table, --study, and the errors.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_SHARED, SHARED_MISSING_REASON } from '../../support/shared-data';
import { makeTempDir } from '../../support/temp-dir';
import { buildModel, writeT1Series } from '../core/inference/pipelines/t1-test-series';
import { runYingdu } from './cli-support';

interface Published {
  model: { id: string; version: string; sha256: string };
  provider: string;
  seconds: number;
  findings: Array<Record<string, unknown>>;
  measurements: Array<{ name: string; value: number; unit: string }>;
  outputs: Array<{ kind: string; path: string; labels?: Record<string, unknown> }>;
}

describe.skipIf(!HAS_SHARED)(`yingdu analyze${HAS_SHARED ? '' : ` (skipped: ${SHARED_MISSING_REASON})`}`, () => {
  const temp = makeTempDir('yingdu-analyze-');
  const data = path.join(temp.dir, 'data');
  let seriesUID = '';
  let studyUID = '';

  beforeAll(() => {
    writeT1Series(path.join(temp.dir, 'dicom'));
    expect(runYingdu(['import', path.join(temp.dir, 'dicom'), '--data', data]).status).toBe(0);
    const pkg = buildModel('tissue-gwm', temp.dir, (m) => {
      m.id = 'tissue-gwm-crop-test';
      m.preprocessing = m.preprocessing.map((s) => (s.op === 'conform' ? { ...s, size: 128 } : s));
    });
    expect(runYingdu(['models', 'install', pkg, '--data', data]).status).toBe(0);
    // Installed off (the brain packages are not enabled by default); --study runs enabled models only.
    expect(runYingdu(['models', 'enable', 'tissue-gwm-crop-test', '--data', data]).stdout).toMatch(/^tissue-gwm-crop-test: on/);
    const studies = JSON.parse(runYingdu(['studies', '--data', data, '--json']).stdout) as Array<{ studyInstanceUID: string; series: Array<{ seriesInstanceUID: string }> }>;
    studyUID = studies[0]?.studyInstanceUID ?? '';
    seriesUID = studies[0]?.series[0]?.seriesInstanceUID ?? '';
  }, 180_000);
  afterAll(() => temp.remove());

  it('prints exactly the published JSON format and writes the label map into the data folder', () => {
    const run = runYingdu(['analyze', seriesUID, '--model', 'tissue-gwm-crop-test', '--data', data, '--json']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as Published;
    expect(Object.keys(out)).toEqual(['model', 'provider', 'seconds', 'findings', 'measurements', 'outputs']);
    expect(out.model).toMatchObject({ id: 'tissue-gwm-crop-test', version: '1.0.0' });
    expect(out.model.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(out.provider).toBe('cpu');
    expect(out.seconds).toBeGreaterThan(0);
    expect(out.findings.map((f) => f.label)).toEqual(['White Matter', 'Grey Matter']);
    for (const f of out.findings) {
      expect(f).toMatchObject({ type: 'structure', side: 'bilateral', lowConfidence: expect.any(Boolean) });
      expect((f.centerLPS as number[]).length).toBe(3);
      expect((f.boundsLPS as number[][]).length).toBe(2);
      expect(f.volumeMl).toBeGreaterThan(100);
    }
    expect(out.measurements.find((m) => m.name === 'total')).toMatchObject({ unit: 'mL' });
    expect(out.outputs).toHaveLength(1);
    expect(out.outputs[0]).toMatchObject({ kind: 'labelmap', labels: { '1': { key: 'White Matter' }, '2': { key: 'Grey Matter' } } });
    expect(out.outputs[0]!.path.startsWith(data)).toBe(true);
    expect(existsSync(out.outputs[0]!.path)).toBe(true);

    // The same request again prints the stored result (same run time: nothing ran again).
    const again = JSON.parse(runYingdu(['analyze', seriesUID, '--model', 'tissue-gwm-crop-test', '--data', data, '--json']).stdout) as Published;
    expect(again).toEqual(out);
    const text = runYingdu(['analyze', seriesUID, '--model', 'tissue-gwm-crop-test', '--data', data]);
    expect(text.stdout).toContain('White matter');
    expect(text.stdout).toMatch(/Total segmented volume = [0-9.]+ mL/);
  }, 180_000);

  it('runs every matching model of a study with --study, and refuses bad requests with a code', () => {
    const run = runYingdu(['analyze', '--study', studyUID, '--data', data, '--json']);
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as { study: string; analyses: Array<Published & { seriesInstanceUID: string }>; failed: unknown[] };
    expect(out.study).toBe(studyUID);
    expect(out.failed).toEqual([]);
    expect(out.analyses.map((a) => [a.seriesInstanceUID, a.model.id])).toEqual([[seriesUID, 'tissue-gwm-crop-test']]);

    // Turned off, the model no longer runs for the study.
    expect(runYingdu(['models', 'disable', 'tissue-gwm-crop-test', '--data', data]).status).toBe(0);
    const none = runYingdu(['analyze', '--study', studyUID, '--data', data]);
    expect(none.stdout).toBe('no installed, enabled model matches a series of this study\n');
    expect(runYingdu(['models', 'enable', 'not-installed', '--data', data]).stderr).toMatch(/^error NOT_FOUND/);

    const missing = runYingdu(['analyze', seriesUID, '--model', 'not-installed', '--data', data]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^error NOT_FOUND: No model "not-installed" is installed/);
    const usage = runYingdu(['analyze', seriesUID, '--data', data]);
    expect(usage.status).toBe(2);
    const badUid = runYingdu(['analyze', '../etc', '--model', 'x1', '--data', data]);
    expect(badUid.stderr).toMatch(/^error INVALID_ARGUMENT/);
  }, 180_000);
});
