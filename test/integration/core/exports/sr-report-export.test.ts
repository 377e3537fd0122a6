// `report export --format sr` on a real imported chest CT with a fixture lung CAD analysis reviewed
// through the real core: the SR holds exactly the reported findings (accepted as the model's,
// edited and added as the physician's), passes dciodvfy, and reads back with the same values.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { measurementReportFindings, readMeasurementReport } from '../../../../electron/core/dicom-objects/measurement-report-reader';
import { exportReport } from '../../../../electron/core/reports/export/report-exporters';
import type { UserProfile } from '../../../../electron/shared/reports';
import { storeFixtureAnalysis, FIXTURE_MODEL } from '../../../support/analysis-fixture';
import { dciodvfy } from '../../../support/dicom-reference-tools';
import { HAS_SHARED, SHARED_MISSING_REASON } from '../../../support/shared-data';
import { importedChestCt } from '../imported-chest-ct';

describe.skipIf(!HAS_SHARED)(`SR export of a reviewed study (${HAS_SHARED ? 'A0002' : SHARED_MISSING_REASON})`, () => {
  const ct = importedChestCt('yingdu-sr-export-');
  const { call } = ct;
  let analysisId = 0;
  beforeAll(() => {
    analysisId = storeFixtureAnalysis(ct.core.db, ct.study, ct.series).analysisId;
  });

  it('writes the reviewed findings with their observers and dispositions', async () => {
    const reader = await call<UserProfile>('review:createUser', { name: '张^伟', role: 'radiologist' });
    await call('review:setCurrentUser', { id: reader.id });
    const act = (event: unknown) => call('review:act', { studyInstanceUID: ct.study, event });
    await act({ action: 'accept', finding: { analysisId, findingId: 'f1' } });
    await act({ action: 'reject', finding: { analysisId, findingId: 'f2' }, reason: 'vessel' });
    await act({ action: 'edit', finding: { analysisId, findingId: 'f3' }, after: { longAxisMm: 10, shortAxisMm: 7 } });
    await act({ action: 'add', after: { type: 'nodule', consistency: 'solid', longAxisMm: 6, shortAxisMm: 5, centerLPS: [-70, 0, -130], side: 'right' } });

    const out = path.join(ct.dir, 'report-sr.dcm');
    const written = await exportReport('sr', { studyInstanceUID: ct.study, lang: 'en', out, db: ct.core.db, layout: ct.core.layout, review: ct.core.review });
    expect(written.format).toBe('sr');
    expect(dciodvfy(out).errors).toEqual([]);

    const report = readMeasurementReport(readFileSync(out));
    expect(report.groups.map((g) => [g.observer?.kind, g.evaluations['Physician review disposition']])).toEqual([
      ['device', 'ACCEPTED'],
      ['person', 'EDITED'],
      ['person', 'ADDED'],
    ]);
    expect(report.groups[0]?.observer?.name).toBe(FIXTURE_MODEL.id);
    expect(report.groups[1]?.observer?.name).toBe('张^伟');
    const { findings } = measurementReportFindings(report);
    expect(findings[1]?.longAxisMm).toBe(10);
    expect(findings[2]?.centerLPS).toEqual([-70, 0, -130]);
  });
});
