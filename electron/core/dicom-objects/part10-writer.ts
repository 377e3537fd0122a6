// Writes a dcmjs dataset back to DICOM Part 10 bytes (PS3.10 §7.1): the one place that reaches
// into dcmjs's untyped writer, so exporters and the de-identifier share one typed entry point.
import { data, type DcmjsDict, type DcmjsElement } from 'dcmjs';

interface DcmjsWriter {
  DicomDict: new (meta: DcmjsDict) => { dict: DcmjsDict; write(options?: { allowInvalidVRLength?: boolean }): ArrayBuffer };
}

/** Our implementation's identity in File Meta Information (0002,0012)/(0002,0013). */
export const IMPLEMENTATION_CLASS_UID = '2.25.119806370427938914358962046236318498357';
export const IMPLEMENTATION_VERSION_NAME = 'YINGDU_010';

export function element(vr: string, ...values: unknown[]): DcmjsElement {
  return { vr, Value: values };
}

/** File Meta Information for a dataset: only what PS3.10 requires, nothing that names a site. */
export function fileMeta(sopClassUID: string, sopInstanceUID: string, transferSyntaxUID: string): DcmjsDict {
  return {
    '00020001': { vr: 'OB', Value: [Uint8Array.from([0, 1]).buffer] },
    '00020002': element('UI', sopClassUID),
    '00020003': element('UI', sopInstanceUID),
    '00020010': element('UI', transferSyntaxUID),
    '00020012': element('UI', IMPLEMENTATION_CLASS_UID),
    '00020013': element('SH', IMPLEMENTATION_VERSION_NAME),
  };
}

export function writePart10(meta: DcmjsDict, dict: DcmjsDict): Uint8Array {
  const writer = new (data as unknown as DcmjsWriter).DicomDict(meta);
  writer.dict = dict;
  return new Uint8Array(writer.write());
}
