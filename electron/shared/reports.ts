// The reviewed, structured report of a study (issue #6): review events, the review state derived
// from them, and the report JSON every renderer (text, PDF, SR TID 1500, SEG) builds on. The
// JSON is language-neutral: names carry both languages; the text templates pick one.
import { z } from 'zod';
import { findingSchema, NODULE_CONSISTENCIES, SIDES } from './ai-results';
import { uidSchema } from './studies';

// ---- Users ---------------------------------------------------------------------------------

/** Local profiles until real sign-in exists; only a radiologist may make a report final. */
export const USER_ROLES = ['radiologist', 'resident', 'technologist'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const userProfileSchema = z
  .object({ id: z.number().int().positive(), name: z.string().min(1).max(100), role: z.enum(USER_ROLES), createdAt: z.string() })
  .strict();
export type UserProfile = z.infer<typeof userProfileSchema>;

/** The reader as recorded on an event or signature (a copy: a renamed profile does not rewrite history). */
export const readerSchema = z.object({ id: z.number().int().positive(), name: z.string(), role: z.enum(USER_ROLES) }).strict();
export type Reader = z.infer<typeof readerSchema>;

// ---- Findings under review ---------------------------------------------------------------

/**
 * A finding is identified by (analysisId, findingId). Findings the reader added have
 * analysisId null and findingId "added-<event id>".
 */
export const findingRefSchema = z
  .object({ analysisId: z.number().int().positive().nullable(), findingId: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/) })
  .strict();
export type FindingRef = z.infer<typeof findingRefSchema>;

export const findingKey = (ref: FindingRef): string => `${ref.analysisId ?? 'reader'}:${ref.findingId}`;

/** Lung-RADS v2022 categories (ACR). 4X = category 3 or 4 with additional suspicious features. */
export const LUNG_RADS_CATEGORIES = ['0', '1', '2', '3', '4A', '4B', '4X'] as const;
export type LungRadsCategory = (typeof LUNG_RADS_CATEGORIES)[number];

/** Reasons a reader gives for rejecting an AI finding (false positives). */
export const REJECT_REASONS = ['vessel', 'scar', 'artefact', 'outside-organ', 'other'] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

const vec3 = z.tuple([z.number().finite(), z.number().finite(), z.number().finite()]);
const localized = z.object({ en: z.string(), 'zh-CN': z.string() }).strict();

/** What a reader may change on a finding (edit) or give for a finding the AI missed (add). */
export const findingValuesSchema = z
  .object({
    type: findingSchema.shape.type.optional(),
    label: z.string().max(80).optional(),
    centerLPS: vec3.optional(),
    boundsLPS: z.tuple([vec3, vec3]).optional(),
    /**
     * How the reader drew the finding in its plane: the ellipse inscribed in `boundsLPS` or the
     * whole box. Absent for AI findings and form-only edits (a box, as before).
     */
    shape: z.enum(['box', 'ellipse']).optional(),
    longAxisMm: z.number().nonnegative().max(500).optional(),
    shortAxisMm: z.number().nonnegative().max(500).optional(),
    /** Part-solid nodules: the solid component's mean diameter decides the Lung-RADS category. */
    solidComponentMm: z.number().nonnegative().max(500).optional(),
    volumeMl: z.number().nonnegative().optional(),
    consistency: z.enum(NODULE_CONSISTENCIES).optional(),
    side: z.enum(SIDES).optional(),
    location: z.string().max(80).optional(),
    /** Reader override of the computed category (e.g. 4X for suspicious features). */
    lungRadsCategory: z.enum(LUNG_RADS_CATEGORIES).optional(),
    note: z.string().max(500).optional(),
  })
  .strict();
export type FindingValues = z.infer<typeof findingValuesSchema>;

// ---- Review events (append-only) -------------------------------------------------------------

