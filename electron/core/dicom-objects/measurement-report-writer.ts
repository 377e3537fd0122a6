// DICOM Comprehensive 3D SR with the TID 1500 Measurement Report (PS3.16): one TID 1501
// Measurement and Qualitative Evaluation Group per finding, with its measurements (diameters,
// volume, mean HU / ADC), qualitative evaluations (finding type, Lung-RADS category, review
// disposition) and its own observer context (TID 1002): a device observer (the model id and
// version) for AI findings, a person observer for findings the physician added or edited.
import type { Finding } from '../../shared/ai-results';
import { AppError } from '../../shared/result';
import { code, type Code, denaturalize, dicomDateTime, type NaturalDataset, newDerivedInstance, newUid } from './natural-dataset';
import { fileMeta, writePart10 } from './part10-writer';
import type { WrittenObject } from './seg-writer';

export const COMPREHENSIVE_3D_SR = '1.2.840.10008.5.1.4.1.1.88.34';
/** Our own codes where DICOM and SNOMED have none (PS3.16 §8.2 private coding schemes start with "99"). */
export const YINGDU_SCHEME = '99YINGDU';

export const SR_CODES = {
  report: code('126000', 'DCM', 'Imaging Measurement Report'),
  language: code('121049', 'DCM', 'Language of Content Item and Descendants'),
  observerType: code('121005', 'DCM', 'Observer Type'),
  person: code('121006', 'DCM', 'Person'),
  device: code('121007', 'DCM', 'Device'),
  personName: code('121008', 'DCM', 'Person Observer Name'),
  deviceUid: code('121012', 'DCM', 'Device Observer UID'),
  deviceName: code('121013', 'DCM', 'Device Observer Name'),
  deviceManufacturer: code('121014', 'DCM', 'Device Observer Manufacturer'),
  deviceModel: code('121015', 'DCM', 'Device Observer Model Name'),
  algorithmName: code('111001', 'DCM', 'Algorithm Name'),
  algorithmVersion: code('111003', 'DCM', 'Algorithm Version'),
  procedure: code('121058', 'DCM', 'Procedure reported'),
  measurements: code('126010', 'DCM', 'Imaging Measurements'),
  group: code('125007', 'DCM', 'Measurement Group'),
  trackingId: code('112039', 'DCM', 'Tracking Identifier'),
  trackingUid: code('112040', 'DCM', 'Tracking Unique Identifier'),
  finding: code('121071', 'DCM', 'Finding'),
  center: code('111010', 'DCM', 'Center'),
  longAxis: code('103339001', 'SCT', 'Long Axis'),
  shortAxis: code('103340004', 'SCT', 'Short Axis'),
  volume: code('118565006', 'SCT', 'Volume'),
  meanHu: code('112031', 'DCM', 'Attenuation Coefficient'),
  adc: code('113041', 'DCM', 'Apparent Diffusion Coefficient'),
  lungRads: code('LRADS', YINGDU_SCHEME, 'Lung-RADS v2022 category'),
  disposition: code('DISPOSITION', YINGDU_SCHEME, 'Physician review disposition'),
} as const;

const FINDING_CODES: Record<Finding['type'], Code> = {
  nodule: code('27925004', 'SCT', 'Nodule'),
  mass: code('4147007', 'SCT', 'Mass'),
  lesion: code('52988006', 'SCT', 'Lesion'),
  structure: code('91723000', 'SCT', 'Anatomical structure'),
  core: code('CORE', YINGDU_SCHEME, 'Infarct core'),
  classification: code('CLASSIFICATION', YINGDU_SCHEME, 'Classification'),
  detection: code('DETECTION', YINGDU_SCHEME, 'Detection'),
};

export type Observer = { kind: 'device'; modelId: string; modelVersion: string } | { kind: 'person'; name: string };

export interface ReportedFinding {
  finding: Finding;
  observer: Observer;
  /** accepted / rejected / edited / added, when reviewed. */
  disposition?: string;
  /** "1" … "4X" when the finding has a Lung-RADS category. */
  lungRads?: string;
}

