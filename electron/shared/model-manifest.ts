// The manifest of an installable AI model package (`manifest.json` beside `model.onnx` and
// `MODEL_CARD.md`). Everything a host needs to decide whether a series is eligible, how to turn
// it into the input tensor, how to read the output and what to tell the radiologist is data
// here, never code: a package can be inspected, validated and refused before anything runs.
import { z } from 'zod';

/** Package ids are folder names under `<data>/models/`: lower-case, no separators, never a DICOM value. */
export const MODEL_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,63}$/;
/** Semantic version (no build metadata): also a folder name. */
export const MODEL_VERSION_PATTERN = /^\d{1,4}\.\d{1,4}\.\d{1,4}(-[a-z0-9.]{1,20})?$/;

const localized = z.object({ en: z.string().min(1), 'zh-CN': z.string().min(1) }).strict();
export type LocalizedText = z.infer<typeof localized>;

export const PIPELINE_KINDS = ['volume-segmentation', 'dwi-stroke', 'lung-cad', 'image-2d'] as const;
export type PipelineKind = (typeof PIPELINE_KINDS)[number];

export const MODEL_TASKS = ['segmentation', 'detection', 'classification', 'parametric_map'] as const;

/**
 * Which series a model may run on, as DICOM attribute rules. Every field present must match;
 * absent fields do not constrain. Values are compared case-insensitively.
 */
export const acceptsSchema = z
  .object({
    /** Modality (0008,0060), e.g. ["MR"]. */
    modalities: z.array(z.string().min(1)).min(1),
    /** Body Part Examined (0018,0015) values; an empty attribute is allowed when `bodyPartOptional`. */
    bodyParts: z.array(z.string().min(1)).optional(),
    bodyPartOptional: z.boolean().default(true),
    /** Words expected in Series Description / Sequence Name / Contrast Agent (e.g. "T1", "MPRAGE"): hints, not rules. */
    sequenceHints: z.array(z.string().min(1)).default([]),
    /** MR contrasts the model was trained on; "any" for contrast-agnostic models. */
    contrasts: z.array(z.enum(['T1', 'T2', 'FLAIR', 'PD', 'DWI', 'ADC', 'CT', 'any'])).min(1),
    /** Diffusion b-values (0018,9087) the model needs, in s/mm². */
    bValues: z.array(z.number().nonnegative()).optional(),
    /** Slice Thickness (0018,0050) range in mm, inclusive. */
    sliceThicknessMm: z.object({ min: z.number().positive(), max: z.number().positive() }).strict().optional(),
    /** Smallest acceptable source grid [columns, rows, slices]. */
    minDims: z.tuple([z.number().int().positive(), z.number().int().positive(), z.number().int().positive()]).optional(),
    /** The model needs a 3-D volume (a consistent stack), not single images. */
    requires3d: z.boolean(),
  })
  .strict();

const dimSchema = z.union([z.number().int().positive(), z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/)]);

export const tensorSpecSchema = z
  .object({
    name: z.string().min(1),
    dtype: z.enum(['float32', 'float16', 'int64', 'int32', 'uint8']),
    /** Fixed sizes or symbolic names (e.g. "N"). */
    shape: z.array(dimSchema).min(1),
    /** One letter per axis: N batch, C channels, D H W spatial (D slowest). */
    axes: z.string().regex(/^[NCDHW]+$/),
    description: z.string().optional(),
  })
  .strict()
  .refine((t) => t.axes.length === t.shape.length, { message: 'axes must name every dimension of shape' });
export type TensorSpec = z.infer<typeof tensorSpecSchema>;