export const REPORT_STATUSES = ['draft', 'preliminary', 'final', 'addendum'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const REVIEW_ACTIONS = ['accept', 'reject', 'edit', 'add', 'undo', 'set-text', 'acknowledge', 'sign'] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

/** Reader-written parts of the report. */
export const REPORT_TEXT_FIELDS = ['freeFindings', 'impression', 'addendum'] as const;
export type ReportTextField = (typeof REPORT_TEXT_FIELDS)[number];

/** What an action records besides who and when; the stored row keeps before/after as JSON. */
export const reviewEventBodySchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('accept'), finding: findingRefSchema }).strict(),
  z
    .object({ action: z.literal('reject'), finding: findingRefSchema, reason: z.enum(REJECT_REASONS), reasonText: z.string().max(500).optional() })
    .strict(),
  z.object({ action: z.literal('edit'), finding: findingRefSchema, after: findingValuesSchema }).strict(),
  /** A finding the AI missed; `fromMeasurementId` when drawn as a viewer ROI/measurement. */
  z.object({ action: z.literal('add'), after: findingValuesSchema, fromMeasurementId: z.number().int().positive().optional() }).strict(),
  /** Reverts one earlier event (not itself an undo) after the last signature. */
  z.object({ action: z.literal('undo'), targetEventId: z.number().int().positive() }).strict(),
  z.object({ action: z.literal('set-text'), field: z.enum(REPORT_TEXT_FIELDS), after: z.string().max(20000) }).strict(),
  /** The reader acknowledges a consistency warning (by its stable key) instead of fixing it. */
  z.object({ action: z.literal('acknowledge'), warningKey: z.string().max(200), reasonText: z.string().max(500).optional() }).strict(),
  z.object({ action: z.literal('sign'), status: z.enum(['preliminary', 'final', 'addendum']) }).strict(),
]);
export type ReviewEventBody = z.infer<typeof reviewEventBodySchema>;

export interface ReviewEvent {
  id: number;
  studyInstanceUID: string;
  reader: Reader;
  at: string;
  action: ReviewAction;
  finding: FindingRef | null;
  /** Value before the action (finding values, text, status) as the fold saw it; null when none. */
  before: unknown;
  /** The action's payload (values, text, target event, status…); null when none. */
  after: unknown;
  reason: RejectReason | null;
  reasonText: string | null;
}

export const FINDING_DISPOSITIONS = ['pending', 'accepted', 'rejected', 'edited', 'added'] as const;
export type FindingDisposition = (typeof FINDING_DISPOSITIONS)[number];

export interface FindingReviewState {
  ref: FindingRef;
  disposition: FindingDisposition;
  /** The AI's values (null for added findings) and the values in force after edits. */
  original: FindingValues | null;
  current: FindingValues;
  reason: RejectReason | null;
  reasonText: string | null;
  /** Who decided and when (the last event that changed this finding). */
  decidedBy: Reader | null;
  decidedAt: string | null;
}

export interface Signature {
  status: 'preliminary' | 'final' | 'addendum';
  reader: Reader;
  at: string;
  eventId: number;
}

// ---- The structured report ------------------------------------------------------------------

export const EXAM_TYPES = ['chest-ct', 'brain-mr-volumetry', 'dwi-stroke', 'other'] as const;
export type ExamType = (typeof EXAM_TYPES)[number];

export const aiProvenanceSchema = z
  .object({
    analysisId: z.number().int().positive(),
    modelId: z.string(),
    modelVersion: z.string(),
    probability: z.number().min(0).max(1).optional(),
    uncertainty: z.number().min(0).max(1).optional(),
    lowConfidence: z.boolean().optional(),
  })
  .strict();

export const lungRadsAssessmentSchema = z
  .object({
    category: z.enum(LUNG_RADS_CATEGORIES),
    /** Mean diameter (long + short axis) / 2 to one decimal, the size Lung-RADS v2022 uses. */
    meanDiameterMm: z.number().nonnegative(),
    management: localized,
    /** True when the reader overrode the computed category. */
    overridden: z.boolean(),
  })
  .strict();
export type LungRadsAssessment = z.infer<typeof lungRadsAssessmentSchema>;

