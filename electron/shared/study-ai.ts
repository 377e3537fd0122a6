// The AI side of a worklist row: where the study's AI jobs stand (queued, running with %, done,
// failed) and the triage flags its stored analyses raised. Flags carry their own bilingual text,
// so the renderer shows them without knowing the rules (electron/core/inference/triage/).
import type { JobState } from './ai-jobs';

export interface TriageFlag {
  /** Rule id, e.g. "lung-lesion-8mm". */
  rule: string;
  label: { en: string; 'zh-CN': string };
  /** The value that crossed the threshold (largest one when several findings did), and its unit. */
  value: number;
  unit: string;
  /** The analysis (job id) that raised it. */
  analysisId: number;
}

/** Summary state shown in the AI column: the most pressing one over the study's jobs. */
export const STUDY_AI_STATES = ['running', 'queued', 'failed', 'done'] as const;
export type StudyAiState = (typeof STUDY_AI_STATES)[number];

export interface StudyAiSummary {
  /** null when the study has no live or finished jobs (only cancelled ones, or none) but has flags. */
  state: StudyAiState | null;
  /** Mean progress of the running and queued jobs in [0, 1] (1 when all are done). */
  progress: number;
  /** Every non-cancelled job of the study, so progress events update the row in place. */
  jobs: { id: number; state: JobState; progress: number }[];
  flags: TriageFlag[];
}

/** Folds job states into the column's state: running > queued > failed > done. */
export function summarizeJobs(jobs: StudyAiSummary['jobs']): Pick<StudyAiSummary, 'state' | 'progress'> {
  const live = jobs.filter((j) => j.state !== 'cancelled');
  if (live.length === 0) return { state: null, progress: 0 };
  const pending = live.filter((j) => j.state === 'running' || j.state === 'queued');
  const state: StudyAiState = live.some((j) => j.state === 'running')
    ? 'running'
    : pending.length > 0
      ? 'queued'
      : live.some((j) => j.state === 'failed')
        ? 'failed'
        : 'done';
  const progress = pending.length > 0 ? pending.reduce((s, j) => s + j.progress, 0) / pending.length : 1;
  return { state, progress };
}
