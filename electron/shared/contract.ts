// The one contract between the renderer and the hosts (Electron main, loopback web host).
// Every request is `domain:verb` with a zod schema for its arguments and a result type; every
// push event has a payload schema. Main, preload, the web host and the renderer client all
// derive from this file. Add a request here and the handler table stops compiling until a
// handler exists for it.
import { z } from 'zod';
import type { AppInfo } from './app-info';
import { LANGUAGES, type Preferences, preferencesPatchSchema, preferencesSchema } from './preferences';
import { choosePathsSchema, importCancelSchema, importProgressSchema, importStartSchema, importSummarySchema } from './imports';
import {
  type StudyDetail,
  STUDY_PRIORITIES,
  studiesChangedSchema,
  uidSchema,
  type WorklistPage,
  worklistQuerySchema,
} from './studies';
import { describeVolumesSchema, type VolumeDescription } from './volumes';
import { type InstalledModel, MODEL_ID_PATTERN } from './model-manifest';
import { type ModelInstallResult, modelInstallSchema, type ModelRemoveResult, modelRemoveSchema } from './model-requests';
import { type AiJob, aiCancelSchema, aiEnqueueSchema, aiJobsSchema, jobFinishedSchema, jobProgressSchema } from './ai-jobs';
import type { AnalysisResult } from './ai-results';
import { exportReportDocumentSchema, type ReportDocument } from './report-export';
import { type FeedbackExportResult, feedbackExportSchema, feedbackStatsSchema, type ModelFeedbackStats } from './feedback';
import {
  deleteMeasurementSchema,
  listMeasurementsSchema,
  type MeasurementRow,
  saveMeasurementSchema,
} from './measurements';
import {
  createUserSchema,
  type ReaderProfiles,
  renderReportSchema,
  reviewActSchema,
  setCurrentUserSchema,
  setPhraseListSchema,
  type StructuredReport,
  studyRefSchema,
  type StudyReview,
  type UserProfile,
} from './reports';

/** Declares a request: its argument schema now, its result type as a phantom. */
function request<R>() {
  return <A extends z.ZodType>(args: A) => ({ args, result: undefined as unknown as R });
}

const noArgs = z.object({}).strict();