export const reportFindingSchema = z
  .object({
    ref: findingRefSchema,
    source: z.enum(['ai', 'reader']),
    disposition: z.enum(FINDING_DISPOSITIONS),
    type: findingSchema.shape.type,
    label: z.string(),
    name: localized.optional(),
    locationName: localized.optional(),
    values: findingValuesSchema,
    lungRads: lungRadsAssessmentSchema.optional(),
    ai: aiProvenanceSchema.optional(),
    reason: z.enum(REJECT_REASONS).optional(),
    reasonText: z.string().optional(),
    decidedBy: readerSchema.optional(),
    decidedAt: z.string().optional(),
  })
  .strict();
export type ReportFinding = z.infer<typeof reportFindingSchema>;

export const volumetryRowSchema = z.object({ key: z.string(), name: localized.optional(), volumeMl: z.number().nonnegative() }).strict();

export const strokeCoreSchema = z
  .object({ volumeMl: z.number().nonnegative(), side: z.enum(SIDES).optional(), location: z.string().optional(), analysisId: z.number().int().positive() })
  .strict();

export const CONSISTENCY_KINDS = ['laterality', 'size-category', 'missing-from-text', 'forbidden-phrase'] as const;
export type ConsistencyKind = (typeof CONSISTENCY_KINDS)[number];

export const consistencyWarningSchema = z
  .object({
    /** Stable across re-computation so an acknowledgement keeps applying to the same problem. */
    key: z.string(),
    kind: z.enum(CONSISTENCY_KINDS),
    finding: findingRefSchema.optional(),
    message: localized,
    acknowledged: z.boolean(),
  })
  .strict();
export type ConsistencyWarning = z.infer<typeof consistencyWarningSchema>;

export const structuredReportSchema = z
  .object({
    schemaVersion: z.literal(1),
    studyInstanceUID: uidSchema,
    examType: z.enum(EXAM_TYPES),
    status: z.enum(REPORT_STATUSES),
    study: z
      .object({ studyDate: z.string().optional(), description: z.string().optional(), accessionNumber: z.string().optional(), modalities: z.array(z.string()) })
      .strict(),
    /** Every finding with its disposition; reports list only accepted/edited/added ones. */
    findings: z.array(reportFindingSchema),
    /** Chest CT: the highest category among reported nodules drives the management. */
    lungRads: lungRadsAssessmentSchema.optional(),
    volumetry: z.object({ analysisId: z.number().int().positive(), rows: z.array(volumetryRowSchema) }).strict().optional(),
    strokeCore: strokeCoreSchema.optional(),
    freeFindings: z.string(),
    impression: z.string(),
    addendum: z.string().optional(),
    /** Every model and version that contributed a finding or measurement to the report. */
    models: z.array(z.object({ id: z.string(), version: z.string(), sha256: z.string(), analysisIds: z.array(z.number().int()) }).strict()),
    signatures: z.array(z.object({ status: z.enum(['preliminary', 'final', 'addendum']), reader: readerSchema, at: z.string(), eventId: z.number().int() }).strict()),
    warnings: z.array(consistencyWarningSchema),
    generatedAt: z.string(),
  })
  .strict();
export type StructuredReport = z.infer<typeof structuredReportSchema>;

// ---- Requests ---------------------------------------------------------------------------------

export const studyRefSchema = z.object({ studyInstanceUID: uidSchema }).strict();
export const reviewActSchema = z.object({ studyInstanceUID: uidSchema, event: reviewEventBodySchema }).strict();
export const createUserSchema = z.object({ name: z.string().trim().min(1).max(100), role: z.enum(USER_ROLES) }).strict();
export const setCurrentUserSchema = z.object({ id: z.number().int().positive() }).strict();
export const renderReportSchema = z.object({ studyInstanceUID: uidSchema, lang: z.enum(['zh-CN', 'en']) }).strict();
export const setPhraseListSchema = z.object({ phrases: z.array(z.string().max(100)).max(200) }).strict();

export interface ReaderProfiles {
  users: UserProfile[];
  currentUserId: number | null;
}

/** What the review form shows: the findings with their state, the history, the report and its warnings. */
export interface StudyReview {
  studyInstanceUID: string;
  status: ReportStatus;
  findings: FindingReviewState[];
  events: ReviewEvent[];
  signatures: Signature[];
  report: StructuredReport;
}
