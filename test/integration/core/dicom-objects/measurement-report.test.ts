// DICOM SR TID 1500: our report of reviewed findings (an AI finding accepted, a physician's added
// one) checked by dciodvfy, dsrdump and pydicom and read back; dcmqi's TID 1500 SR read with its
// SEG so its group lands on the segment's centroid with the volume the SR states.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { measurementReportFindings, readMeasurementReport } from '../../../../electron/core/dicom-objects/measurement-report-reader';
import { type Observer, writeMeasurementReport } from '../../../../electron/core/dicom-objects/measurement-report-writer';
import { readSegmentation } from '../../../../electron/core/dicom-objects/seg-reader';
import { segmentationAnalysis } from '../../../../electron/core/dicom-objects/segmentation-findings';
import { dciodvfy, dsrdump, runPydicom } from '../../../support/dicom-reference-tools';
import { HAS_SHARED, SHARED_MISSING_REASON, sharedData } from '../../../support/shared-data';
import { loadSources } from './seg-fixture';

const AI: Observer = { kind: 'device', modelId: 'lung-nodule-cad', modelVersion: '1.2.0' };
const DOCTOR: Observer = { kind: 'person', name: 'Wang^Li' };

describe.skipIf(!HAS_SHARED)(`TID 1500 measurement report${HAS_SHARED ? '' : ` (skipped: ${SHARED_MISSING_REASON})`}`, () => {
  const work = mkdtempSync(path.join(os.tmpdir(), 'yingdu-sr-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const sources = loadSources();
  const written = writeMeasurementReport({
    sources,
    observers: [AI, DOCTOR],
    verifiedBy: { name: 'Wang^Li', at: new Date(2026, 0, 2, 3, 4, 5) },
    softwareVersion: '0.1.0',
    findings: [
      {
        finding: { id: 'f1', type: 'nodule', label: 'nodule', centerLPS: [-80.5, -120.25, 200], longAxisMm: 12.5, shortAxisMm: 8.1, volumeMl: 0.61, meanValue: -20.4 },
        observer: AI,
        disposition: 'accepted',
        lungRads: '4A',
      },
      { finding: { id: 'f9', type: 'nodule', label: 'nodule', centerLPS: [60, -110, 180], longAxisMm: 5 }, observer: DOCTOR, disposition: 'added', lungRads: '2' },
    ],
  });
  const file = path.join(work, 'sr.dcm');
  writeFileSync(file, written.bytes);

  it('passes dciodvfy with no error; warnings are our private coding scheme and the source CT', () => {
    const report = dciodvfy(file);
    expect(report.errors, report.output).toEqual([]);
    for (const warning of report.warnings) {
      // 99YINGDU is a private coding scheme (PS3.16 §8.2) for Lung-RADS and review disposition, which have no standard code.
      expect(warning).toMatch(/Unrecognized defined term = <99YINGDU>|PatientName\(0010,0010\).*Retired Person Name form|StudyID\(0020,0010\).*DICOMDIR/);
    }
  });

  it('is rendered by dsrdump with the device and person observers and read by pydicom', () => {
    const dump = dsrdump(file);
    expect(dump.status, dump.stderr).toBe(0);
    expect(dump.stdout).toContain('Comprehensive 3D SR Document');
    expect(dump.stdout).toContain('<has obs context TEXT:(,,"Device Observer Name")="lung-nodule-cad">');
    expect(dump.stdout).toContain('<has obs context PNAME:(,,"Person Observer Name")="Wang^Li">');
    expect(dump.stdout).toContain('<contains NUM:(,,"Long Axis")="12.5" (mm,UCUM,"millimeter")>');
    expect(dump.stdout).toContain('(LR4A,99YINGDU,"Lung-RADS 4A")');
    const values = runPydicom(
      `
import sys, pydicom
ds = pydicom.dcmread(sys.argv[1])
def walk(items):
    for i in items:
        if i.ValueType == 'NUM': print(i.ConceptNameCodeSequence[0].CodeMeaning, i.MeasuredValueSequence[0].NumericValue)
        if 'ContentSequence' in i: walk(i.ContentSequence)
walk(ds.ContentSequence)`,
      file,
    );
    expect(values.split('\n')).toEqual(['Long Axis 12.5', 'Short Axis 8.1', 'Volume 0.61', 'Attenuation Coefficient -20.4', 'Long Axis 5']);
  });

  it('reads back with who found what: device groups carry the model, the added finding the physician', () => {
    const report = readMeasurementReport(written.bytes);
    expect(report.observers).toEqual([
      { kind: 'device', name: 'lung-nodule-cad', model: 'lung-nodule-cad 1.2.0' },
      { kind: 'person', name: 'Wang^Li' },
    ]);
    expect(report.groups.map((g) => [g.trackingId, g.observer?.kind, g.evaluations['Lung-RADS v2022 category'], g.evaluations['Physician review disposition']])).toEqual([
      ['f1', 'device', 'LR4A', 'ACCEPTED'],
      ['f9', 'person', 'LR2', 'ADDED'],
    ]);
    const { model, findings } = measurementReportFindings(report);
    expect(model).toEqual({ id: 'lung-nodule-cad', version: '1.2.0' });
    expect(findings.map((f) => [f.type, f.centerLPS, f.longAxisMm, f.volumeMl, f.meanValue])).toEqual([
      ['nodule', [-80.5, -120.25, 200], 12.5, 0.61, -20.4],
      ['nodule', [60, -110, 180], 5, undefined, undefined],
    ]);
  });

  it("places dcmqi's TID 1500 group on its SEG segment, with the volume the SR states", () => {
    const srFile = sharedData('conformance', 'dcmqi', 'sr-example', 'sr.dcm');
    const seg = readSegmentation(readFileSync(sharedData('conformance', 'dcmqi', 'sr-example', 'seg.dcm')));
    const segFindings = segmentationAnalysis(seg).findings;
    const report = readMeasurementReport(readFileSync(srFile));
    expect(report.groups).toHaveLength(1);
    expect(report.groups[0]?.referencedSegment).toEqual({ sopInstanceUID: seg.sopInstanceUID, segmentNumber: 1 });
    const { model, findings, warnings } = measurementReportFindings(report, (uid, n) =>
      uid === seg.sopInstanceUID ? segFindings.find((f) => f.labelValue === n)?.centerLPS : undefined,
    );
    expect(warnings).toEqual([]);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.label).toBe('Neoplasm, Primary');
    expect(findings[0]?.volumeMl).toBeCloseTo(33.5824, 4);
    expect(findings[0]?.centerLPS).toEqual(segFindings[0]?.centerLPS);
    // No device or algorithm is named (a person segmented it with dcmqi): the person observer and the writing software stand in.
    const software = runPydicom('import sys, pydicom; print(pydicom.dcmread(sys.argv[1]).SoftwareVersions)', srFile);
    expect(model).toEqual({ id: 'observer User2', version: software });
  });
});
