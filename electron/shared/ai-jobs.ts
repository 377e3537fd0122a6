// AI jobs as the renderer sees them: requests to queue a model on a series, cancel it or list
// jobs, and the progress / finished events.
import { z } from 'zod';
import { uidSchema } from './studies';

export const JOB_PRIORITIES = ['stat', 'urgent', 'routine'] as const;
export type JobPriority = (typeof JOB_PRIORITIES)[number];
export const JOB_STATES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

/** What a job records when done; the findings themselves are the analysis (`ai:results`, analysisId = job id). */
export interface JobResult {
  analysisId: number;
  findingCount: number;
  outputCount: number;
  timingsMs: { loadVolume: number; pipeline: number; openSession: number; run: number; writeOutputs: number };
}

export interface AiJob {
  id: number;
  seriesInstanceUID: string;
  studyInstanceUID: string;
  modelId: string;
  modelVersion: string;
  modelSha256: string;
  priority: JobPriority;
  state: JobState;
  progress: number;
  provider: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  result: JobResult | null;
}

const modelIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/);

export const aiEnqueueSchema = z
  .object({ seriesInstanceUID: uidSchema, modelId: modelIdSchema, priority: z.enum(JOB_PRIORITIES).optional() })
  .strict();
export const aiCancelSchema = z.object({ jobId: z.number().int().positive() }).strict();
export const aiJobsSchema = z.object({ studyInstanceUID: uidSchema.optional() }).strict();

export const jobProgressSchema = z.object({
  jobId: z.number().int(),
  seriesInstanceUID: z.string(),
  state: z.enum(JOB_STATES),
  progress: z.number().min(0).max(1),
});
export const jobFinishedSchema = z.object({
  jobId: z.number().int(),
  seriesInstanceUID: z.string(),
  studyInstanceUID: z.string(),
  state: z.enum(JOB_STATES),
  errorCode: z.string().nullable(),
});
