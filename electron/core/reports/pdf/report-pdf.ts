// The report as a PDF in one language: header (patient, study, status, signer), the reviewed
// findings table, measurements (nodules with Lung-RADS, volumetry, infarct core), the findings
// text and impression as the text export words them, the AI-assisted statement with every model
// and version, the signatures, and key images with the finding's box.
import type { StructuredReport } from '../../../shared/reports';
import type { NaturalDataset } from '../../dicom-objects/natural-dataset';
import { isReported } from '../report-builder';
import { EXAM_TITLES, PHRASES, type ReportLanguage, STATUS_TERMS } from '../templates/report-terms';
import { aiStatement, findingName, findingsSection } from '../templates/report-text';
import type { KeyImage } from './key-images';
import { PdfLayout } from './pdf-layout';
import { PDF_TERMS } from './pdf-terms';
import type { ReportFontBytes } from './report-font';

export interface ReportPdfInput {
  report: StructuredReport;
  lang: ReportLanguage;
  /** One instance of the study (naturalized) for the patient header; null prints no patient block. */
  studySource: NaturalDataset | null;
  keyImages: KeyImage[];
  fonts: ReportFontBytes;
  softwareVersion: string;
}

const mm = (v: number | undefined) => (v === undefined ? '' : v.toFixed(1));
const ml = (v: number | undefined) => (v === undefined ? '' : v < 10 ? v.toFixed(2) : v.toFixed(1));
/**
 * DICOM PN (PS3.5 6.2.1), as dcmjs naturalizes it (a string, or [{ Alphabetic }]): the
 * alphabetic group, components separated by "^" shown with spaces.
 */
function personName(value: unknown): string {
  const first: unknown = Array.isArray(value) ? value[0] : value;
  const text = typeof first === 'string' ? first : first && typeof first === 'object' && 'Alphabetic' in first ? String(first.Alphabetic ?? '') : '';
  return (text.split('=')[0] ?? '').replace(/\^+/g, ' ').trim();
}
/** DICOM DA "YYYYMMDD" → "YYYY-MM-DD". */
const date = (value: unknown) => (typeof value === 'string' && /^\d{8}$/.test(value) ? `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6)}` : String(value ?? ''));

