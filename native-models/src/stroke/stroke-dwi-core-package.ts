// The `stroke-dwi-core` package: acute infarct core on diffusion MRI as a classical,
// RAPID-style threshold pipeline (ADC < 620 × 10⁻⁶ mm²/s inside the brain, cleaned by
// component size). model.onnx is the trace/ADC arithmetic of diffusion-maps-graph.ts; the brain
// mask comes from the `brain-mask-mindgrab` package, and the thresholds below are read by the
// `dwi-stroke` pipeline (electron/core/inference/pipelines/dwi-stroke/) at run time.
import type { ModelManifestInput } from '../../../electron/shared/model-manifest';
import { encodeOnnxModel } from '../onnx/onnx-model';
import { type GraphPackageDefinition, PROJECT_LICENSE_TEXT, writeGraphPackage } from '../packages/graph-package';
import { ADC_MAX, DIFFUSION_GRAPH_OPSET, buildDiffusionMapsGraph } from './diffusion-maps-graph';

const ID = 'stroke-dwi-core';
const VERSION = '1.0.0';

/**
 * Decision thresholds, in the manifest so a site can see them (and a later version can change
 * them) without code changes:
 * - adcCore: 620 × 10⁻⁶ mm²/s, the RAPID core threshold (Purushotham A. et al., Int J Stroke 2015:
 *   ADC < 620 best matched the final infarct in DEFUSE 2).
 * - relativeAdcCore: the threshold is lowered to this fraction of the brain's own median
 *   parenchymal ADC when that is below adcCore (normal tissue that runs low on a scanner or
 *   subject is not infarct); see electron/core/inference/pipelines/dwi-stroke/infarct-core.ts.
 * - contralateralRatio: a cluster whose median ADC is at least this fraction of its mirror image's
 *   (across the mid-sagittal plane) is symmetric normal anatomy, not core (relative ADC, rADC).
 * - minComponentMl: clusters smaller than this are dropped as noise / partial volume; RAPID-style
 *   reports do not count specks, and 0.5 mL is below the ≥ 1 mL triage flag.
 * - maskErosionMm: the brain mask is eroded by this much before thresholding, so the brain edge
 *   (partial volume with CSF and skull, EPI susceptibility distortion) never counts as core.
 * - b0MaxBValue: volumes with b ≤ this (s/mm²) are averaged as S0 (the diffusion weighting of
 *   b ≤ 50 changes S by < 5 % even in free water).
 * - minHighBValue: the b shell used for ADC must reach at least this.
 */
export const STROKE_THRESHOLDS = { adcCore: 620, relativeAdcCore: 0.8, contralateralRatio: 0.85, minComponentMl: 0.5, maskErosionMm: 4, b0MaxBValue: 50, minHighBValue: 500 } as const;

export const STROKE_CORE_LABEL = 1;

const CARD_NOTES = [
  'This is not a trained network. It is the classical threshold method used by RAPID-type software: build the trace (isotropic) DWI image as the geometric mean of the directional b-high images, compute ADC = ln(S0/S_b)/b, and call infarct core where ADC < 620 × 10⁻⁶ mm²/s inside the brain. Two safeguards: the ADC is median-filtered (3×3×3) before thresholding, and the threshold is lowered to 0.8 × the brain\'s median parenchymal ADC when that is below 620 (on the volunteer here, normal white matter has ADC ≈ 645, and the bare threshold marked 186 mL of healthy brain); and a cluster whose mirror image across the mid-sagittal plane has nearly the same ADC (rADC ≥ 0.85) is reported as symmetric anatomy, not core. On the volunteer the safeguards leave 0.6 mL; the largest rejected cluster (6.4 mL, deep grey matter) had rADC 0.86, close to the cut-off.',
  'model.onnx computes only the trace image and the ADC map (element-wise arithmetic; inputs `b0`, `dwi`, `b_value`, `signal_floor`). Signals are clamped to the floor before the logarithm; where S0 is at or below the floor ADC is 0 ("not measured"); ADC is clipped to [0, ' +
    String(ADC_MAX) +
    '].',
  'The brain mask comes from the `brain-mask-mindgrab` package run on the averaged b≈0 image (conformed to 256³ at 1 mm, mapped back to the DWI grid), eroded by `maskErosionMm`. Core clusters (26-connected) smaller than `minComponentMl` are dropped.',
  'Validation here is limited: one healthy volunteer (Philips Ingenia Elition X, 2 mm, b=0/1000, 12 directions, from neurolabusc/dcm_qa_philips_dwi), where the reported core must be near zero, and synthetic lesions inserted into that volunteer\'s real images (b=1000 signal lowered inside spheres of about 3 and 10 mL so that their ADC falls to 400–500), whose volumes and sides must be recovered within 20 %. It has not been validated on patients with stroke.',
  'Side is taken from the patient x coordinate (DICOM LPS) relative to the brain mask\'s mid-plane; location (lobe / level) is an approximation from the position inside the brain mask\'s bounding box, not from an atlas.',
];