export const requests = {
  'app:info': request<AppInfo>()(noArgs),
  'prefs:get': request<Preferences>()(noArgs),
  'prefs:set': request<Preferences>()(preferencesPatchSchema),
  'import:start': request<{ importId: string }>()(importStartSchema),
  'import:cancel': request<{ cancelled: boolean }>()(importCancelSchema),
  /** The desktop app's native open dialog (the web host has none: UNAVAILABLE); [] when cancelled. */
  'import:choosePaths': request<{ paths: string[] }>()(choosePathsSchema),
  'studies:list': request<WorklistPage>()(worklistQuerySchema),
  'studies:get': request<StudyDetail>()(z.object({ studyInstanceUID: uidSchema }).strict()),
  'studies:setPriority': request<StudyDetail>()(
    z.object({ studyInstanceUID: uidSchema, priority: z.enum(STUDY_PRIORITIES) }).strict(),
  ),
  'studies:setRead': request<StudyDetail>()(z.object({ studyInstanceUID: uidSchema, read: z.boolean() }).strict()),
  /** Geometry of a series' volumes; the voxels then come from GET /bulk/volume/<uid>/<index>. */
  'volumes:describe': request<VolumeDescription[]>()(describeVolumesSchema),
  /** Installed AI model packages: manifest (labels, intended use, limitations) and model card. */
  'models:list': request<InstalledModel[]>()(noArgs),
  /** Turns a model's auto-run on or off (all installed versions); returns its installed versions. */
  'models:setEnabled': request<InstalledModel[]>()(z.object({ modelId: z.string().regex(MODEL_ID_PATTERN), enabled: z.boolean() }).strict()),
  /** Installs a package from a folder (removable media): manifest and SHA-256 checked before anything is copied. */
  'models:install': request<ModelInstallResult>()(modelInstallSchema),
  /** Removes a model (one version, or every installed version). */
  'models:remove': request<ModelRemoveResult>()(modelRemoveSchema),
  /** Queues a model on a series; a repeated request returns the existing queued/running/done job. */
  'ai:enqueue': request<AiJob>()(aiEnqueueSchema),
  /** Cancels a job: a queued one at once, a running one as soon as its model run returns. */
  'ai:cancel': request<AiJob>()(aiCancelSchema),
  /** AI jobs, newest first, optionally of one study. */
  'ai:jobs': request<AiJob[]>()(aiJobsSchema),
  /** Finished AI analyses (findings, measurements, outputs), newest first; output voxels via GET /bulk/analysis/<id>/<n>. */
  'ai:results': request<AnalysisResult[]>()(z.object({ studyInstanceUID: uidSchema.optional(), seriesInstanceUID: uidSchema.optional() }).strict()),
  /** Viewer measurements of one series (points in LPS mm), oldest first. */
  'measurements:list': request<MeasurementRow[]>()(listMeasurementsSchema),
  'measurements:save': request<MeasurementRow>()(saveMeasurementSchema),
  'measurements:delete': request<{ deleted: true }>()(deleteMeasurementSchema),
  /** Local reader profiles and the current reader (review, #6). */
  'review:users': request<ReaderProfiles>()(noArgs),
  'review:createUser': request<UserProfile>()(createUserSchema),
  'review:setCurrentUser': request<UserProfile>()(setCurrentUserSchema),
  /** Findings of a study with their review state, the event history and the structured report. */
  'review:get': request<StudyReview>()(studyRefSchema),
  /** Records one reader action (accept, reject, edit, add, undo, text, acknowledge, sign) if the workflow allows it. */
  'review:act': request<StudyReview>()(reviewActSchema),
  'reports:get': request<StructuredReport>()(studyRefSchema),
  'reports:renderText': request<{ text: string }>()(renderReportSchema),
  /** The speculative/forbidden wording list the pre-sign-off check uses. */
  'reports:phrases': request<string[]>()(noArgs),
  'reports:setPhrases': request<string[]>()(setPhraseListSchema),
  /** The current report as PDF or DICOM Encapsulated PDF bytes, for the UI to save. */
  'reports:export': request<ReportDocument>()(exportReportDocumentSchema),
  /** Per model: accepted / rejected (by reason) / edited / missed counts, agreement rate, median time to decision. */
  'feedback:stats': request<ModelFeedbackStats[]>()(feedbackStatsSchema),
  /** Writes the de-identified feedback bundle of a model's reviewed cases; says where. */
  'feedback:export': request<FeedbackExportResult>()(feedbackExportSchema),
} as const;

export const events = {
  /** The stored preferences changed (from any window or host). */
  'prefs:changed': preferencesSchema,
  /** An import advanced (throttled to about 4 per second). */
  'import:progress': importProgressSchema,
  /** An import ended (completed, cancelled or failed) with its summary. */
  'import:finished': importSummarySchema,
  /** Studies were added or changed (import batch committed, priority or read state set). */
  'studies:changed': studiesChangedSchema,
  /** An AI job changed state or progressed. */
  'ai:jobProgress': jobProgressSchema,
  /** An AI job ended (done, failed or cancelled). */
  'ai:jobFinished': jobFinishedSchema,
} as const;

export type RequestChannel = keyof typeof requests;
export type EventName = keyof typeof events;
export type ArgsOf<C extends RequestChannel> = z.input<(typeof requests)[C]['args']>;
export type ParsedArgsOf<C extends RequestChannel> = z.output<(typeof requests)[C]['args']>;
export type ResultOf<C extends RequestChannel> = (typeof requests)[C]['result'];
export type PayloadOf<E extends EventName> = z.output<(typeof events)[E]>;

export const REQUEST_CHANNELS = Object.keys(requests) as RequestChannel[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isRequestChannel(value: unknown): value is RequestChannel {
  return typeof value === 'string' && Object.hasOwn(requests, value);
}
export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && Object.hasOwn(events, value);
}

export { LANGUAGES };
