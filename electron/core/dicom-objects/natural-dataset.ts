// Datasets written by keyword ({ PatientName: …, SegmentSequence: [...] }) rather than by tag:
// dcmjs's naturalize/denaturalize, typed once here, and new UIDs in the UUID form of PS3.5 §B.2.
import { randomUUID } from 'node:crypto';
import { data } from 'dcmjs';
import type { DicomDataset } from './data-dictionary';

/** A dataset by keyword; `_vrMap` picks the VR where PS3.6 allows several (PixelData: "OB"). */
export type NaturalDataset = { [keyword: string]: unknown; _vrMap?: Record<string, string> };

interface DcmjsMetaDictionary {
  denaturalizeDataset(dataset: NaturalDataset): DicomDataset;
  naturalizeDataset(dataset: DicomDataset): NaturalDataset;
}
const meta = (data as unknown as { DicomMetaDictionary: DcmjsMetaDictionary }).DicomMetaDictionary;

export function denaturalize(dataset: NaturalDataset): DicomDataset {
  return meta.denaturalizeDataset(dataset);
}

export function naturalize(dataset: DicomDataset): NaturalDataset {
  return meta.naturalizeDataset(dataset);
}

export function newUid(): string {
  return `2.25.${BigInt(`0x${randomUUID().replace(/-/g, '')}`).toString(10)}`;
}

/** DICOM DA and TM (PS3.5 Table 6.2-1) of a moment, in local time as devices record it. */
export function dicomDateTime(at: Date): { date: string; time: string } {
  const two = (n: number) => String(n).padStart(2, '0');
  return {
    date: `${at.getFullYear()}${two(at.getMonth() + 1)}${two(at.getDate())}`,
    time: `${two(at.getHours())}${two(at.getMinutes())}${two(at.getSeconds())}`,
  };
}

/** A coded concept (PS3.3 Table 8.8-1), natural form. */
export interface Code {
  CodeValue: string;
  CodingSchemeDesignator: string;
  CodeMeaning: string;
}

export const code = (value: string, scheme: string, meaning: string): Code => ({ CodeValue: value, CodingSchemeDesignator: scheme, CodeMeaning: meaning });

/**
 * Patient and General Study modules (PS3.3 C.7.1.1, C.7.2.1) copied from a source image, so a
 * derived object (SEG, SR, Encapsulated PDF) files with the study it describes. Type 2
 * attributes the source lacks are written empty, as the modules require.
 */
export function patientAndStudyOf(source: NaturalDataset): NaturalDataset {
  return {
    PatientName: source.PatientName ?? '',
    PatientID: source.PatientID ?? '',
    PatientBirthDate: source.PatientBirthDate ?? '',
    PatientSex: source.PatientSex ?? '',
    StudyInstanceUID: source.StudyInstanceUID,
    StudyDate: source.StudyDate ?? '',
    StudyTime: source.StudyTime ?? '',
    ReferringPhysicianName: source.ReferringPhysicianName ?? '',
    StudyID: source.StudyID ?? '',
    AccessionNumber: source.AccessionNumber ?? '',
  };
}

export interface DerivedInstance {
  /** SOP Common, Patient, General Study, General Series, Equipment and content date/time. */
  header: NaturalDataset;
  sopInstanceUID: string;
  seriesInstanceUID: string;
  /** DA and TM of the content (Content Date/Time). */
  date: string;
  time: string;
}

/**
 * The single instance of a new series in the source's study, made by Yingdu: SOP Common in UTF-8
 * (PS3.3 C.12.1), the source's Patient and General Study, General Series (C.7.3.1), General
 * Equipment (C.7.5.1) and the content date and time. Each writer adds its IOD's own modules.
 */
export function newDerivedInstance(
  source: NaturalDataset,
  what: { sopClassUID: string; modality: string; seriesNumber: number; softwareVersion: string; now?: Date },
): DerivedInstance {
  const { date, time } = dicomDateTime(what.now ?? new Date());
  const sopInstanceUID = newUid();
  const seriesInstanceUID = newUid();
  const header: NaturalDataset = {
    SpecificCharacterSet: 'ISO_IR 192',
    SOPClassUID: what.sopClassUID,
    SOPInstanceUID: sopInstanceUID,
    ...patientAndStudyOf(source),
    Modality: what.modality,
    SeriesInstanceUID: seriesInstanceUID,
    SeriesNumber: what.seriesNumber,
    Manufacturer: 'Yingdu',
    SoftwareVersions: what.softwareVersion,
    InstanceNumber: 1,
    ContentDate: date,
    ContentTime: time,
  };
  return { header, sopInstanceUID, seriesInstanceUID, date, time };
}
