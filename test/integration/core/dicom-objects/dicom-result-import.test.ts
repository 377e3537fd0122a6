// Third-party SEG + TID 1500 SR (dcmqi sr-example) and Slicer's liver SEG become stored analyses
// with their algorithm name/version, label-map NIfTI outputs and findings, read back by ai:results.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Core, createCore } from '../../../../electron/core/core';
import { importMeasurementReport, importSegmentation } from '../../../../electron/core/dicom-objects/dicom-result-import';
import type { AnalysisResult } from '../../../../electron/shared/ai-results';
import { HAS_SHARED, SHARED_MISSING_REASON, sharedData } from '../../../support/shared-data';
import { makeTempDir } from '../../../support/temp-dir';

describe.skipIf(!HAS_SHARED)(`SEG and SR as AI overlays${HAS_SHARED ? '' : ` (skipped: ${SHARED_MISSING_REASON})`}`, () => {
  const temp = makeTempDir('yingdu-seg-import-');
  let core: Core;
  beforeAll(() => {
    core = createCore({ dataDir: temp.dir, host: 'web', aiAutoRun: false });
  });
  afterAll(async () => {
    await core?.close();
    temp.remove();
  });

  it('stores the dcmqi SEG and SR as analyses: label map on disk, finding on the segment with the SR volume', async () => {
    const ctx = { db: core.db, dataDir: temp.dir };
    const { result: segResult, seg } = importSegmentation(ctx, readFileSync(sharedData('conformance', 'dcmqi', 'sr-example', 'seg.dcm')));
    expect(segResult.outputs.map((o) => [o.kind, o.name])).toEqual([['labelmap', 'segments']]);
    expect(existsSync(path.join(temp.dir, segResult.outputs[0]!.path))).toBe(true);
    expect(segResult.findings.map((f) => f.label)).toEqual(['Neoplasm, Primary']);
    const srResult = importMeasurementReport(ctx, readFileSync(sharedData('conformance', 'dcmqi', 'sr-example', 'sr.dcm')), [seg]);
    expect(srResult.findings[0]?.centerLPS).toEqual(segResult.findings[0]?.centerLPS);
    expect(srResult.findings[0]?.volumeMl).toBeCloseTo(33.5824, 4);
    const listed = await core.dispatch('ai:results', { studyInstanceUID: seg.studyInstanceUID });
    expect(listed.ok).toBe(true);
    const results = (listed.ok ? listed.value : []) as AnalysisResult[];
    expect(results.map((r) => r.provider).sort()).toEqual(['dicom-import', 'dicom-import']);
  });

  it("names Slicer's liver SEG by its algorithm and software version", () => {
    const { result } = importSegmentation({ db: core.db, dataDir: temp.dir }, readFileSync(sharedData('conformance', 'dcmqi', 'segmentations', 'liver.dcm')));
    expect([result.model.id, result.model.version]).toEqual(['SlicerEditor', '0d533f1']);
    expect(result.outputs[0]?.labels?.['1']?.key).toBe('Liver');
  });
});
