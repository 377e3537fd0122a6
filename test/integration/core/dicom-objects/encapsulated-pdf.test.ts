// DICOM Encapsulated PDF around a small real PDF (written here by hand, PDF 1.4 with one text line):
// dciodvfy finds no error, and pydicom gets the PDF back byte for byte.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeEncapsulatedPdf } from '../../../../electron/core/dicom-objects/encapsulated-pdf-writer';
import { dcmdump, dciodvfy, runPydicom } from '../../../support/dicom-reference-tools';
import { HAS_SHARED, SHARED_MISSING_REASON } from '../../../support/shared-data';
import { loadSources } from './seg-fixture';

function minimalPdf(text: string): Uint8Array {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${`BT /F1 12 Tf 72 760 Td (${text}) Tj ET`.length} >>\nstream\nBT /F1 12 Tf 72 760 Td (${text}) Tj ET\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

describe.skipIf(!HAS_SHARED)(`Encapsulated PDF${HAS_SHARED ? '' : ` (skipped: ${SHARED_MISSING_REASON})`}`, () => {
  const work = mkdtempSync(path.join(os.tmpdir(), 'yingdu-pdf-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('wraps the PDF unchanged in a valid Encapsulated PDF object of the study', () => {
    // An odd length on purpose: the padding byte must not become part of the document.
    const text = 'Chest CT report: nodule 12 mm, Lung-RADS 4A';
    const pdf = minimalPdf(text).length % 2 === 1 ? minimalPdf(text) : minimalPdf(`${text}.`);
    expect(pdf.length % 2).toBe(1);
    const source = loadSources()[0]!;
    const written = writeEncapsulatedPdf({ pdf, studySource: source, title: 'Chest CT report', softwareVersion: '0.1.0' });
    const file = path.join(work, 'report.dcm');
    writeFileSync(file, written.bytes);
    const report = dciodvfy(file);
    expect(report.errors, report.output).toEqual([]);
    for (const warning of report.warnings) expect(warning).toMatch(/PatientName\(0010,0010\).*Retired Person Name form|StudyID\(0020,0010\).*DICOMDIR/);
    expect(dcmdump(file, '-q').stdout).toContain('(0042,0012) LO [application/pdf]');
    const out = path.join(work, 'back.pdf');
    const [study, length] = runPydicom(
      `
import sys, pydicom
ds = pydicom.dcmread(sys.argv[1])
doc = ds.EncapsulatedDocument[: ds.EncapsulatedDocumentLength]
open(sys.argv[2], 'wb').write(doc)
print(ds.StudyInstanceUID); print(len(doc))`,
      file,
      out,
    ).split('\n');
    expect(study).toBe(source.StudyInstanceUID);
    expect(Number(length)).toBe(pdf.length);
    expect(Buffer.compare(Buffer.from(pdf), readFileSync(out))).toBe(0);
  });
});
