// Reads a TID 1500 Measurement Report (ours or another tool's, e.g. dcmqi) into measurement groups:
// tracking id, finding, observer (device or person), algorithm name/version, centre point,
// referenced segment, numeric measurements and qualitative evaluations; then into findings.
import type { AnalysisMeasurement, Finding } from '../../shared/ai-results';
import { AppError } from '../../shared/result';
import { readValidatedDataset } from '../dicom/dcmjs-dataset';
import { type NaturalDataset, naturalize } from './natural-dataset';

export interface ReportObserver {
  kind: 'device' | 'person';
  name: string;
  /** Device Observer Model Name, for devices. */
  model?: string;
}

export interface MeasurementGroup {
  trackingId?: string;
  finding?: { value: string; scheme: string; meaning: string };
  observer?: ReportObserver;
  algorithm?: { name: string; version?: string };
  centerLPS?: [number, number, number];
  referencedSegment?: { sopInstanceUID: string; segmentNumber: number };
  measurements: AnalysisMeasurement[];
  /** Concept meaning → code value of qualitative evaluations (Lung-RADS category, disposition, …). */
  evaluations: Record<string, string>;
}

export interface MeasurementReport {
  sopInstanceUID: string;
  studyInstanceUID: string;
  /** The first series named in the evidence: the images the findings are on. */
  evidenceSeriesUID?: string;
  manufacturer: string;
  softwareVersions: string;
  observers: ReportObserver[];
  groups: MeasurementGroup[];
}

const str = (v: unknown) => (Array.isArray(v) ? String(v[0] ?? '') : v === undefined ? '' : String(v));
const items = (v: unknown) => (Array.isArray(v) ? (v as NaturalDataset[]) : []);
const concept = (item: NaturalDataset) => items(item.ConceptNameCodeSequence)[0] ?? {};
const is = (item: NaturalDataset, value: string) => str(concept(item).CodeValue) === value;

function observers(content: NaturalDataset[]): ReportObserver[] {
  const found: ReportObserver[] = [];
  for (const item of content) {
    if (str(item.RelationshipType) !== 'HAS OBS CONTEXT') continue;
    if (is(item, '121005')) {
      const type = str(items(item.ConceptCodeSequence)[0]?.CodeValue);
      found.push({ kind: type === '121007' ? 'device' : 'person', name: '' });
    }
    const last = found.at(-1);
    if (!last) continue;
    const personName = item.PersonName;
    if (is(item, '121008')) last.name = typeof personName === 'object' && personName ? str((personName as Array<{ Alphabetic?: string }>)[0]?.Alphabetic) : str(personName);
    if (is(item, '121013')) last.name = str(item.TextValue);
    if (is(item, '121015')) last.model = str(item.TextValue);
  }
  return found;
}

function group(container: NaturalDataset): MeasurementGroup {
  const content = items(container.ContentSequence);
  const result: MeasurementGroup = { measurements: [], evaluations: {} };
  const observer = observers(content)[0];
  if (observer) result.observer = observer;
  for (const item of content) {
    const type = str(item.ValueType);
    const name = str(concept(item).CodeMeaning);
    if (is(item, '112039')) result.trackingId = str(item.TextValue);
    else if (is(item, '121071')) {
      const c = items(item.ConceptCodeSequence)[0] ?? {};
      result.finding = { value: str(c.CodeValue), scheme: str(c.CodingSchemeDesignator), meaning: str(c.CodeMeaning) };
    } else if (is(item, '111001')) result.algorithm = { ...result.algorithm, name: str(item.TextValue) };
    else if (is(item, '111003')) result.algorithm = { name: result.algorithm?.name ?? '', version: str(item.TextValue) };
    else if (type === 'SCOORD3D' && str(item.GraphicType) === 'POINT') {
      const p = (item.GraphicData as number[]).map(Number);
      result.centerLPS = [p[0]!, p[1]!, p[2]!];
    } else if (type === 'IMAGE' && is(item, '121191')) {
      const ref = items(item.ReferencedSOPSequence)[0] ?? {};
      result.referencedSegment = { sopInstanceUID: str(ref.ReferencedSOPInstanceUID), segmentNumber: Number(str(ref.ReferencedSegmentNumber) || 1) };
    } else if (type === 'NUM') {
      const measured = items(item.MeasuredValueSequence)[0];
      if (!measured) continue;
      const derivation = items(item.ContentSequence).find((c) => is(c, '121401'));
      const suffix = derivation ? ` (${str(items(derivation.ConceptCodeSequence)[0]?.CodeMeaning)})` : '';
      result.measurements.push({ name: `${name}${suffix}`, value: Number(str(measured.NumericValue)), unit: str(items(measured.MeasurementUnitsCodeSequence)[0]?.CodeValue) });
    } else if (type === 'CODE' && str(item.RelationshipType) === 'CONTAINS') {
      result.evaluations[name] = str(items(item.ConceptCodeSequence)[0]?.CodeValue);
    }
  }
  return result;
}