export interface MeasurementReportInput {
  /** The source series (naturalized), for patient, study and frame of reference. */
  sources: NaturalDataset[];
  findings: ReportedFinding[];
  /** Document-level observers: the AI models and the reading physician. */
  observers: Observer[];
  /** Set when a physician signed: the report is VERIFIED with them as verifying observer. */
  verifiedBy?: { name: string; at: Date };
  softwareVersion: string;
  now?: Date;
}

const item = (relationship: string, valueType: string, concept: Code, value: NaturalDataset = {}): NaturalDataset => ({
  RelationshipType: relationship,
  ValueType: valueType,
  ConceptNameCodeSequence: [concept],
  ...value,
});
const codeItem = (rel: string, concept: Code, value: Code) => item(rel, 'CODE', concept, { ConceptCodeSequence: [value] });
const textItem = (rel: string, concept: Code, value: string) => item(rel, 'TEXT', concept, { TextValue: value.slice(0, 1024) });
const numItem = (concept: Code, value: number, unit: string, meaning: string) =>
  item('CONTAINS', 'NUM', concept, { MeasuredValueSequence: [{ NumericValue: Number(value.toPrecision(8)), MeasurementUnitsCodeSequence: [code(unit, 'UCUM', meaning)] }] });

/** A device observer's UID is derived from the model id and version, so every report of one model names the same device. */
function observerItems(observer: Observer): NaturalDataset[] {
  if (observer.kind === 'person') return [codeItem('HAS OBS CONTEXT', SR_CODES.observerType, SR_CODES.person), item('HAS OBS CONTEXT', 'PNAME', SR_CODES.personName, { PersonName: observer.name })];
  return [
    codeItem('HAS OBS CONTEXT', SR_CODES.observerType, SR_CODES.device),
    item('HAS OBS CONTEXT', 'UIDREF', SR_CODES.deviceUid, { UID: deviceUid(observer.modelId, observer.modelVersion) }),
    textItem('HAS OBS CONTEXT', SR_CODES.deviceName, observer.modelId),
    textItem('HAS OBS CONTEXT', SR_CODES.deviceManufacturer, 'Yingdu'),
    textItem('HAS OBS CONTEXT', SR_CODES.deviceModel, `${observer.modelId} ${observer.modelVersion}`),
  ];
}

function deviceUid(modelId: string, version: string): string {
  let hash = 0n;
  for (const byte of Buffer.from(`${modelId}\u0000${version}`, 'utf8')) hash = (hash * 131n + BigInt(byte)) % (1n << 120n);
  return `2.25.${hash}`;
}

