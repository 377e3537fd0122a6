// `feedback:stats` (the per-model dashboard) and `feedback:export` (the bundle from the UI). The
// desktop app passes the folder the reader chose in the native dialog; any other host (the web
// host's caller is a browser tab) may not name a folder on this machine, so its bundle goes to a
// new folder under <data>/outputs/feedback/ and the reply says where.
import path from 'node:path';
import type { FeedbackExportResult } from '../../shared/feedback';
import type { HandlerTable } from '../../shared/handler-table';
import { AppError } from '../../shared/result';
import type { DataLayout } from '../app/data-dir';
import type { AnalysisStore } from '../inference/jobs/analysis-store';
import type { ReviewService } from '../review/review-service';
import type { Database } from '../store/database';
import { exportFeedbackBundle } from './feedback-export';
import { reviewedStudies } from './feedback-records';
import { foldFeedbackStats, type ModelFeedbackStats } from './feedback-stats';

export interface FeedbackServiceOptions {
  db: Database;
  layout: DataLayout;
  review: ReviewService;
  analyses: Pick<AnalysisStore, 'list'>;
}

export function createFeedbackService(options: FeedbackServiceOptions) {
  const listAnalyses = (studyInstanceUID: string) => options.analyses.list({ studyInstanceUID });
  return {
    stats(modelId: string | null): ModelFeedbackStats[] {
      const studies = reviewedStudies(options.db, options.review, listAnalyses, modelId);
      const studiesByModel = new Map<string, number>();
      for (const study of studies) {
        for (const id of new Set(study.analyses.map((a) => a.model.id))) studiesByModel.set(id, (studiesByModel.get(id) ?? 0) + 1);
      }
      return foldFeedbackStats(
        studies.flatMap((s) => s.findings),
        studiesByModel,
      );
    },
    async export(modelId: string, outDir: string): Promise<FeedbackExportResult> {
      const manifest = await exportFeedbackBundle({ db: options.db, dataDir: options.layout.root, storeDir: options.layout.store, review: options.review, listAnalyses }, modelId, outDir);
      return { outDir, cases: manifest.cases.length, files: manifest.cases.reduce((n, c) => n + c.files.length, 1) };
    },
  };
}

export type FeedbackService = ReturnType<typeof createFeedbackService>;

export function createFeedbackHandlers(service: FeedbackService, layout: DataLayout): Pick<HandlerTable, 'feedback:stats' | 'feedback:export'> {
  return {
    'feedback:stats': ({ modelId }) => service.stats(modelId ?? null),
    'feedback:export': ({ modelId, outDir }, context) => {
      if (outDir !== undefined && (context.host !== 'electron' || !path.isAbsolute(outDir))) {
        throw new AppError('INVALID_ARGUMENT', 'Only the desktop app chooses the bundle folder (an absolute path from its folder dialog).');
      }
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      return service.export(modelId, outDir ?? path.join(layout.outputs, 'feedback', `${modelId}-${stamp}`));
    },
  };
}