function manifestCandidate(): Omit<ModelManifestInput, 'sha256' | 'sizeBytes'> {
  return {
    schemaVersion: 1,
    id: ID,
    version: VERSION,
    task: 'parametric_map',
    name: { en: 'Acute infarct core on DWI (ADC < 620)', 'zh-CN': '弥散加权成像急性梗死核心（ADC < 620）' },
    description: {
      en: 'Builds the trace DWI image and the ADC map from a diffusion series (b≈0 and one b shell, e.g. b=1000) and marks the infarct core as ADC < 620 × 10⁻⁶ mm²/s inside the brain, with its volume in mL, side and approximate location.',
      'zh-CN': '由弥散序列（b≈0 与一个高 b 值壳层，如 b=1000）生成各向同性弥散加权图与表观弥散系数（ADC）图，将脑内 ADC < 620 × 10⁻⁶ mm²/s 的区域标记为梗死核心，并给出体积（mL）、侧别和大致部位。',
    },
    accepts: {
      modalities: ['MR'],
      bodyParts: ['BRAIN', 'HEAD'],
      bodyPartOptional: true,
      sequenceHints: ['DWI', 'DTI', 'DIFFUSION', 'TRACE', 'EP2D_DIFF', 'RESOLVE'],
      contrasts: ['DWI'],
      bValues: [0, 1000],
      requires3d: true,
    },
    inputs: [
      { name: 'b0', dtype: 'float32', shape: ['N', 1, 'D', 'H', 'W'], axes: 'NCDHW', description: 'Mean of the b≈0 volumes, modality values (PS3.3 C.11.1.1.2 rescale applied)' },
      { name: 'dwi', dtype: 'float32', shape: ['N', 'K', 'D', 'H', 'W'], axes: 'NCDHW', description: 'The K images of the highest b shell (directions, or one isotropic image), modality values' },
      { name: 'b_value', dtype: 'float32', shape: [1], axes: 'N', description: 'b-value of the shell in s/mm²' },
      { name: 'signal_floor', dtype: 'float32', shape: [1], axes: 'N', description: 'Smallest signal taken as measured (modality units)' },
    ],
    outputs: [
      { name: 'trace', dtype: 'float32', shape: ['N', 1, 'D', 'H', 'W'], axes: 'NCDHW', description: 'Trace (isotropic) DWI: geometric mean over directions' },
      { name: 'adc', dtype: 'float32', shape: ['N', 1, 'D', 'H', 'W'], axes: 'NCDHW', description: `ADC in 10⁻⁶ mm²/s, 0 where not measured, clipped to ${ADC_MAX}` },
    ],
    // Element-wise graph: volume memory (i fastest) goes in as is, D = k, H = j, W = i.
    preprocessing: [{ op: 'to_tensor', layout: 'first_axis_fastest' }],
    postprocessing: [{ op: 'connected_components', connectivity: 26, keepLargest: false }],
    labels: [
      { index: 0, key: 'background', name: { en: 'Background', 'zh-CN': '背景' }, color: [0, 0, 0], hidden: true },
      { index: STROKE_CORE_LABEL, key: 'infarct-core', name: { en: 'Infarct core (ADC < 620)', 'zh-CN': '梗死核心（ADC < 620）' }, color: [255, 48, 48], hidden: false },
    ],
    thresholds: { ...STROKE_THRESHOLDS },
    intendedUse: {
      en: 'Decision support in suspected acute ischaemic stroke: estimates the infarct core volume on DWI for a physician who reads the images; it does not diagnose stroke and does not replace perfusion imaging or clinical assessment.',
      'zh-CN': '用于疑似急性缺血性卒中的辅助决策：在 DWI 上估计梗死核心体积，供阅片医师参考；不用于诊断卒中，也不能替代灌注成像或临床评估。',
    },
    limitations: [
      {
        en: 'A classical threshold method, not a trained network; validated here only on one healthy volunteer and on synthetic lesions inserted into that volunteer\'s images, never on stroke patients.',
        'zh-CN': '为经典阈值方法而非训练所得网络；此处仅在一名健康志愿者及植入其图像的合成病灶上验证，未在卒中患者中验证。',
      },
      {
        en: 'ADC < 620 also occurs outside acute infarction (abscess, hypercellular tumour, haemorrhage, T2 blackout, susceptibility artefact near the skull base); and very early or reversible diffusion lesions may exceed it.',
        'zh-CN': 'ADC < 620 亦可见于非急性梗死（脓肿、富细胞肿瘤、出血、T2 暗化效应、颅底磁敏感伪影）；超早期或可逆性弥散病灶的 ADC 可能高于该阈值。',
      },
      {
        en: 'The threshold was established for b=1000 s/mm²; other b-values, motion, low SNR and incomplete brain coverage change the result. Location is an approximation from the brain mask, not an atlas.',
        'zh-CN': '阈值基于 b=1000 s/mm² 建立；其他 b 值、运动、低信噪比及全脑覆盖不完整均会影响结果。部位为基于脑掩膜的近似估计，并非图谱定位。',
      },
      {
        en: 'Research software, not a medical device: every result must be reviewed by a qualified reader.',
        'zh-CN': '科研用途软件，非医疗器械：所有结果须由有资质的医师复核。',
      },
    ],
    license: { spdx: 'Apache-2.0', file: 'LICENSE.txt', attribution: 'Yingdu project code (graph written by native-models/src/stroke)' },
    provenance: {
      // The method's source (the threshold's derivation): there are no weights to point to.
      sourceUrl: 'https://doi.org/10.1111/ijs.12068',
      sourceFormat: 'project-graph',
      sourceSha256: {},
      converter: 'yingdu-native-models',
      converterVersion: '1.0.0',
      opset: DIFFUSION_GRAPH_OPSET,
      citation:
        'Purushotham A. et al., "Apparent diffusion coefficient threshold for delineation of ischemic core", Int J Stroke 2015;10(3):348-53. Le Bihan D. et al., Radiology 1986;161:401-7.',
    },
    pipeline: 'dwi-stroke',
    dependsOn: ['brain-mask-mindgrab'],
    experimental: false,
    enabledByDefault: false,
    estimatedCpuSeconds: 120,
  };
}

export const STROKE_DWI_CORE_PACKAGE: GraphPackageDefinition = {
  id: ID,
  version: VERSION,
  build(outRoot) {
    const onnx = encodeOnnxModel(buildDiffusionMapsGraph(ID), {
      opset: DIFFUSION_GRAPH_OPSET,
      producerName: 'yingdu-native-models',
      producerVersion: '1.0.0',
      docString: 'Trace DWI and ADC map (10⁻⁶ mm²/s) from b≈0 and one b shell; written by project code',
      metadata: { 'yingdu.package': ID, 'yingdu.version': VERSION },
    });
    return writeGraphPackage(manifestCandidate(), onnx, CARD_NOTES, PROJECT_LICENSE_TEXT, outRoot);
  },
};
