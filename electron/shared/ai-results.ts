// What an AI analysis produces, as every consumer sees it: the viewer overlays, the findings
// panel, the review form (#6), the report templates and `yingdu analyze --json`. The shape is
// the published CLI output format; coordinates are DICOM patient coordinates (LPS, mm).
// Fields that do not apply to a task are omitted, never filled with placeholders.
import { z } from 'zod';

export const FINDING_TYPES = ['nodule', 'mass', 'lesion', 'structure', 'core', 'classification', 'detection'] as const;
export type FindingType = (typeof FINDING_TYPES)[number];

export const SIDES = ['left', 'right', 'midline', 'bilateral'] as const;
export type Side = (typeof SIDES)[number];

/** Solid / part-solid / ground-glass (Lung-RADS v2022 nodule types), for lung findings only. */
export const NODULE_CONSISTENCIES = ['solid', 'part-solid', 'ground-glass'] as const;
export type NoduleConsistency = (typeof NODULE_CONSISTENCIES)[number];

const vec3 = z.tuple([z.number(), z.number(), z.number()]);
const localized = z.object({ en: z.string(), 'zh-CN': z.string() }).strict();

export const findingSchema = z
  .object({
    /** Stable within its analysis ("f1", "f2", …); the review form keys events on (analysisId, id). */
    id: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/),
    type: z.enum(FINDING_TYPES),
    /** Machine label (the model's label key, e.g. "Left-Hippocampus", "nodule"). */
    label: z.string(),
    /** Display name in both languages. */
    name: localized.optional(),
    probability: z.number().min(0).max(1).optional(),
    /** 0 = all test-time augmentations agree; 1 = maximal disagreement. */
    uncertainty: z.number().min(0).max(1).optional(),
    /** Uncertainty above the model's threshold: shown as "low confidence — correlate clinically". */
    lowConfidence: z.boolean().optional(),
    /** Absent only for a 2-D image without patient geometry (CR has no Image Plane module): see `pixelCenter`. */
    centerLPS: vec3.optional(),
    boundsLPS: z.tuple([vec3, vec3]).optional(),
    /** 2-D findings: the image (SOP Instance UID) and [column, row] in its pixel grid (0-based pixel centres). */
    sopInstanceUID: z.string().optional(),
    pixelCenter: z.tuple([z.number(), z.number()]).optional(),
    /** 2-D detections: [[columnMin, rowMin], [columnMax, rowMax]] in image pixels. */
    pixelBounds: z.tuple([z.tuple([z.number(), z.number()]), z.tuple([z.number(), z.number()])]).optional(),
    longAxisMm: z.number().nonnegative().optional(),
    shortAxisMm: z.number().nonnegative().optional(),
    volumeMl: z.number().nonnegative().optional(),
    /** Mean of modality values inside the finding (HU for CT, ×10⁻⁶ mm²/s for ADC). */
    meanValue: z.number().optional(),
    consistency: z.enum(NODULE_CONSISTENCIES).optional(),
    side: z.enum(SIDES).optional(),
    /** Anatomical location key (e.g. "right upper lobe", "left MCA territory"): see location names. */
    location: z.string().optional(),
    locationName: localized.optional(),
    /** Label value of this finding in the analysis' label map output, when it has one. */
    labelValue: z.number().int().nonnegative().optional(),
  })
  .strict();
export type Finding = z.infer<typeof findingSchema>;

export const measurementSchema = z.object({ name: z.string(), value: z.number(), unit: z.string(), label: localized.optional() }).strict();
export type AnalysisMeasurement = z.infer<typeof measurementSchema>;

export const OUTPUT_KINDS = ['labelmap', 'parametric', 'heatmap'] as const;
export type OutputKind = (typeof OUTPUT_KINDS)[number];

export const outputLabelSchema = z
  .object({ name: localized, color: z.tuple([z.number().int(), z.number().int(), z.number().int()]), key: z.string() })
  .strict();

export const analysisOutputSchema = z
  .object({
    kind: z.enum(OUTPUT_KINDS),
    /** Short machine name ("brain_mask", "adc", "core", "nodule_probability"). */
    name: z.string().regex(/^[a-z0-9_]{1,40}$/),
    /** File in the data folder (NIfTI-1, gzip) on the source series grid: relative to the data folder. */
    path: z.string(),
    /** Label value → name and colour (label maps). */
    labels: z.record(z.string(), outputLabelSchema).optional(),
    /** Parametric / heat maps: unit and the display range of the colour bar. */
    unit: z.string().optional(),
    displayRange: z.tuple([z.number(), z.number()]).optional(),
    colorMap: z.enum(['hot', 'jet', 'grayscale', 'viridis']).optional(),
  })
  .strict();
export type AnalysisOutput = z.infer<typeof analysisOutputSchema>;

/** One finished analysis (one AI job) as stored and as `yingdu analyze --json` prints it. */
export interface AnalysisResult {
  /** The job id that produced it. */
  analysisId: number;
  seriesInstanceUID: string;
  studyInstanceUID: string;
  model: { id: string; version: string; sha256: string };
  provider: string;
  seconds: number;
  findings: Finding[];
  measurements: AnalysisMeasurement[];
  outputs: AnalysisOutput[];
  /** Messages the reader must see (e.g. "series has gaps; volumes approximate"). */
  warnings: string[];
  createdAt: string;
}

/**
 * The bulk route of one analysis output volume (GET, same token and header conventions as
 * /bulk/volume/): little-endian voxels on the output's own grid, which the headers
 * X-Yingdu-Dimensions, X-Yingdu-Spacing, X-Yingdu-Origin and X-Yingdu-Direction (LPS) describe.
 */
export const BULK_ANALYSIS_PREFIX = '/bulk/analysis/';
export function bulkAnalysisPath(analysisId: number, outputIndex: number): string {
  return `${BULK_ANALYSIS_PREFIX}${analysisId}/${outputIndex}`;
}