export async function buildReportPdf(input: ReportPdfInput): Promise<Uint8Array> {
  const { report, lang } = input;
  const t = (term: Record<ReportLanguage, string>) => term[lang];
  const role = (r: keyof typeof PDF_TERMS) => (lang === 'zh-CN' ? `（${t(PDF_TERMS[r])}）` : ` (${t(PDF_TERMS[r])})`);
  const colon = lang === 'zh-CN' ? '：' : ': ';
  const layout = await PdfLayout.create(input.fonts);
  const title = t(EXAM_TITLES[report.examType]);

  layout.text(title, { size: 16 });
  layout.rule();
  const s = input.studySource;
  const sex = s?.PatientSex === 'M' ? t(PDF_TERMS.male) : s?.PatientSex === 'F' ? t(PDF_TERMS.female) : s?.PatientSex ? t(PDF_TERMS.other) : '';
  const lastSigner = report.signatures.at(-1);
  const header: Array<[string, string]> = [
    ...(s
      ? ([
          [t(PDF_TERMS.patient), personName(s.PatientName)],
          [t(PDF_TERMS.patientId), String(s.PatientID ?? '')],
          [t(PDF_TERMS.sex), sex],
          [t(PDF_TERMS.birthDate), date(s.PatientBirthDate)],
        ] as Array<[string, string]>)
      : []),
    [t(PDF_TERMS.studyDate), date(report.study.studyDate)],
    [t(PDF_TERMS.accession), report.study.accessionNumber ?? ''],
    [t(PDF_TERMS.description), report.study.description ?? ''],
    [t(PDF_TERMS.modalities), report.study.modalities.join(', ')],
    [t(PHRASES.status), t(STATUS_TERMS[report.status])],
    [t(PDF_TERMS.signer), lastSigner ? `${lastSigner.reader.name}${role(lastSigner.reader.role)}` : t(PDF_TERMS.notSigned)],
  ];
  for (const [label, value] of header.filter(([, v]) => v !== '')) layout.text(`${label}${colon}${value}`, { size: 9.5 });

  const reported = report.findings.filter((f) => isReported(f) && f.type !== 'structure' && f.type !== 'core');
  const tableFindings = report.findings.filter((f) => f.type !== 'structure' && f.type !== 'core');
  layout.heading(t(PDF_TERMS.findingsTable));
  layout.table(
    ['#', t(PDF_TERMS.colFinding), t(PDF_TERMS.colSize), t(PDF_TERMS.colCategory), t(PDF_TERMS.colDecision), t(PDF_TERMS.colSource)],
    tableFindings.map((f, i) => {
        const v = f.values;
        const size = v.longAxisMm !== undefined ? (v.shortAxisMm !== undefined ? `${mm(v.longAxisMm)} × ${mm(v.shortAxisMm)}` : mm(v.longAxisMm)) : '';
        const ai = f.ai ? `${f.ai.modelId} ${f.ai.modelVersion}${f.ai.probability !== undefined ? ` (${f.ai.probability.toFixed(2)})` : ''}` : '—';
        return [String(i + 1), findingName(f, lang), size, f.lungRads?.category ?? '', t(PDF_TERMS[f.disposition]), ai];
      }),
    [0.05, 0.29, 0.14, 0.12, 0.11, 0.29],
  );

  const nodules = reported.filter((f) => f.lungRads);
  if (nodules.length > 0 || report.volumetry || report.strokeCore) {
    layout.heading(t(PDF_TERMS.measurements));
    if (nodules.length > 0) {
      layout.table(
        [t(PDF_TERMS.colFinding), `${t(PHRASES.meanDiameter)} (mm)`, t(PDF_TERMS.colVolume), t(PDF_TERMS.colCategory), t(PDF_TERMS.colManagement)],
        nodules.map((f) => [findingName(f, lang), mm(f.lungRads?.meanDiameterMm), ml(f.values.volumeMl), f.lungRads?.category ?? '', f.lungRads?.management[lang] ?? '']),
        [0.27, 0.14, 0.12, 0.12, 0.35],
      );
    }
    if (report.volumetry) {
      layout.gap(6);
      layout.table([t(PDF_TERMS.colStructure), t(PDF_TERMS.colVolume)], report.volumetry.rows.map((r) => [r.name?.[lang] ?? r.key, ml(r.volumeMl)]), [0.6, 0.4]);
    }
    if (report.strokeCore) {
      layout.gap(6);
      layout.text(`${t(PDF_TERMS.strokeCore)}${colon}${ml(report.strokeCore.volumeMl)} mL`, { size: 10 });
    }
  }

  layout.heading(t(PHRASES.findings));
  layout.text(findingsSection(report, lang).join('\n'));
  if (report.freeFindings.trim()) layout.text(report.freeFindings.trim());
  layout.heading(t(PHRASES.impression));
  layout.text(report.impression.trim() || '—');
  if (report.lungRads) {
    const category = lang === 'zh-CN' ? `Lung-RADS ${report.lungRads.category} 类` : `Lung-RADS category ${report.lungRads.category}`;
    layout.heading(t(PHRASES.recommendation));
    layout.text(`${category}${colon}${report.lungRads.management[lang]}`);
  }
  if (report.addendum?.trim()) {
    layout.heading(t(PHRASES.addendum));
    layout.text(report.addendum.trim());
  }
  layout.heading(t(PDF_TERMS.aiStatementTitle));
  layout.text(aiStatement(report, lang));
  layout.heading(t(PDF_TERMS.signatures));
  if (report.signatures.length === 0) layout.text(t(PDF_TERMS.notSigned));
  for (const sig of report.signatures) {
    layout.text(`${t(STATUS_TERMS[sig.status])}${colon}${sig.reader.name}${role(sig.reader.role)} · ${sig.at}`);
  }

  if (input.keyImages.length > 0) {
    // Keep the heading on the page of the first row of images.
    layout.ensure(300);
    layout.heading(t(PDF_TERMS.keyImages));
    const items = [];
    for (const k of input.keyImages) {
      const image = await layout.doc.embedPng(k.png);
      const number = tableFindings.indexOf(k.finding) + 1;
      items.push({ image, caption: `${number > 0 ? `${number}. ` : ''}${findingName(k.finding, lang)} · ${t(PDF_TERMS.slice)} ${k.slice}` });
    }
    layout.images(items);
  }

  // A signed report is dated by its last signature (so the same signed report gives the same PDF
  // bytes, whether exported alone or inside the Encapsulated PDF); a draft by when it was generated.
  const dated = lastSigner?.at ?? report.generatedAt;
  layout.gap(10);
  layout.text(`${t(PDF_TERMS.generated)} ${input.softwareVersion} · ${dated}`, { size: 7.5, colour: 'grey' });

  layout.doc.setTitle(title);
  layout.doc.setLanguage(lang);
  layout.doc.setCreator(`Yingdu ${input.softwareVersion}`);
  layout.doc.setProducer('Yingdu (pdf-lib)');
  layout.doc.setCreationDate(new Date(dated));
  layout.doc.setModificationDate(new Date(dated));
  return layout.doc.save();
}
