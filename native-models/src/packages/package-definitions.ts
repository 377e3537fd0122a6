// The model packages built from ../shared/models (the authors' published files). Each entry
// says where the source lives, how to read it and what the package tells the user. Facts
// about training data and licences come from the authors' README and LICENSE files.
import type { LocalizedText, ModelManifest } from '../../../electron/shared/model-manifest';
import { LUNG_NODULE_CAD_PACKAGE } from '../lung-cad/lung-nodule-cad-package';
import { STROKE_DWI_CORE_PACKAGE } from '../stroke/stroke-dwi-core-package';
import type { GraphPackageDefinition } from './graph-package';

export type SourceFormat = 'safetensors' | 'tfjs-layers' | 'pytorch-zip';

export interface PackageDefinition {
  id: string;
  version: string;
  /** Folder relative to the source root (the layout of ../shared/models). */
  sourceDir: string;
  format: SourceFormat;
  /** colormap.json to take label names and colours from, relative to the source root. */
  colormap: string | null;
  /** Labels when the source publishes none (or publishes wrong ones), in class order. */
  labelKeys?: string[];
  /** mindgrab's parameter-free GroupNorm (one group per channel). */
  parameterFreeNorm?: 'instance';
  name: LocalizedText;
  description: LocalizedText;
  accepts: ModelManifest['accepts'];
  postprocessing: ModelManifest['postprocessing'];
  /** Named thresholds; `uncertainty` turns on the left–right flip test (1 − Dice above it: low confidence). */
  thresholds?: Record<string, number>;
  intendedUse: LocalizedText;
  limitations: LocalizedText[];
  experimental: boolean;
  enabledByDefault: boolean;
  sourceUrl: string;
  licenseFile: string;
  attribution: string;
  citation: string;
  /** Extra paragraphs for MODEL_CARD.md (English: the card is for IT and clinical leads). */
  cardNotes: string[];
}

const T1_ACCEPTS: ModelManifest['accepts'] = {
  modalities: ['MR'],
  bodyParts: ['BRAIN', 'HEAD'],
  bodyPartOptional: true,
  sequenceHints: ['T1', 'MPRAGE', 'MP-RAGE', 'SPGR', 'FSPGR', 'BRAVO', 'TFE', '3D'],
  contrasts: ['T1'],
  sliceThicknessMm: { min: 0.5, max: 1.5 },
  minDims: [128, 128, 100],
  requires3d: true,
};

const LABEL_POST: ModelManifest['postprocessing'] = [
  { op: 'argmax', axis: 1 },
  { op: 'inverse_conform', interpolation: 'nearest' },
];

const BRAINCHOP = 'https://github.com/neuroneural/brainchop';
const BRAINCHOP_ATTRIBUTION = 'brainchop, Copyright (c) 2021 neuroneural/brainchop, MIT License';
const BRAINCHOP_CITATION =
  'Masoud M. et al., "Brainchop: In-browser MRI volumetric segmentation and rendering", JOSS 2023; Fedorov A. et al., "End-to-end learning of brain tissue segmentation from imperfect labeling", IJCNN 2017.';

const COMMON_T1_LIMITATIONS: LocalizedText[] = [
  {
    en: 'Trained on T1-weighted adult brain MRI with FreeSurfer-derived labels, not on expert manual tracings: label boundaries inherit FreeSurfer\'s errors.',
    'zh-CN': '基于成人脑部 T1 加权 MRI 及 FreeSurfer 自动生成的标签训练，并非专家手工勾画：边界会继承 FreeSurfer 的误差。',
  },
  {
    en: 'Not validated on children, large lesions, tumours, post-operative brains, motion-degraded or thick-slice (> 1.5 mm) series.',
    'zh-CN': '未在儿童、大病灶、肿瘤、术后脑、运动伪影或层厚大于 1.5 mm 的序列上验证。',
  },
  {
    en: 'Research software, not a medical device: every result must be reviewed by a qualified reader.',
    'zh-CN': '科研用途软件，非医疗器械：所有结果须由有资质的医师复核。',
  },
];

