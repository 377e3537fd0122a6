// Worklist domain types shared by the core, both hosts and the renderer: what a study row
// looks like, the query the worklist sends, and the values priority and status can take.
import { z } from 'zod';
import type { StudyAiSummary } from './study-ai';

/** Reading priority, most urgent first. */
export const STUDY_PRIORITIES = ['stat', 'urgent', 'routine'] as const;
export type StudyPriority = (typeof STUDY_PRIORITIES)[number];

/** Reading workflow states, in workflow order. */
export const STUDY_STATUSES = ['new', 'ai_pending', 'ai_done', 'in_review', 'preliminary', 'final'] as const;
export type StudyStatus = (typeof STUDY_STATUSES)[number];

export const WORKLIST_SORT_COLUMNS = [
  'default',
  'patientName',
  'patientID',
  'studyDateTime',
  'modalities',
  'studyDescription',
  'accessionNumber',
  'priority',
  'status',
  'numberOfSeries',
  'numberOfInstances',
  'importedAt',
  /** Reading order with AI-flagged studies first within each priority (study-ai.ts). */
  'ai',
] as const;
export type WorklistSortColumn = (typeof WORKLIST_SORT_COLUMNS)[number];

/** DICOM UIDs (PS3.5 9.1): digits and dots, at most 64 characters. */
export const uidSchema = z.string().regex(/^[0-9.]{1,64}$/, 'must be a DICOM UID (digits and dots, at most 64 characters)');

const daSchema = z.string().regex(/^\d{8}$/, 'must be a DICOM date YYYYMMDD');

export const worklistQuerySchema = z
  .object({
    /** Substring of patient name, patient ID or accession number, case-insensitive. */
    search: z.string().max(64).optional(),
    /** Studies containing at least one series of this modality (CS, PS3.3 C.7.3.1.1.1). */
    modality: z.string().regex(/^[A-Z0-9_ ]{1,16}$/, 'must be a DICOM modality code such as CT').optional(),
    dateFrom: daSchema.optional(),
    dateTo: daSchema.optional(),
    status: z.array(z.enum(STUDY_STATUSES)).max(STUDY_STATUSES.length).optional(),
    priority: z.array(z.enum(STUDY_PRIORITIES)).max(STUDY_PRIORITIES.length).optional(),
    read: z.boolean().optional(),
    sort: z.enum(WORKLIST_SORT_COLUMNS).default('default'),
    direction: z.enum(['asc', 'desc']).default('asc'),
    limit: z.number().int().min(1).max(1000).default(50),
    offset: z.number().int().min(0).max(10_000_000).default(0),
  })
  .strict();
export type WorklistQuery = z.output<typeof worklistQuerySchema>;
export type WorklistQueryInput = z.input<typeof worklistQuerySchema>;

export interface SeriesSummary {
  seriesInstanceUID: string;
  modality: string;
  seriesDescription: string;
  seriesNumber: number | null;
  numberOfInstances: number;
  sopClassUID: string;
  bodyPartExamined: string;
}

export interface WorklistRow {
  studyInstanceUID: string;
  /** Decoded display string of Patient's Name as stored (PN components joined by ^ and =). */
  patientName: string;
  patientID: string;
  patientSex: string;
  patientBirthDate: string;
  studyDate: string;
  studyTime: string;
  accessionNumber: string;
  studyDescription: string;
  modalities: string[];
  priority: StudyPriority;
  status: StudyStatus;
  read: boolean;
  numberOfSeries: number;
  numberOfInstances: number;
  importedAt: string;
  /** AI jobs and triage flags; absent when the study has neither. */
  ai?: StudyAiSummary;
}

export interface WorklistCounts {
  /** Per status, with every filter applied except the status filter (so chips show what a click gives). */
  status: Record<StudyStatus, number>;
  /** Per priority, with every filter applied except the priority filter. */
  priority: Record<StudyPriority, number>;
  /** Unread studies, with every filter applied except read/unread. */
  unread: number;
}

export interface WorklistPage {
  rows: WorklistRow[];
  /** Studies matching all filters (every page). */
  total: number;
  counts: WorklistCounts;
}

export interface StudyDetail extends WorklistRow {
  studyID: string;
  referringPhysicianName: string;
  institutionName: string;
  bodyPartExamined: string;
  series: SeriesSummary[];
}

export const studyChangedReasons = ['import', 'priority', 'read', 'status', 'ai'] as const;

export const studiesChangedSchema = z.object({
  /** The studies that changed; empty with `reason: 'import'` means "reload everything". */
  studyInstanceUIDs: z.array(z.string()),
  reason: z.enum(studyChangedReasons),
});
export type StudiesChanged = z.output<typeof studiesChangedSchema>;
