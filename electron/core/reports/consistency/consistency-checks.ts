// Checks run before sign-off. Each problem becomes a warning with a stable key; the reader fixes
// it or acknowledges it (an `acknowledge` event), and signing is refused while any is open.
// Pure: the report (without warnings), the reader-written texts and the phrase list go in.
import { findingKey, type ConsistencyWarning, type ReportFinding, type StructuredReport } from '../../../shared/reports';
import { isReported, lungRadsOf } from '../report-builder';
import { findingName } from '../templates/report-text';
import { LOCATION_TERMS, locationTerm } from '../templates/report-terms';

/**
 * Patient left is +x in DICOM patient coordinates (LPS, PS3.3 C.7.6.2.1.1). Within this distance
 * of x = 0 (the scanner isocentre, roughly the patient's midline) no side is inferred.
 */
export const MIDLINE_MARGIN_MM = 10;

/** Speculative or forbidden wording, checked in both languages; stored as a preference, editable. */
export const DEFAULT_PHRASE_LIST: readonly string[] = [
  '不能排除',
  '不除外',
  '疑似',
  '似乎',
  '待排',
  '考虑可能',
  'cannot be excluded',
  'cannot rule out',
  'possibly',
  'may represent',
  'questionable',
];

type SideWord = 'left' | 'right';
const LEFT = /\bleft\b|左/i;
const RIGHT = /\bright\b|右/i;

export function sideWordsIn(text: string): SideWord[] {
  const words: SideWord[] = [];
  if (LEFT.test(text)) words.push('left');
  if (RIGHT.test(text)) words.push('right');
  return words;
}

export function sideOfCoordinates(centerLPS: readonly number[] | undefined): SideWord | null {
  const x = centerLPS?.[0];
  if (x === undefined || Math.abs(x) <= MIDLINE_MARGIN_MM) return null;
  return x > 0 ? 'left' : 'right';
}

const sentences = (text: string) => text.split(/[。；;.\n]+(?:\s|$)|[。；\n]/).map((s) => s.trim()).filter(Boolean);

/** Size numbers a reader would write for this finding ("12.4", "12"). */
function sizeTokens(f: ReportFinding): string[] {
  const sizes = [f.values.longAxisMm, f.lungRads?.meanDiameterMm].filter((v): v is number => v !== undefined);
  return [...new Set(sizes.flatMap((v) => [v.toFixed(1), String(Math.round(v))]))];
}
const mentionsNumber = (sentence: string, token: string) => new RegExp(`(^|[^0-9.])${token.replace('.', '\\.')}\\s*(mm|毫米)`, 'i').test(sentence);

/** Words that name this finding in either language: its location, its full name. */
function namesOf(f: ReportFinding): string[] {
  const names = [findingName(f, 'zh-CN'), findingName(f, 'en')];
  const loc = f.values.location;
  if (loc) names.push(locationTerm(loc, 'zh-CN') ?? loc, locationTerm(loc, 'en') ?? loc);
  if (f.locationName) names.push(f.locationName.en, f.locationName['zh-CN']);
  if (f.type === 'core') names.push('梗死', 'infarct');
  return names.filter((n) => n.length >= 2).map((n) => n.toLowerCase());
}

function warn(
  key: string,
  kind: ConsistencyWarning['kind'],
  en: string,
  zh: string,
  f?: ReportFinding,
): Omit<ConsistencyWarning, 'acknowledged'> {
  return f ? { key, kind, finding: f.ref, message: { en, 'zh-CN': zh } } : { key, kind, message: { en, 'zh-CN': zh } };
}

export interface CheckInput {
  report: Omit<StructuredReport, 'warnings'>;
  phraseList: readonly string[];
  acknowledged: readonly string[];
}