/** Pre-processing as typed steps, applied in order to the source volume. */
export const preprocessStepSchema = z.discriminatedUnion('op', [
  /** FreeSurfer "conform" (mri_convert --conform): resample to a cube of `size` voxels of `spacingMm`, orientation `orientation`. */
  z.object({ op: z.literal('conform'), size: z.number().int().positive(), spacingMm: z.number().positive(), orientation: z.string().regex(/^[LRAPSI]{3}$/), interpolation: z.enum(['linear', 'nearest', 'cubic']) }).strict(),
  z.object({ op: z.literal('reorient'), orientation: z.string().regex(/^[LRAPSI]{3}$/) }).strict(),
  z.object({ op: z.literal('resample'), spacingMm: z.tuple([z.number().positive(), z.number().positive(), z.number().positive()]), interpolation: z.enum(['linear', 'nearest', 'cubic']) }).strict(),
  /** CT/MR window: clip to [center - width/2, center + width/2]. */
  z.object({ op: z.literal('window'), center: z.number(), width: z.number().positive() }).strict(),
  /** Clip to the given percentiles of the volume, then scale that range to [0, 1]. */
  z.object({ op: z.literal('percentile_normalize'), lowPercent: z.number().min(0).max(100), highPercent: z.number().min(0).max(100) }).strict(),
  z.object({ op: z.literal('minmax_scale'), min: z.number(), max: z.number() }).strict(),
  /** Run the model on overlapping patches and blend them back. */
  z.object({ op: z.literal('sliding_window'), patch: z.tuple([z.number().int().positive(), z.number().int().positive(), z.number().int().positive()]), overlap: z.number().min(0).lt(1), blend: z.enum(['gaussian', 'constant']) }).strict(),
  /** How the volume becomes the tensor's memory layout. */
  z.object({ op: z.literal('to_tensor'), layout: z.enum(['last_axis_fastest', 'first_axis_fastest']) }).strict(),
  // 2-D images (pipeline "image-2d"), applied in order to one decoded radiograph:
  /** The image's own VOI (VOI LUT Sequence, else its first Window Center/Width; PS3.3 C.11.2) scaled to [0, 1]; `fallback` when it has none. */
  z.object({ op: z.literal('image_voi'), fallback: z.enum(['minmax', 'percentile_1_99']) }).strict(),
  /** MONOCHROME1 (PS3.3 C.7.6.3.1.2, minimum shown white; or Presentation LUT Shape INVERSE) becomes v → 1 − v, so dense is bright; after a [0, 1] step. */
  z.object({ op: z.literal('invert_monochrome1') }).strict(),
  /** `letterbox` keeps the aspect ratio and pads with `padValue`; `crop` fills and cuts the centre; `stretch` ignores the aspect ratio. */
  z.object({ op: z.literal('resize_2d'), width: z.number().int().positive(), height: z.number().int().positive(), aspect: z.enum(['stretch', 'letterbox', 'crop']), interpolation: z.enum(['area', 'bilinear', 'nearest']), padValue: z.number() }).strict(),
  /** Repeats the grey channel (models trained on RGB photographs take 3). */
  z.object({ op: z.literal('replicate_channels'), channels: z.number().int().min(1).max(4) }).strict(),
  /** Per channel (value − mean) / std, e.g. ImageNet statistics; one entry applies to every channel. */
  z.object({ op: z.literal('normalize'), mean: z.array(z.number()).min(1), std: z.array(z.number().positive()).min(1) }).strict(),
]);
export type PreprocessStep = z.infer<typeof preprocessStepSchema>;

export const postprocessStepSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('softmax'), axis: z.number().int() }).strict(),
  z.object({ op: z.literal('argmax'), axis: z.number().int() }).strict(),
  /** Keep connected components (26-connectivity in 3-D) per label; `keepLargest` keeps only the biggest. */
  z.object({ op: z.literal('connected_components'), connectivity: z.union([z.literal(6), z.literal(18), z.literal(26)]), keepLargest: z.boolean() }).strict(),
  z.object({ op: z.literal('size_filter'), minVoxels: z.number().int().nonnegative() }).strict(),
  z.object({ op: z.literal('nms'), iouThreshold: z.number().min(0).max(1), scoreThreshold: z.number().min(0).max(1) }).strict(),
  /** Independent per-label probabilities (multi-label classification). */
  z.object({ op: z.literal('sigmoid') }).strict(),
  /** 2-D detection outputs: boxes [N, K, 4] in input-tensor pixels (or [0, 1] when `normalized`), scores [N, K], optional class indices [N, K]. */
  z.object({ op: z.literal('decode_boxes'), boxes: z.string().min(1), scores: z.string().min(1), classes: z.string().min(1).optional(), format: z.enum(['xyxy', 'cxcywh']), normalized: z.boolean() }).strict(),
  /** Map labels back onto the source series grid (inverse of conform/reorient/resample). */
  z.object({ op: z.literal('inverse_conform'), interpolation: z.literal('nearest') }).strict(),
]);
export type PostprocessStep = z.infer<typeof postprocessStepSchema>;

export const labelSchema = z
  .object({
    index: z.number().int().nonnegative(),
    /** Source label name as published (e.g. FreeSurfer's "Left-Hippocampus"). */
    key: z.string().min(1),
    name: localized,
    color: z.tuple([z.number().int().min(0).max(255), z.number().int().min(0).max(255), z.number().int().min(0).max(255)]),
    /** Background and similar labels are not drawn. */
    hidden: z.boolean().default(false),
  })
  .strict();
export type ModelLabel = z.infer<typeof labelSchema>;

