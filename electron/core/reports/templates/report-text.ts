// The structured report as plain text in one language: the findings section generated from the
// reviewed findings (only those the reader kept), the reader's free findings, the impression,
// the Lung-RADS recommendation, the addendum, and the AI-assisted, physician-confirmed statement.
import type { ReportFinding, StructuredReport, UserRole } from '../../../shared/reports';
import { isReported } from '../report-builder';
import {
  CONSISTENCY_TERMS,
  EXAM_TITLES,
  locationTerm,
  PHRASES,
  type ReportLanguage,
  SIDE_TERMS,
  STATUS_TERMS,
  type Term,
  TYPE_TERMS,
} from './report-terms';

const ROLE_TERMS: Record<UserRole, Term> = {
  radiologist: { en: 'radiologist', 'zh-CN': '放射科医师' },
  resident: { en: 'resident', 'zh-CN': '住院医师' },
  technologist: { en: 'technologist', 'zh-CN': '技师' },
};

const mm = (v: number) => v.toFixed(1);
const ml = (v: number) => (v < 10 ? v.toFixed(2) : v.toFixed(1));

/** "右肺上叶实性结节" / "Right upper lobe solid nodule": location + type term. */
export function findingName(f: ReportFinding, lang: ReportLanguage): string {
  const v = f.values;
  const isLung = f.type === 'nodule' || f.type === 'mass';
  const typeTerm = isLung && f.type === 'nodule' && v.consistency ? CONSISTENCY_TERMS[v.consistency][lang] : (TYPE_TERMS[f.type]?.[lang] ?? f.type);
  const where =
    f.locationName?.[lang] ?? locationTerm(v.location, lang) ?? (v.side && v.side !== 'midline' ? SIDE_TERMS[v.side][lang] : undefined);
  if (lang === 'zh-CN') return `${where ?? ''}${typeTerm}`;
  const text = where ? `${where} ${typeTerm}` : typeTerm;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function findingLine(f: ReportFinding, lang: ReportLanguage): string {
  const v = f.values;
  const zh = lang === 'zh-CN';
  const parts: string[] = [findingName(f, lang)];
  if (v.longAxisMm !== undefined) {
    const size = v.shortAxisMm !== undefined ? `${mm(v.longAxisMm)} × ${mm(v.shortAxisMm)} mm` : `${mm(v.longAxisMm)} mm`;
    const mean = f.lungRads ? (zh ? `（${PHRASES.meanDiameter[lang]} ${mm(f.lungRads.meanDiameterMm)} mm）` : ` (${PHRASES.meanDiameter[lang]} ${mm(f.lungRads.meanDiameterMm)} mm)`) : '';
    parts.push(zh ? `大小约 ${size}${mean}` : `${size}${mean}`);
  }
  if (v.consistency === 'part-solid' && v.solidComponentMm !== undefined) parts.push(`${PHRASES.solidComponent[lang]} ${mm(v.solidComponentMm)} mm`);
  if (v.volumeMl !== undefined && f.type !== 'nodule') parts.push(`${PHRASES.volume[lang]} ${ml(v.volumeMl)} mL`);
  if (f.lungRads) parts.push(zh ? `Lung-RADS ${f.lungRads.category} 类` : `Lung-RADS category ${f.lungRads.category}`);
  const origin =
    f.source === 'reader' ? PHRASES.readerAdded[lang] : f.disposition === 'edited' ? PHRASES.aiEdited[lang] : PHRASES.aiDetected[lang];
  const flags = f.ai?.lowConfidence ? `${zh ? '；' : '; '}${PHRASES.lowConfidence[lang]}` : '';
  return zh ? `${parts.join('，')}。（${origin}${flags}）` : `${parts.join(', ')}. (${origin}${flags})`;
}

function strokeLines(report: StructuredReport, lang: ReportLanguage): string[] {
  const core = report.strokeCore;
  if (!core) return [];
  if (core.volumeMl <= 0) return [PHRASES.coreNone[lang]];
  const where = locationTerm(core.location, lang) ?? (core.side ? SIDE_TERMS[core.side][lang] : undefined);
  return lang === 'zh-CN'
    ? [`梗死核心体积约 ${ml(core.volumeMl)} mL${where ? `，位于${where}` : ''}。`]
    : [`Infarct core volume ${ml(core.volumeMl)} mL${where ? `, ${where}` : ''}.`];
}

function volumetryLines(report: StructuredReport, lang: ReportLanguage): string[] {
  if (!report.volumetry) return [];
  const sep = lang === 'zh-CN' ? '：' : ': ';
  return [`${PHRASES.volumetry[lang]}${sep}`, ...report.volumetry.rows.map((r) => `  ${r.name?.[lang] ?? r.key}${sep}${ml(r.volumeMl)} mL`)];
}

/** The generated findings section (what consistency checks compare the reader's text against). */
export function findingsSection(report: StructuredReport, lang: ReportLanguage): string[] {
  const reported = report.findings.filter((f) => isReported(f) && f.type !== 'structure' && f.type !== 'core');
  const lines = reported.map((f, i) => `${i + 1}. ${findingLine(f, lang)}`);
  if (report.examType === 'chest-ct' && reported.length === 0) lines.push(PHRASES.noNodules[lang]);
  lines.push(...strokeLines(report, lang), ...volumetryLines(report, lang));
  if (lines.length === 0) lines.push(PHRASES.noFindings[lang]);
  return lines;
}

export function aiStatement(report: StructuredReport, lang: ReportLanguage): string {
  if (report.models.length === 0) return PHRASES.noAi[lang];
  const sep = lang === 'zh-CN' ? '、' : ', ';
  return `${PHRASES.aiStatement[lang]}${report.models.map((m) => `${m.id} ${m.version}`).join(sep)}${lang === 'zh-CN' ? '。' : '.'}`;
}

export function renderReportText(report: StructuredReport, lang: ReportLanguage): string {
  const zh = lang === 'zh-CN';
  const colon = zh ? '：' : ':';
  const out: string[] = [EXAM_TITLES[report.examType][lang], `${PHRASES.status[lang]}${colon}${zh ? '' : ' '}${STATUS_TERMS[report.status][lang]}`, ''];
  out.push(`${PHRASES.findings[lang]}${colon}`, ...findingsSection(report, lang));
  if (report.freeFindings.trim()) out.push(report.freeFindings.trim());
  out.push('', `${PHRASES.impression[lang]}${colon}`, report.impression.trim() || '—');
  if (report.lungRads) {
    const category = zh ? `Lung-RADS ${report.lungRads.category} 类` : `Lung-RADS category ${report.lungRads.category}`;
    out.push('', `${PHRASES.recommendation[lang]}${colon}`, `${category}${zh ? '：' : ': '}${report.lungRads.management[lang]}`);
  }
  if (report.addendum?.trim()) out.push('', `${PHRASES.addendum[lang]}${colon}`, report.addendum.trim());
  out.push('', aiStatement(report, lang));
  for (const s of report.signatures) {
    const role = zh ? `（${ROLE_TERMS[s.reader.role][lang]}）` : ` (${ROLE_TERMS[s.reader.role][lang]})`;
    out.push(`${PHRASES.signedBy[lang]}${colon}${zh ? '' : ' '}${s.reader.name}${role} · ${STATUS_TERMS[s.status][lang]} · ${s.at}`);
  }
  return `${out.join('\n')}\n`;
}