export function writeMeasurementReport(input: MeasurementReportInput): WrittenObject {
  const first = input.sources[0];
  if (!first) throw new AppError('INVALID_ARGUMENT', 'A measurement report needs the series its findings were made on; none was given.');
  const frameOfReferenceUID = String(first.FrameOfReferenceUID ?? '');
  const modality = String(first.Modality ?? '');
  const groups = input.findings.map(({ finding, observer, disposition, lungRads }) => {
    const content: NaturalDataset[] = [
      ...observerItems(observer),
      textItem('HAS OBS CONTEXT', SR_CODES.trackingId, finding.id),
      item('HAS OBS CONTEXT', 'UIDREF', SR_CODES.trackingUid, { UID: newUid() }),
      codeItem('CONTAINS', SR_CODES.finding, FINDING_CODES[finding.type]),
    ];
    if (observer.kind === 'device') {
      content.push(textItem('CONTAINS', SR_CODES.algorithmName, observer.modelId), textItem('CONTAINS', SR_CODES.algorithmVersion, observer.modelVersion));
    }
    if (frameOfReferenceUID) {
      content.push(item('CONTAINS', 'SCOORD3D', SR_CODES.center, { GraphicType: 'POINT', GraphicData: finding.centerLPS, ReferencedFrameOfReferenceUID: frameOfReferenceUID }));
    }
    if (finding.longAxisMm !== undefined) content.push(numItem(SR_CODES.longAxis, finding.longAxisMm, 'mm', 'millimeter'));
    if (finding.shortAxisMm !== undefined) content.push(numItem(SR_CODES.shortAxis, finding.shortAxisMm, 'mm', 'millimeter'));
    if (finding.volumeMl !== undefined) content.push(numItem(SR_CODES.volume, finding.volumeMl, 'ml', 'milliliter'));
    if (finding.meanValue !== undefined) {
      content.push(modality === 'MR' ? numItem(SR_CODES.adc, finding.meanValue, 'um2/s', 'um2/s') : numItem(SR_CODES.meanHu, finding.meanValue, "[hnsf'U]", 'Hounsfield unit'));
    }
    if (lungRads) content.push(codeItem('CONTAINS', SR_CODES.lungRads, code(`LR${lungRads}`, YINGDU_SCHEME, `Lung-RADS ${lungRads}`)));
    if (disposition) content.push(codeItem('CONTAINS', SR_CODES.disposition, code(disposition.toUpperCase(), YINGDU_SCHEME, disposition)));
    return item('CONTAINS', 'CONTAINER', SR_CODES.group, { ContinuityOfContent: 'SEPARATE', ContentTemplateSequence: [{ MappingResource: 'DCMR', TemplateIdentifier: '1501' }], ContentSequence: content });
  });

  const { header, sopInstanceUID, seriesInstanceUID } = newDerivedInstance(first, {
    sopClassUID: COMPREHENSIVE_3D_SR,
    modality: 'SR',
    seriesNumber: 901,
    softwareVersion: input.softwareVersion,
    now: input.now,
  });
  const verified = input.verifiedBy;
  const dataset: NaturalDataset = {
    ...header,
    ReferencedPerformedProcedureStepSequence: [],
    CompletionFlag: 'COMPLETE',
    VerificationFlag: verified ? 'VERIFIED' : 'UNVERIFIED',
    ...(verified
      ? {
          VerifyingObserverSequence: [
            {
              VerifyingObserverName: verified.name,
              VerifyingObserverIdentificationCodeSequence: [],
              VerifyingOrganization: 'Yingdu',
              VerificationDateTime: `${dicomDateTime(verified.at).date}${dicomDateTime(verified.at).time}`,
            },
          ],
        }
      : {}),
    PerformedProcedureCodeSequence: [],
    // The series the findings are on, so a reader (and our re-import) can place them (C.17.2.3).
    CurrentRequestedProcedureEvidenceSequence: [
      {
        StudyInstanceUID: first.StudyInstanceUID,
        ReferencedSeriesSequence: [
          { SeriesInstanceUID: first.SeriesInstanceUID, ReferencedSOPSequence: input.sources.map((s) => ({ ReferencedSOPClassUID: s.SOPClassUID, ReferencedSOPInstanceUID: s.SOPInstanceUID })) },
        ],
      },
    ],
    ValueType: 'CONTAINER',
    ConceptNameCodeSequence: [SR_CODES.report],
    ContinuityOfContent: 'SEPARATE',
    ContentTemplateSequence: [{ MappingResource: 'DCMR', TemplateIdentifier: '1500' }],
    ContentSequence: [
      codeItem('HAS CONCEPT MOD', SR_CODES.language, code('en-US', 'RFC5646', 'English (United States)')),
      ...input.observers.flatMap(observerItems),
      codeItem('HAS CONCEPT MOD', SR_CODES.procedure, modality === 'MR' ? code('25064-9', 'LN', 'MR Brain') : code('24627-2', 'LN', 'CT Chest')),
      item('CONTAINS', 'CONTAINER', SR_CODES.measurements, { ContinuityOfContent: 'SEPARATE', ContentSequence: groups }),
    ],
  };
  const bytes = writePart10(fileMeta(COMPREHENSIVE_3D_SR, sopInstanceUID, '1.2.840.10008.1.2.1'), denaturalize(dataset));
  return { bytes, sopInstanceUID, seriesInstanceUID, notes: [] };
}
