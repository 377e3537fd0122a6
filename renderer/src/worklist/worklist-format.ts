// Display forms of DICOM values on the worklist: person names (PS3.5 6.2.1: components by ^,
// alphabetic=ideographic=phonetic groups by =), DA/TM dates and times, and age at the study.
import type { MessageKey } from '../../../electron/shared/i18n';

export interface DisplayName {
  /** What the reader scans for: the ideographic (Chinese) form when present, else the alphabetic one. */
  primary: string;
  /** The other representation (romanised name under a Chinese one), or ''. */
  secondary: string;
}

const components = (group: string) => group.split('^').map((p) => p.trim()).filter(Boolean);
const spaced = (group: string) => components(group).join(' ');
/** Chinese names are written family name + given name without a space (王小明). */
const ideographicForm = (group: string) => components(group).join(/^[\u2e80-\u9fff]/u.test(group) ? '' : ' ');

export function displayName(pn: string): DisplayName {
  const [alphabeticGroup = '', ideographicGroup = '', phoneticGroup = ''] = pn.split('=');
  const alphabetic = spaced(alphabeticGroup);
  const ideographic = ideographicForm(ideographicGroup);
  const phonetic = spaced(phoneticGroup);
  if (ideographic) return { primary: ideographic, secondary: alphabetic || phonetic };
  return { primary: alphabetic || phonetic, secondary: '' };
}

/** YYYYMMDD → YYYY-MM-DD; anything else unchanged. */
export function displayDate(da: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(da);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : da;
}

/** HHMMSS.FFFFFF → HH:MM (the reading room does not need seconds). */
export function displayTime(tm: string): string {
  const m = /^(\d{2})(\d{2})?/.exec(tm);
  if (!m) return '';
  return `${m[1]}:${m[2] ?? '00'}`;
}

function parseDA(da: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(da);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
}

/** Age at the study date, as DICOM Patient's Age units (PS3.5 AS): years, months under 2, days under 1 month. */
export function ageAtStudy(birthDate: string, studyDate: string): { value: number; unit: 'Y' | 'M' | 'D' } | null {
  const birth = parseDA(birthDate);
  const study = parseDA(studyDate);
  if (!birth || !study || study < birth) return null;
  let years = study.getUTCFullYear() - birth.getUTCFullYear();
  let months = study.getUTCMonth() - birth.getUTCMonth();
  if (study.getUTCDate() < birth.getUTCDate()) months -= 1;
  if (months < 0) {
    years -= 1;
    months += 12;
  }
  if (years >= 2) return { value: years, unit: 'Y' };
  const totalMonths = years * 12 + months;
  if (totalMonths >= 1) return { value: totalMonths, unit: 'M' };
  return { value: Math.round((study.getTime() - birth.getTime()) / 86_400_000), unit: 'D' };
}

export const AGE_KEYS: Record<'Y' | 'M' | 'D', MessageKey> = {
  Y: 'worklist.ageYears',
  M: 'worklist.ageMonths',
  D: 'worklist.ageDays',
};

/** Replaces {name} placeholders of a translated message. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** Seconds as "1 h 05 min", "4 min 10 s", "12 s". */
export function displayDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s >= 3600) return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
  if (s >= 60) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${s} s`;
}
