// The slice of dcmjs's untyped API the volume builder uses (dcmjs ships no declarations).
// Remove in favour of a project-wide declaration when the DICOM parser adds one.
declare module 'dcmjs' {
  export interface DcmjsElement {
    vr: string;
    Value?: unknown[];
  }
  export type DcmjsDict = Record<string, DcmjsElement | undefined>;
  export const data: {
    DicomMessage: {
      readFile(buffer: ArrayBuffer, options?: { ignoreErrors?: boolean; untilTag?: string }): { meta: DcmjsDict; dict: DcmjsDict };
    };
  };
  export const log: { setLevel(level: string): void };
}
