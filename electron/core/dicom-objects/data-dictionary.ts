// The PS3.6 data dictionary as dcmjs ships it: the VR of a standard tag, for code that builds
// datasets from tag lists (the de-identification tests, object writers).
import { data } from 'dcmjs';

/** dcmjs's dataset shape ("naturalized" is not used: keys are tags such as "00100010"). */
export interface DicomElement {
  vr: string;
  Value?: unknown[];
}
export type DicomDataset = Record<string, DicomElement | undefined>;

const dictionary = (data as unknown as { DicomMetaDictionary: { dictionary: Record<string, { vr: string } | undefined> } }).DicomMetaDictionary.dictionary;

/** VR of a tag written "(gggg,eeee)"; the first VR where PS3.6 lists several ("US or SS"); undefined when unknown. */
export function standardVr(tag: string): string | undefined {
  const vr = dictionary[tag.toUpperCase()]?.vr;
  return vr?.split('|')[0];
}
