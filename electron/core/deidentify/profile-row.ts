// One row of DICOM PS3.15 Table E.1-1 as generated from the standard's attribute list.

/** Actions of PS3.15 E.1.1 Table E.1-1 (combinations such as "X/Z/D" are resolved per attribute). */
export type ProfileAction = 'X' | 'Z' | 'D' | 'U' | 'K' | 'C';

export interface ProfileRow {
  /** "00080050", or a mask ("50xxxxxx", "60xx3000") or "ggggeeee-where-gggg-is-odd" for private attributes. */
  id: string;
  /** As the standard prints it: "(0008,0050)". */
  tag: string;
  name: string;
  /** Basic Profile action: a single action or a combination ("X/Z", "X/Z/D", "Z/D", "X/D", "X/Z/U*"). */
  basicProfile: string;
  /** "Y" when the attribute is in a standard composite IOD. */
  stdCompIOD: string;
  /** Actions under the profile options (retain UIDs, clean descriptors, …), keyed by the JSON's column names. */
  options: Record<string, string>;
}