function t1Segmentation(
  id: string,
  sourceDir: string,
  format: SourceFormat,
  colormap: string,
  name: LocalizedText,
  description: LocalizedText,
  cardNotes: string[],
): PackageDefinition {
  return {
    id,
    version: '1.0.0',
    sourceDir,
    format,
    colormap,
    name,
    description,
    accepts: T1_ACCEPTS,
    postprocessing: LABEL_POST,
    // Flip test: "low confidence" when the two predictions of a structure overlap with Dice < 0.7
    // (tissue-gwm on the sample: 1 − Dice ≈ 0.22 for both classes; to be calibrated locally).
    thresholds: { uncertainty: 0.3 },
    intendedUse: {
      en: 'Volumetric segmentation of a 3-D T1-weighted brain MRI to support quantitative review (structure volumes, visual overlays).',
      'zh-CN': '对三维 T1 加权脑部 MRI 进行容积分割，辅助定量阅片（结构体积、可视化叠加）。',
    },
    limitations: COMMON_T1_LIMITATIONS,
    experimental: false,
    enabledByDefault: false,
    sourceUrl: BRAINCHOP,
    licenseFile: 'LICENSE.brainchop.txt',
    attribution: BRAINCHOP_ATTRIBUTION,
    citation: BRAINCHOP_CITATION,
    cardNotes,
  };
}

