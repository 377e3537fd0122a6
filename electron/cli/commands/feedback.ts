// `yingdu feedback export --model ID OUT_DIR`: the de-identified feedback bundle of a model's
// reviewed cases (electron/core/feedback/feedback-export.ts), and `yingdu feedback stats` for the
// dashboard figures. Opens the data folder's database directly, as `report export` does.
import path from 'node:path';
import { ensureDataLayout, resolveDataDir } from '../../core/app/data-dir';
import { exportFeedbackBundle } from '../../core/feedback/feedback-export';
import { createFeedbackService } from '../../core/feedback/feedback-handlers';
import { createAnalysisStore } from '../../core/inference/jobs/analysis-store';
import { createReviewService } from '../../core/review/review-service';
import { openDatabase } from '../../core/store/database';
import { MODEL_ID_PATTERN } from '../../shared/model-manifest';
import { printJson, UsageError } from '../cli-io';
import type { CliCommand } from '../command';

export const feedbackCommand: CliCommand = {
  name: 'feedback',
  summary: "Export a model's reviewed cases as a de-identified feedback bundle, or print its agreement figures",
  usage: 'yingdu feedback export --model ID OUT_DIR [--data DIR] [--json] | yingdu feedback stats [--model ID] [--data DIR] [--json]',
  options: { model: { type: 'string' } },
  async run({ io, common, positionals, options }) {
    const [action, outDir, ...extra] = positionals;
    const model = typeof options.model === 'string' ? options.model : undefined;
    if (model !== undefined && !MODEL_ID_PATTERN.test(model)) throw new UsageError(`"${model.slice(0, 70)}" is not a model id`);
    if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
    const layout = ensureDataLayout(resolveDataDir(common.data));
    const db = openDatabase(layout.database);
    try {
      const analyses = createAnalysisStore(db);
      const review = createReviewService({ db, analyses });
      if (action === 'stats') {
        if (outDir) throw new UsageError(`unexpected argument "${outDir}"`);
        const stats = createFeedbackService({ db, layout, review, analyses }).stats(model ?? null);
        if (common.json) printJson(io, stats);
        else {
          for (const s of stats) {
            const rate = s.agreementRate === null ? '-' : `${(s.agreementRate * 100).toFixed(1)} %`;
            const reasons = Object.entries(s.rejectedByReason).filter(([, n]) => n > 0).map(([r, n]) => `${r} ${n}`).join(', ');
            io.stdout(
              `${s.modelId}: ${s.studies} studies, ${s.accepted} accepted, ${s.rejected} rejected${reasons ? ` (${reasons})` : ''}, ${s.edited} edited, ${s.missed} missed, ` +
                `agreement ${rate}, median time to decision ${s.medianSecondsToDecision === null ? '-' : `${s.medianSecondsToDecision.toFixed(0)} s`}\n`,
            );
          }
        }
        return 0;
      }
      if (action !== 'export') throw new UsageError('the feedback actions are "export" and "stats"');
      if (!model) throw new UsageError('--model ID is required');
      if (!outDir) throw new UsageError('give the output folder');
      const manifest = await exportFeedbackBundle({ db, dataDir: layout.root, storeDir: layout.store, review, listAnalyses: (uid) => analyses.list({ studyInstanceUID: uid }) }, model, path.resolve(outDir));
      if (common.json) printJson(io, { outDir: path.resolve(outDir), ...manifest });
      else io.stdout(`wrote feedback bundle for ${model}: ${manifest.cases.length} cases, ${manifest.cases.reduce((n, c) => n + c.files.length, 1)} files in ${path.resolve(outDir)}\n`);
      return 0;
    } finally {
      db.close();
    }
  },
};
