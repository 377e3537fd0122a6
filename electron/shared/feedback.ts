// The feedback domain as the renderer and the CLI see it: per-model agreement figures from the
// physicians' reviews (`feedback:stats`), and the de-identified feedback bundle (`feedback:export`).
import { z } from 'zod';
import { MODEL_ID_PATTERN } from './model-manifest';
import type { RejectReason } from './reports';

export const feedbackStatsSchema = z.object({ modelId: z.string().regex(MODEL_ID_PATTERN).optional() }).strict();

export const feedbackExportSchema = z
  .object({
    modelId: z.string().regex(MODEL_ID_PATTERN),
    /** An empty folder the reader chose in the desktop folder dialog; without it the bundle goes under <data>/outputs/feedback/. */
    outDir: z
      .string()
      .min(1)
      .max(4096)
      .refine((p) => !p.includes('\0'), 'must not contain NUL characters')
      .optional(),
  })
  .strict();

export interface ModelFeedbackStats {
  modelId: string;
  /** Versions seen in the reviewed analyses (sorted). */
  versions: string[];
  /** Reviewed studies with an analysis of the model. */
  studies: number;
  accepted: number;
  rejected: number;
  rejectedByReason: Record<RejectReason, number>;
  edited: number;
  /** Findings the reader added in studies the model analysed. */
  missed: number;
  pending: number;
  /** accepted / (accepted + rejected + edited); null before any decision. */
  agreementRate: number | null;
  /** Median seconds from the analysis to the first decision on each finding; null before any decision. */
  medianSecondsToDecision: number | null;
}

export interface FeedbackExportResult {
  /** Where the bundle was written (the web host tells the reader this folder). */
  outDir: string;
  cases: number;
  files: number;
}