export function readMeasurementReport(bytes: Uint8Array): MeasurementReport {
  const { instance, dict } = readValidatedDataset(bytes);
  const ds = naturalize(dict);
  if (!instance.sopClassUID.startsWith('1.2.840.10008.5.1.4.1.1.88.') || !is(ds, '126000')) {
    throw new AppError('INVALID_ARGUMENT', 'The file is not a TID 1500 Imaging Measurement Report (DICOM SR with concept 126000).');
  }
  const root = items(ds.ContentSequence);
  const groups: MeasurementGroup[] = [];
  for (const section of root.filter((i) => is(i, '126010'))) {
    for (const container of items(section.ContentSequence).filter((i) => is(i, '125007'))) groups.push(group(container));
  }
  const evidence = items(items(ds.CurrentRequestedProcedureEvidenceSequence)[0]?.ReferencedSeriesSequence)[0];
  return {
    sopInstanceUID: str(ds.SOPInstanceUID),
    studyInstanceUID: str(ds.StudyInstanceUID),
    ...(evidence ? { evidenceSeriesUID: str(evidence.SeriesInstanceUID) } : {}),
    manufacturer: str(ds.Manufacturer),
    softwareVersions: str(ds.SoftwareVersions),
    observers: observers(root),
    groups,
  };
}

const TYPE_BY_CODE: Record<string, Finding['type']> = { '27925004': 'nodule', '4147007': 'mass', '52988006': 'lesion', '91723000': 'structure', CORE: 'core' };

/**
 * Findings from a report: measurements mapped to the finding fields they mean; a group without a
 * centre point is placed at its referenced segment's centroid when `segmentCentre` knows it, and
 * left out (with a warning) otherwise.
 */
export function measurementReportFindings(
  report: MeasurementReport,
  segmentCentre: (sopInstanceUID: string, segmentNumber: number) => [number, number, number] | undefined = () => undefined,
): { model: { id: string; version: string }; findings: Finding[]; warnings: string[] } {
  const findings: Finding[] = [];
  const warnings: string[] = [];
  report.groups.forEach((g, index) => {
    const center = g.centerLPS ?? (g.referencedSegment ? segmentCentre(g.referencedSegment.sopInstanceUID, g.referencedSegment.segmentNumber) : undefined);
    const label = g.finding?.meaning ?? g.trackingId ?? `group ${index + 1}`;
    if (!center) {
      warnings.push(`Measurement group "${label}" has no position (no centre point, no segment found); it is not shown.`);
      return;
    }
    // By concept meaning: the NUM's code is not kept in the measurement list.
    const value = (name: string) => g.measurements.find((m) => m.name === name || m.name.startsWith(`${name} (`))?.value;
    const finding: Finding = {
      id: `g${index + 1}`,
      type: TYPE_BY_CODE[g.finding?.value ?? ''] ?? 'lesion',
      label,
      name: { en: label, 'zh-CN': label },
      centerLPS: center,
    };
    const longAxis = value('Long Axis');
    const shortAxis = value('Short Axis');
    const volume = value('Volume');
    const mean = value('Attenuation Coefficient') ?? value('Apparent Diffusion Coefficient');
    if (longAxis !== undefined) finding.longAxisMm = longAxis;
    if (shortAxis !== undefined) finding.shortAxisMm = shortAxis;
    if (volume !== undefined) finding.volumeMl = volume;
    if (mean !== undefined) finding.meanValue = mean;
    if (g.referencedSegment) finding.labelValue = g.referencedSegment.segmentNumber;
    findings.push(finding);
  });
  const device = report.observers.find((o) => o.kind === 'device') ?? report.groups.find((g) => g.observer?.kind === 'device')?.observer;
  const algorithm = report.groups.find((g) => g.algorithm?.name)?.algorithm;
  const person = report.observers.find((o) => o.kind === 'person');
  const id = algorithm?.name || device?.name || report.manufacturer || (person ? `observer ${person.name}` : 'unknown');
  const version = algorithm?.version || device?.model || report.softwareVersions || 'unknown';
  return { model: { id, version }, findings, warnings };
}