export const modelManifestSchema = z
  .object({
    schemaVersion: z.literal(1),
    id: z.string().regex(MODEL_ID_PATTERN, 'id: lower-case letters, digits and "-" only'),
    version: z.string().regex(MODEL_VERSION_PATTERN, 'version: MAJOR.MINOR.PATCH'),
    /** SHA-256 of model.onnx, lower-case hex: checked on install and on every load. */
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    /** model.onnx size in bytes, so a truncated copy is caught before hashing. */
    sizeBytes: z.number().int().positive(),
    task: z.enum(MODEL_TASKS),
    name: localized,
    description: localized,
    accepts: acceptsSchema,
    inputs: z.array(tensorSpecSchema).min(1),
    outputs: z.array(tensorSpecSchema).min(1),
    preprocessing: z.array(preprocessStepSchema),
    postprocessing: z.array(postprocessStepSchema),
    labels: z.array(labelSchema),
    /** Named decision thresholds (e.g. probability for a lesion voxel). */
    thresholds: z.record(z.string(), z.number()).default({}),
    intendedUse: localized,
    limitations: z.array(localized).min(1),
    /** SPDX id, the licence text's file name inside the package, and the attribution to show. */
    license: z.object({ spdx: z.string().min(1), file: z.string().regex(/^[A-Za-z0-9_-][A-Za-z0-9._-]*$/), attribution: z.string().min(1) }).strict(),
    provenance: z
      .object({
        sourceUrl: z.string().url(),
        sourceCommit: z.string().optional(),
        /** `project-graph`: model.onnx is a fixed graph written by project code (no published weights). */
        sourceFormat: z.enum(['onnx', 'safetensors', 'tfjs-layers', 'pytorch-zip', 'project-graph']),
        /** SHA-256 of each source file the converter read, by file name. */
        sourceSha256: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/)),
        converter: z.string().min(1),
        converterVersion: z.string().min(1),
        opset: z.number().int().min(13),
        citation: z.string().optional(),
      })
      .strict(),
    /**
     * Which project pipeline turns a series into this model's input and its output into findings
     * (electron/core/inference/pipelines): 3-D segmentation in a conformed space, the DWI stroke
     * pipeline, the chest CT lung CAD, or 2-D radiograph classification/detection.
     */
    pipeline: z.enum(PIPELINE_KINDS).default('volume-segmentation'),
    /** Other packages this one runs inside its pipeline (e.g. the stroke pipeline's brain mask). */
    dependsOn: z.array(z.string().regex(MODEL_ID_PATTERN)).default([]),
    /** Unvalidated models: hidden unless the user turns experimental models on; never on by default. */
    experimental: z.boolean(),
    /** Run automatically on eligible series after import (always false for experimental models). */
    enabledByDefault: z.boolean(),
    /** Approximate cost, for scheduling and the UI. */
    estimatedCpuSeconds: z.number().positive().optional(),
    /**
     * A network split at its classifier (native-models/src/meshnet-graph.ts): `model.onnx` is then
     * the trunk, from `inputs[0]` to the last feature map (`outputs[0]`), and `head.onnx` maps a
     * slab of that feature map ([N, features, d, H, W], any d) to the argmax class of each voxel
     * (`labels`, float32 [N, 1, d, H, W]). The pipeline runs the trunk once and the head slab by
     * slab, so the logits of every class never exist for the whole volume. `head.onnx` is checked
     * against this SHA-256 and size on install, verify and every load, as `model.onnx` is.
     */
    head: z
      .object({
        file: z.literal('head.onnx'),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
        sizeBytes: z.number().int().positive(),
        input: tensorSpecSchema,
        labels: tensorSpecSchema,
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((m, ctx) => {
    if (m.experimental && m.enabledByDefault) {
      ctx.addIssue({ code: 'custom', path: ['enabledByDefault'], message: 'an experimental model may never be enabled by default' });
    }
    const seen = new Set<number>();
    for (const label of m.labels) {
      if (seen.has(label.index)) ctx.addIssue({ code: 'custom', path: ['labels'], message: `label index ${label.index} appears twice` });
      seen.add(label.index);
    }
    if (m.task === 'segmentation' && m.labels.length < 2) {
      ctx.addIssue({ code: 'custom', path: ['labels'], message: 'a segmentation model needs at least two labels' });
    }
  });

export type ModelManifest = z.output<typeof modelManifestSchema>;
export type ModelManifestInput = z.input<typeof modelManifestSchema>;

/** Flattens zod issues into one sentence for an error message. */
export function describeManifestIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

/** One installed package as `models:list` returns it to the UI. */
export interface InstalledModel {
  manifest: ModelManifest;
  /** MODEL_CARD.md text (Markdown), shown before a model is enabled. */
  card: string;
  installedAt: string;
  enabled: boolean;
}