export const PACKAGE_DEFINITIONS: readonly PackageDefinition[] = [
  {
    ...t1Segmentation(
      'brain-mask-mindgrab',
      'brainchop-meshnet/mindgrab',
      'pytorch-zip',
      'brainchop-meshnet/mindgrab/colormap.json',
      { en: 'Brain mask (skull stripping, MindGrab)', 'zh-CN': '脑组织提取（去颅骨，MindGrab）' },
      {
        en: 'Separates brain from skull, scalp and background on 3-D head MRI of any common contrast.',
        'zh-CN': '在常见对比度的三维头部 MRI 上分离脑组织与颅骨、头皮及背景。',
      },
      [
        'The published `model.json` describes 5 channels; the published weights have 15. The converter takes channel counts from the weights and dilations from the layer list.',
        'Blocks are Conv3d (no bias) → GroupNorm(15 groups, 15 channels, affine=False) → GELU. GroupNorm with one group per channel is InstanceNormalization (scale 1, bias 0); GELU is written as its erf form for opset 17.',
      ],
    ),
    colormap: null,
    labelKeys: ['background', 'brain'],
    parameterFreeNorm: 'instance',
    // No flip test: the mask is mostly a first step for other pipelines, where its run time counts.
    thresholds: {},
    accepts: { ...T1_ACCEPTS, contrasts: ['any'], sequenceHints: [], sliceThicknessMm: { min: 0.5, max: 3 } },
    postprocessing: [
      { op: 'argmax', axis: 1 },
      { op: 'connected_components', connectivity: 26, keepLargest: true },
      { op: 'inverse_conform', interpolation: 'nearest' },
    ],
    limitations: [
      {
        en: 'Published by its authors as a skull-stripping model for any common MR contrast; the training data are not described in the published files, so performance on a given scanner and sequence is unknown until checked locally.',
        'zh-CN': '作者发布为适用于常见 MR 对比度的去颅骨模型；发布文件未说明训练数据，因此在特定设备和序列上的表现须在本地核查后才能确定。',
      },
      ...COMMON_T1_LIMITATIONS.slice(1),
    ],
    intendedUse: {
      en: 'Brain extraction as a first step before other brain models and for brain-volume review.',
      'zh-CN': '作为其他脑部模型的前置步骤进行脑组织提取，并用于脑体积评估。',
    },
  },
  t1Segmentation(
    'tissue-gwm',
    'brainchop-meshnet/model5_gw_ae',
    'safetensors',
    'brainchop-meshnet/model5_gw_ae/colormap3.json',
    { en: 'Grey / white matter segmentation', 'zh-CN': '脑灰质 / 白质分割' },
    { en: 'Three classes: background, white matter, grey matter.', 'zh-CN': '三类：背景、白质、灰质。' },
    [
      'Same weights as the niivue-onnx `niivue-meshnet-gwm/model.onnx`, but that file stores every kernel with its spatial axes reversed, so it expects the volume with the first axis fastest; this package (like brainchop) expects the last axis fastest. Each fed its own layout, the two agree on 100 % of voxels of the 256³ sample; fed the same layout, only 98.4 %.',
    ],
  ),
  t1Segmentation(
    'subcortical-18',
    'brainchop-meshnet/subcortical',
    'safetensors',
    'brainchop-meshnet/model30chan18cls/colormap.json',
    { en: 'Subcortical structures (18 classes, robust)', 'zh-CN': '皮质下结构分割（18 类，稳健版）' },
    {
      en: 'Cortex, white matter, ventricles, cerebellum, thalamus, caudate, putamen, pallidum, hippocampus, amygdala, accumbens, ventral diencephalon and brainstem (left and right merged).',
      'zh-CN': '大脑皮质、白质、脑室、小脑、丘脑、尾状核、壳核、苍白球、海马、杏仁核、伏隔核、腹侧间脑及脑干（左右合并）。',
    },
    ['The source folder has no colormap.json; labels and colours come from the tfjs twin `model30chan18cls`, which has the same 18 classes.'],
  ),
  t1Segmentation(
    'subcortical-18-tfjs',
    'brainchop-meshnet/model30chan18cls',
    'tfjs-layers',
    'brainchop-meshnet/model30chan18cls/colormap.json',
    { en: 'Subcortical structures (18 classes, tfjs release)', 'zh-CN': '皮质下结构分割（18 类，tfjs 版本）' },
    {
      en: 'The robust 18-class subcortical model as published in TensorFlow.js format.',
      'zh-CN': '以 TensorFlow.js 格式发布的 18 类稳健皮质下分割模型。',
    },
    [
      'The same weights as `subcortical-18` (brainchop published them twice; a unit test checks every layer is identical after conversion). Kept as the tfjs-format source of that model.',
      'Converted from the tfjs layers format: Conv3D kernels [kd,kh,kw,in,out] are transposed to ONNX [out,in,kd,kh,kw]; Keras "same" padding becomes symmetric pads of dilation·(k−1)/2.',
    ],
  ),
  t1Segmentation(
    'subcortical-18-mini',
    'brainchop-meshnet/model18cls',
    'safetensors',
    'brainchop-meshnet/model18cls/colormap.json',
    { en: 'Subcortical structures (18 classes, fast)', 'zh-CN': '皮质下结构分割（18 类，快速版）' },
    { en: 'A 21-channel, faster variant of the 18-class subcortical model.', 'zh-CN': '18 类皮质下分割的 21 通道快速版本。' },
    [],
  ),
  t1Segmentation(
    'atlas-dk-104',
    'brainchop-meshnet/model21_104class',
    'safetensors',
    'brainchop-meshnet/model21_104class/colormap.json',
    { en: 'Desikan-Killiany atlas (104 regions)', 'zh-CN': 'Desikan-Killiany 脑图谱（104 区）' },
    {
      en: '68 cortical Desikan-Killiany parcels (left and right), subcortical nuclei, ventricles, cerebellum, brainstem and five corpus callosum segments.',
      'zh-CN': '左右各 34 个 Desikan-Killiany 皮质分区，以及皮质下核团、脑室、小脑、脑干和胼胝体五个节段。',
    },
    [
      'Region names: English from FreeSurfer\'s lookup table. The zh-CN names are standard Chinese neuroanatomical terms for each Desikan-Killiany parcel, written by the project (not by the model authors); a neuroradiologist should review them before clinical use.',
      'Memory: a 256³ run plans about 7.1 GiB (11.1 GiB with the left–right flip test) and was measured at 6.0 GiB peak (10.3 GiB with the flip test) on the T1 sample; the unsplit network would hold the logits of all 104 classes, about 17.5 GiB, more than most workstations can give one analysis.',
    ],
  ),
  t1Segmentation(
    'aparc-50',
    'brainchop-meshnet/model30chan50cls',
    'safetensors',
    'brainchop-meshnet/model30chan50cls/colormap.json',
    { en: 'Cortical parcellation (aparc, 50 classes)', 'zh-CN': '皮质分区（aparc，50 类）' },
    {
      en: 'Desikan-Killiany cortical parcels (hemispheres merged) plus main subcortical structures.',
      'zh-CN': 'Desikan-Killiany 皮质分区（左右半球合并）及主要皮质下结构。',
    },
    ['zh-CN region names as for the 104-region atlas: project translations of standard terms, to be reviewed.'],
  ),
  {
    id: 'stroke-lesion-t2-experimental',
    version: '0.1.0-experimental',
    sourceDir: 'brainchop-arc-stroke-t2',
    format: 'tfjs-layers',
    colormap: 'brainchop-arc-stroke-t2/colormap.json',
    // The published colormap calls class 1 "brain"; the authors' README and the training data
    // (lesion masks of the Aphasia Recovery Cohort) make it the lesion class.
    labelKeys: ['background', 'lesion'],
    name: { en: 'Chronic stroke lesion (T2, experimental)', 'zh-CN': '慢性脑卒中病灶（T2，实验性）' },
    description: {
      en: 'Marks chronic stroke lesions on T2-weighted brain MRI. Experimental and unvalidated.',
      'zh-CN': '在 T2 加权脑部 MRI 上标记慢性脑卒中病灶。实验性，未经验证。',
    },
    accepts: {
      modalities: ['MR'],
      bodyParts: ['BRAIN', 'HEAD'],
      bodyPartOptional: true,
      sequenceHints: ['T2', 'SPACE', 'CUBE', 'VISTA'],
      contrasts: ['T2'],
      sliceThicknessMm: { min: 0.5, max: 3 },
      minDims: [128, 128, 60],
      requires3d: true,
    },
    postprocessing: [
      { op: 'argmax', axis: 1 },
      { op: 'size_filter', minVoxels: 10 },
      { op: 'inverse_conform', interpolation: 'nearest' },
    ],
    intendedUse: {
      en: 'Research only: outlining chronic post-stroke lesions on T2-weighted MRI for review by an expert.',
      'zh-CN': '仅供科研：在 T2 加权 MRI 上勾画慢性卒中后病灶，须由专家复核。',
    },
    limitations: [
      {
        en: 'Experimental and unvalidated: its authors removed it from later brainchop releases. Never use it for acute stroke or treatment decisions.',
        'zh-CN': '实验性且未经验证：作者已在后续 brainchop 版本中移除该模型。切勿用于急性卒中或治疗决策。',
      },
      {
        en: 'Trained only on chronic left-hemisphere stroke survivors with aphasia (Aphasia Recovery Cohort, OpenNeuro ds004884).',
        'zh-CN': '仅以伴失语的慢性左半球卒中患者数据训练（Aphasia Recovery Cohort，OpenNeuro ds004884）。',
      },
      {
        en: 'Research software, not a medical device: every result must be reviewed by a qualified reader.',
        'zh-CN': '科研用途软件，非医疗器械：所有结果须由有资质的医师复核。',
      },
    ],
    experimental: true,
    enabledByDefault: false,
    sourceUrl: BRAINCHOP,
    licenseFile: 'LICENSE.brainchop.txt',
    attribution: BRAINCHOP_ATTRIBUTION,
    citation: 'Aphasia Recovery Cohort (ARC), OpenNeuro ds004884; brainchop (Masoud et al., JOSS 2023).',
    cardNotes: [
      'The published colormap.json names class 1 "brain"; this package names it "lesion", which is what the model was trained to mark.',
      'Off by default. It is listed only when experimental models are switched on.',
    ],
  },
];

/** Packages whose model.onnx is a fixed graph written by project code (no published weights to read). */
export const GRAPH_PACKAGE_DEFINITIONS: readonly GraphPackageDefinition[] = [STROKE_DWI_CORE_PACKAGE, LUNG_NODULE_CAD_PACKAGE];