export function checkConsistency({ report, phraseList, acknowledged }: CheckInput): ConsistencyWarning[] {
  const out: Omit<ConsistencyWarning, 'acknowledged'>[] = [];
  const readerText = [report.freeFindings, report.impression, report.addendum ?? ''].join('\n');
  const readerSentences = sentences(readerText);
  const reported = report.findings.filter((f) => isReported(f) && f.type !== 'structure');

  for (const f of reported) {
    const key = findingKey(f.ref);
    const label = findingName(f, 'en');
    const labelZh = findingName(f, 'zh-CN');
    const actual = sideOfCoordinates(f.values.centerLPS);
    if (actual) {
      const stated = [...sideWordsIn(`${f.values.location ?? ''} ${f.values.side ?? ''}`), ...sideWordsIn(f.locationName?.en ?? '')];
      const bySize = readerSentences.filter((s) => sizeTokens(f).some((t) => mentionsNumber(s, t))).flatMap(sideWordsIn);
      if ([...stated, ...bySize].some((w) => w !== actual)) {
        out.push(
          warn(
            `laterality:${key}`,
            'laterality',
            `"${label}": a laterality word says ${actual === 'left' ? 'right' : 'left'}, but its coordinates (x = ${f.values.centerLPS?.[0]?.toFixed(1)} mm) are on the patient's ${actual}.`,
            `“${labelZh}”：侧别描述为${actual === 'left' ? '右' : '左'}侧，但其坐标（x = ${f.values.centerLPS?.[0]?.toFixed(1)} mm）位于患者${actual === 'left' ? '左' : '右'}侧。`,
            f,
          ),
        );
      }
    }
    if (f.lungRads && f.values.longAxisMm !== undefined) {
      const computed = lungRadsOf({ ...f.values, lungRadsCategory: undefined })?.category;
      const given = f.lungRads.category;
      const contradicts = given === '4X' ? computed === '1' || computed === '2' : computed !== undefined && computed !== given;
      if (contradicts) {
        out.push(
          warn(
            `size-category:${key}`,
            'size-category',
            `"${label}": category ${given} does not match its size (mean diameter ${f.lungRads.meanDiameterMm.toFixed(1)} mm gives Lung-RADS ${computed}).`,
            `“${labelZh}”：Lung-RADS ${given} 类与其大小不符（平均直径 ${f.lungRads.meanDiameterMm.toFixed(1)} mm 对应 ${computed} 类）。`,
            f,
          ),
        );
      }
    }
    const text = readerText.toLowerCase();
    const mentioned = namesOf(f).some((n) => text.includes(n)) || sizeTokens(f).some((t) => mentionsNumber(readerText, t));
    if (!mentioned) {
      out.push(
        warn(
          `missing-from-text:${key}`,
          'missing-from-text',
          `"${label}" was kept in the review but is not mentioned in the impression or free findings.`,
          `“${labelZh}”已确认，但诊断意见或自由描述中未提及。`,
          f,
        ),
      );
    }
  }

  if (report.lungRads) {
    const allowed = new Set([report.lungRads.category, ...reported.map((f) => f.lungRads?.category)]);
    for (const match of readerText.matchAll(/Lung-RADS\s*(?:category\s*)?(4A|4B|4X|[0-4])/gi)) {
      const category = (match[1] ?? '').toUpperCase();
      if (!allowed.has(category as never)) {
        out.push(
          warn(
            `size-category:text:${category}`,
            'size-category',
            `The text names Lung-RADS ${category}, but the reported nodules give category ${report.lungRads.category}.`,
            `文本中写有 Lung-RADS ${category} 类，但所报告结节对应 ${report.lungRads.category} 类。`,
          ),
        );
      }
    }
  }

  const lower = readerText.toLowerCase();
  for (const phrase of phraseList) {
    if (phrase.trim() && lower.includes(phrase.trim().toLowerCase())) {
      out.push(
        warn(
          `forbidden-phrase:${phrase.trim().toLowerCase()}`,
          'forbidden-phrase',
          `The text uses "${phrase}", which is on the list of speculative or forbidden wording.`,
          `文本使用了“${phrase}”，属于推测性或禁用措辞。`,
        ),
      );
    }
  }
  const acked = new Set(acknowledged);
  const unique = new Map(out.map((w) => [w.key, w]));
  return [...unique.values()].map((w) => ({ ...w, acknowledged: acked.has(w.key) }));
}

/** Location keys the laterality check understands (exported for the form's location picker). */
export const KNOWN_LOCATIONS = Object.keys(LOCATION_TERMS);
