// The importer's result hook: importing dcmqi's sr-example folder (SEG + TID 1500 SR + an RWVM)
// through the real import service shows the SEG and the SR in ai:results; importing it again
// adds nothing; a SEG whose segments cannot be read is still stored and is reported per file.
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Core, createCore } from '../../../../electron/core/core';
import type { AnalysisResult } from '../../../../electron/shared/ai-results';
import type { ImportSummary } from '../../../../electron/shared/imports';
import { runPydicomJson } from '../../../support/pydicom';
import { HAS_SHARED, SHARED_MISSING_REASON, sharedData } from '../../../support/shared-data';
import { makeTempDir } from '../../../support/temp-dir';

const noop = { onProgress() {}, onStudiesChanged() {}, onFinished() {} };

describe.skipIf(!HAS_SHARED)(`import of SEG and SR objects${HAS_SHARED ? '' : ` (skipped: ${SHARED_MISSING_REASON})`}`, () => {
  const temp = makeTempDir('yingdu-result-hook-');
  let core: Core;
  const importPaths = (paths: string[]): Promise<ImportSummary> => core.imports.start(paths, noop).done;
  const results = async (study: string): Promise<AnalysisResult[]> => {
    const listed = await core.dispatch('ai:results', { studyInstanceUID: study });
    if (!listed.ok) throw new Error(listed.error.message);
    return listed.value as AnalysisResult[];
  };

  beforeAll(() => {
    core = createCore({ dataDir: path.join(temp.dir, 'data'), host: 'web', aiAutoRun: false });
  });
  afterAll(async () => {
    await core?.close();
    temp.remove();
  });

  it("shows dcmqi's SEG and SR as overlays after a plain import, once", async () => {
    const summary = await importPaths([sharedData('conformance', 'dcmqi', 'sr-example')]);
    expect(summary.state).toBe('completed');
    expect(summary.added).toBe(3);
    expect(summary.resultObjects).toEqual({ imported: 2, problems: [] });
    const study = summary.studyInstanceUIDs[0]!;
    const listed = await results(study);
    expect(listed.map((r) => r.provider)).toEqual(['dicom-import', 'dicom-import']);
    const seg = listed.find((r) => r.outputs.length > 0)!;
    const sr = listed.find((r) => r.outputs.length === 0)!;
    expect(seg.findings.map((f) => f.label)).toEqual(['Neoplasm, Primary']);
    // The SR group sits on the SEG segment's centroid: the hook imported the SEG first.
    expect(sr.findings[0]?.centerLPS).toEqual(seg.findings[0]?.centerLPS);
    expect(sr.findings[0]?.volumeMl).toBeCloseTo(33.5824, 4);

    const again = await importPaths([sharedData('conformance', 'dcmqi', 'sr-example')]);
    expect(again.duplicates).toBe(3);
    expect(again.resultObjects).toBeUndefined();
    expect(await results(study)).toHaveLength(2);
  });

  it('stores a SEG it cannot overlay and names that file in the summary', async () => {
    const dir = path.join(temp.dir, 'broken');
    mkdirSync(dir);
    const target = path.join(dir, 'seg-no-segments.dcm');
    copyFileSync(sharedData('conformance', 'dcmqi', 'segmentations', 'liver.dcm'), target);
    // A new SOP Instance UID (so it is not a duplicate) and no Plane Orientation anywhere: the
    // file is valid DICOM for the store, but its masks cannot be placed in the patient.
    runPydicomJson(
      [
        'import json, sys, pydicom',
        'from pydicom.uid import generate_uid',
        'ds = pydicom.dcmread(sys.argv[1])',
        'ds.SOPInstanceUID = generate_uid()',
        'ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID',
        'for group in list(ds.SharedFunctionalGroupsSequence) + list(ds.PerFrameFunctionalGroupsSequence):',
        '    if "PlaneOrientationSequence" in group: del group.PlaneOrientationSequence',
        'ds.save_as(sys.argv[1])',
        'print(json.dumps({}))',
      ].join('\n'),
      [target],
    );
    const summary = await importPaths([target]);
    expect(summary.added).toBe(1);
    expect(summary.resultObjects?.imported).toBe(0);
    expect(summary.resultObjects?.problems.map((p) => [p.path, p.code])).toEqual([[target, 'NOT_A_VOLUME']]);
    expect(summary.resultObjects?.problems[0]?.message).toMatch(/^Stored, but not shown as an overlay: /);
    const count = core.db.prepare('SELECT count(*) AS n FROM instances').get() as { n: number };
    expect(count.n).toBe(4);
  });
});
