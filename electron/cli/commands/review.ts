// `yingdu review STUDY_UID --json` and `yingdu report export STUDY_UID --format F --out PATH`:
// the review state of a study and its report on the command line. They open only the database
// (no import workers, no inference), like `yingdu models`.
import { ensureDataLayout, resolveDataDir, type DataLayout } from '../../core/app/data-dir';
import { createAnalysisStore } from '../../core/inference/jobs/analysis-store';
import { exportReport, REPORT_EXPORTERS } from '../../core/reports/export/report-exporters';
import { createReviewService, type ReviewService } from '../../core/review/review-service';
import { type Database, openDatabase } from '../../core/store/database';
import { findingKey } from '../../shared/reports';
import { uidSchema } from '../../shared/studies';
import { printJson, UsageError } from '../cli-io';
import type { CliCommand } from '../command';

async function withReview<T>(data: string | undefined, run: (review: ReviewService, db: Database, layout: DataLayout) => T | Promise<T>): Promise<T> {
  const layout = ensureDataLayout(resolveDataDir(data));
  const db = openDatabase(layout.database);
  try {
    return await run(createReviewService({ db, analyses: createAnalysisStore(db) }), db, layout);
  } finally {
    db.close();
  }
}

function studyUid(value: string | undefined): string {
  if (!value) throw new UsageError('give the Study Instance UID');
  if (!uidSchema.safeParse(value).success) throw new UsageError(`"${value.slice(0, 70)}" is not a DICOM UID (digits and dots)`);
  return value;
}

export const reviewCommand: CliCommand = {
  name: 'review',
  summary: 'Findings of a study with their current disposition, and the review event history',
  usage: 'yingdu review STUDY_UID [--data DIR] [--json]',
  async run({ io, common, positionals }) {
    if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
    const uid = studyUid(positionals[0]);
    const review = await withReview(common.data, (r) => r.review(uid));
    if (common.json) {
      printJson(io, {
        studyInstanceUID: uid,
        status: review.status,
        findings: review.report.findings,
        events: review.events,
        signatures: review.signatures,
        warnings: review.report.warnings,
      });
      return 0;
    }
    const lines = [`status: ${review.status}`, `findings: ${review.findings.length}`];
    for (const f of review.report.findings) {
      const model = f.ai ? `${f.ai.modelId} ${f.ai.modelVersion}` : 'reader';
      lines.push(`  ${findingKey(f.ref).padEnd(16)} ${f.disposition.padEnd(9)} ${f.type.padEnd(8)} ${f.lungRads ? `Lung-RADS ${f.lungRads.category}  ` : ''}${model}${f.reason ? `  reason: ${f.reason}` : ''}`);
    }
    lines.push(`events: ${review.events.length}`);
    for (const e of review.events) lines.push(`  #${e.id} ${e.at} ${e.reader.name} (${e.reader.role}) ${e.action}${e.finding ? ` ${findingKey(e.finding)}` : ''}`);
    io.stdout(`${lines.join('\n')}\n`);
    return 0;
  },
};

export const reportCommand: CliCommand = {
  name: 'report',
  summary: `Export the current report of a study (formats: ${Object.keys(REPORT_EXPORTERS).join(', ')})`,
  usage: 'yingdu report export STUDY_UID --format FORMAT --out PATH [--lang zh-CN|en] [--data DIR] [--json]',
  options: { format: { type: 'string' }, out: { type: 'string' }, lang: { type: 'string' } },
  async run({ io, common, positionals, options }) {
    const [action, uidText, ...extra] = positionals;
    if (action !== 'export') throw new UsageError('the only report action is "export"');
    if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
    const uid = studyUid(uidText);
    const format = typeof options.format === 'string' ? options.format : undefined;
    const out = typeof options.out === 'string' ? options.out : undefined;
    const lang = typeof options.lang === 'string' ? options.lang : 'zh-CN';
    if (!format) throw new UsageError(`--format is required (${Object.keys(REPORT_EXPORTERS).join(', ')})`);
    if (!out) throw new UsageError('--out PATH is required');
    if (lang !== 'zh-CN' && lang !== 'en') throw new UsageError('--lang must be zh-CN or en');
    const written = await withReview(common.data, (review, db, layout) => exportReport(format, { studyInstanceUID: uid, lang, out, db, layout, review }));
    if (common.json) printJson(io, written);
    else io.stdout(`wrote ${written.format} report: ${written.path} (${written.bytes} bytes)\n${(written.notes ?? []).map((n) => `  note: ${n}\n`).join('')}`);
    return 0;
  },
};
