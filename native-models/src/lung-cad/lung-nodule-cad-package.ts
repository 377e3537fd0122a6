// The `lung-nodule-cad` package: a classical computer-aided detection baseline for lung
// nodules and masses on chest CT. model.onnx is the multi-scale Hessian filter bank of
// blob-filter-graph.ts (no learned weights); lung segmentation, candidates, false-positive
// reduction and measurements are the `lung-cad` pipeline (electron/core/inference/pipelines/
// lung-cad/), which reads the thresholds below from the installed manifest.
import type { ModelManifestInput } from '../../../electron/shared/model-manifest';
import { encodeOnnxModel } from '../onnx/onnx-model';
import { type GraphPackageDefinition, PROJECT_LICENSE_TEXT, writeGraphPackage } from '../packages/graph-package';
import { BLOB_SCALES_MM, HU_CLIP, LUNG_CAD_OPSET, MIN_SPACING_MM, buildBlobFilterGraph } from './blob-filter-graph';

const ID = 'lung-nodule-cad';
const VERSION = '1.0.0';

/**
 * Every number the pipeline decides with, chosen from physics and the literature, not fitted to
 * any case (the one annotated case in ../shared is used only to check the result):
 * - minSpacingMm: working grid floor; the graph's kernels are sized for it (blob-filter-graph.ts).
 * - lungHu: −400, air/lung vs soft tissue (Hu S. et al., IEEE TMI 20:490, 2001: optimal lung
 *   threshold about −400 to −500 HU). airwayHu: −950, lumen air (aerated parenchyma is −700 to −900).
 * - growHu: −600, lesion boundary for region growing, halfway between aerated lung (≈ −850) and the
 *   densest ground glass (≈ −350); solidHu: −300, solid vs ground-glass component (Lung-RADS
 *   practice: solid components are soft-tissue attenuation); calcifiedHu: 200 (benign calcification
 *   pattern threshold used for nodule densitometry, e.g. Siegelman 1986 reported ≥ 164–200 HU).
 * - dotMin: 0.05, the scale-normalised dot response of a blob with ≈ 300 HU contrast against
 *   aerated lung at its matched scale (≈ 0.18 × contrast/1000 for a Gaussian blob), i.e. faint
 *   ground glass; weaker maxima are not candidates.
 * - minDiameterMm 4 (below Lung-RADS' 6 mm action size with margin for partial volume),
 *   massDiameterMm 30 (a lesion ≥ 3 cm is a mass, Fleischner glossary).
 * - pleuralClosingMm 10: the lung mask is closed with a 10 mm disc in each slice, so nodules up to
 *   about 20 mm touching the pleura or mediastinum fall inside it.
 * - maxElongation 3: a candidate whose principal axes (mm) differ more than 3:1 is vessel-shaped.
 * - reportScore 0.5: findings whose blob score is below are not reported.
 * - lowConfidenceUncertainty 0.5 and ttaRuns 3 (identity + two flips with a shifted working grid).
 */
export const LUNG_CAD_THRESHOLDS = {
  minSpacingMm: MIN_SPACING_MM,
  lungHu: -400,
  airwayHu: -950,
  growHu: -600,
  solidHu: -300,
  calcifiedHu: 200,
  dotMin: 0.05,
  minDiameterMm: 4,
  massDiameterMm: 30,
  pleuralClosingMm: 10,
  maxElongation: 3,
  reportScore: 0.5,
  lowConfidenceUncertainty: 0.5,
  ttaRuns: 3,
  // The graph's scales, so the pipeline can size its region growing to the matched blob.
  ...Object.fromEntries(BLOB_SCALES_MM.map((sigma, index) => [`scale${index}Mm`, sigma])),
};

export const NODULE_LABEL = 1;
export const MASS_LABEL = 2;

const CARD_NOTES = [
  'This is a classical CAD baseline, not a trained network. Nothing in it was learned from data, and its "probability" is a transparent blob-likeness score (the geometric mean of how blob-like the filter response is, how compact the segmented region is and how dense it is), not a calibrated probability of a nodule or of cancer.',
  `model.onnx is a fixed filter bank: at ${BLOB_SCALES_MM.length} Gaussian scales (σ = ${BLOB_SCALES_MM.join(', ')} mm) it computes the scale-normalised Hessian with separable Gaussian-derivative convolutions and, per voxel, its eigenvalues (closed form), then the "dot" (blob) and "line" (vessel) enhancement filters of Li, Sone and Doi (Med Phys 2003). HU are clipped to [${HU_CLIP.low}, ${HU_CLIP.high}] first. Inputs: \`ct\` (HU) and \`spacing\` (mm); kernels are computed inside the graph from the spacing, with the width along each axis never below one voxel, so 8 mm slices and 0.7 mm pixels are each handled in millimetres.`,
  `The pipeline resamples the series in-plane (box average of whole pixels) to a working grid of at least ${MIN_SPACING_MM} mm, segments the lungs (air below −400 HU not connected to the edge of the image, airways below −950 HU removed, closed with a 10 mm disc and holes filled so juxtapleural lesions are inside), takes local maxima of the dot response inside the lungs plus dense lung components that survive a 3 mm opening (masses larger than the filter scales), grows each candidate above −600 HU, and drops candidates that are smaller than 4 mm, elongated like vessels, more line- than dot-like, or centred outside the lungs.`,
  'Per finding: long and short axis in mm measured the Lung-RADS way (on the axial slice of largest extent; the short axis is the largest extent perpendicular to the long one), volume in mL, mean HU, solid / part-solid / ground-glass from the HU distribution (median and 90th percentile against −300 HU), side from the patient x coordinate against the body mid-line, and an approximate lobe: fissures are modelled as fixed oblique and horizontal planes in each lung\'s bounding box, not detected, so lobes near a fissure may be wrong.',
  'Uncertainty comes from test-time augmentation: the detector runs again on left-right and anterior-posterior flipped copies of a working grid shifted by one source pixel; a finding that is not found again, or whose score changes, gets a higher uncertainty, and one above 0.5 is flagged "low confidence — correlate clinically".',
  'What it was checked on: one case only, Lung-PET-CT-Dx Lung_Dx-A0002 (Siemens, 8 mm slices, 512², B70f and B40f kernels; TCIA, CC BY 4.0), against the 18 published tumour boxes: the adenocarcinoma must be found (finding centre inside a box) with a bounded number of other findings per scan (test/integration/core/inference/pipelines/lung-cad/). Version 1.0.0 found it on both reconstructions as a right-sided solid mass of 57 × 42 mm (B70f) and 58 × 41 mm (B40f), 22–23 mL (the boxes are up to 78 × 56 mm on 10 slices, drawn around the mass and the hilum), with 4 (B70f) and 3 (B40f) other findings per scan, hilar and apical vessels, three of which the test-time repeats did not confirm (flagged low confidence). No threshold was tuned to that case; an acceptance check runs on a held-out case of the same collection. Sensitivity and false positives per scan on a representative population are unknown.',
];

function manifestCandidate(): Omit<ModelManifestInput, 'sha256' | 'sizeBytes'> {
  const grid = ['N', 1, 'D', 'H', 'W'];
  return {
    schemaVersion: 1,
    id: ID,
    version: VERSION,
    task: 'detection',
    name: { en: 'Lung nodule and mass detection (classical CAD baseline)', 'zh-CN': '肺结节与肿块检测（经典 CAD 基线）' },
    description: {
      en: 'Finds lung nodules and masses on chest CT with multi-scale 3-D blob and vessel filters, lung segmentation and rule-based false-positive reduction; reports each finding\'s long and short axis, volume, mean HU, solid / part-solid / ground-glass type, side and approximate lobe.',
      'zh-CN': '在胸部 CT 上利用多尺度三维斑点与血管增强滤波、肺分割及基于规则的假阳性抑制检出肺结节与肿块；报告每个病灶的长径、短径、体积、平均 CT 值、实性 / 部分实性 / 磨玻璃类型、侧别及大致肺叶。',
    },
    accepts: {
      modalities: ['CT'],
      bodyParts: ['CHEST', 'THORAX', 'LUNG'],
      bodyPartOptional: true,
      sequenceHints: ['CHEST', 'THORAX', 'LUNG', 'THORAXROUTINE'],
      contrasts: ['CT'],
      sliceThicknessMm: { min: 0.5, max: 10 },
      minDims: [256, 256, 10],
      requires3d: true,
    },
    inputs: [
      { name: 'ct', dtype: 'float32', shape: grid, axes: 'NCDHW', description: 'CT in HU on the working grid (D = slices, W = columns, fastest)' },
      { name: 'spacing', dtype: 'float32', shape: [3], axes: 'N', description: 'Voxel spacing in mm along D, H, W' },
    ],
    outputs: [
      { name: 'dot', dtype: 'float32', shape: grid, axes: 'NCDHW', description: 'Blob (dot) filter response, maximum over scales' },
      { name: 'line', dtype: 'float32', shape: grid, axes: 'NCDHW', description: 'Vessel (line) filter response, maximum over scales' },
      { name: 'dot_scale', dtype: 'float32', shape: grid, axes: 'NCDHW', description: 'Index of the scale with the strongest dot response' },
    ],
    // The working grid (in-plane box average to ≥ minSpacingMm) is the pipeline's; the graph takes
    // volume memory as is (i fastest): D = k, H = j, W = i.
    preprocessing: [{ op: 'to_tensor', layout: 'first_axis_fastest' }],
    postprocessing: [{ op: 'connected_components', connectivity: 26, keepLargest: false }],
    labels: [
      { index: 0, key: 'background', name: { en: 'Background', 'zh-CN': '背景' }, color: [0, 0, 0], hidden: true },
      { index: NODULE_LABEL, key: 'nodule', name: { en: 'Nodule', 'zh-CN': '结节' }, color: [255, 200, 0], hidden: false },
      { index: MASS_LABEL, key: 'mass', name: { en: 'Mass', 'zh-CN': '肿块' }, color: [255, 64, 64], hidden: false },
    ],
    thresholds: { ...LUNG_CAD_THRESHOLDS },
    intendedUse: {
      en: 'A second look at chest CT for lung nodules and masses, for a physician who reads every image; a baseline to compare trained detectors against. It does not diagnose cancer.',
      'zh-CN': '供逐幅阅片的医师对胸部 CT 肺结节与肿块进行"第二次查看"；亦作为与训练所得检测模型比较的基线。不用于诊断肺癌。',
    },
    limitations: [
      {
        en: 'A classical CAD baseline, not a trained network; checked on one annotated case only (two reconstructions). Its score is a heuristic blob-likeness score, not a probability of malignancy.',
        'zh-CN': '为经典 CAD 基线而非训练所得网络；仅在一个标注病例（两种重建）上核查。其评分为启发式"类球形"评分，并非恶性概率。',
      },
      {
        en: 'Small nodules (< 5 mm), ground-glass nodules and lesions fused with vessels, the hilum or the mediastinum are often missed; vessel branchings and scars give false positives. Thick slices (> 5 mm) blur nodules along the body axis.',
        'zh-CN': '小结节（< 5 mm）、磨玻璃结节及与血管、肺门或纵隔相连的病灶常被漏检；血管分叉和瘢痕可致假阳性。厚层（> 5 mm）图像沿身体长轴方向会使结节模糊。',
      },
      {
        en: 'The lobe is an approximation from fixed fissure planes, not a fissure detection; sizes are measured on the source images but depend on the −600 HU boundary.',
        'zh-CN': '肺叶为基于固定叶间裂平面的近似估计，并非叶间裂检测；尺寸在原始图像上测量，但依赖 −600 HU 边界。',
      },
      {
        en: 'Research software, not a medical device: every result must be reviewed by a qualified reader.',
        'zh-CN': '科研用途软件，非医疗器械：所有结果须由有资质的医师复核。',
      },
    ],
    license: { spdx: 'Apache-2.0', file: 'LICENSE.txt', attribution: 'Yingdu project code (graph written by native-models/src/lung-cad)' },
    provenance: {
      sourceUrl: 'https://doi.org/10.1118/1.1581411',
      sourceFormat: 'project-graph',
      sourceSha256: {},
      converter: 'yingdu-native-models',
      converterVersion: '1.0.0',
      opset: LUNG_CAD_OPSET,
      citation:
        'Li Q., Sone S., Doi K., "Selective enhancement filters for nodules, vessels, and airway walls in two- and three-dimensional CT scans", Med Phys 2003;30(8):2040-51. Lindeberg T., "Feature detection with automatic scale selection", IJCV 1998;30:79-116. Test data: Li P. et al., Lung-PET-CT-Dx, TCIA 2020, doi:10.7937/TCIA.2020.NNC20461 (CC BY 4.0).',
    },
    pipeline: 'lung-cad',
    dependsOn: [],
    experimental: false,
    enabledByDefault: false,
    estimatedCpuSeconds: 60,
  };
}

export const LUNG_NODULE_CAD_PACKAGE: GraphPackageDefinition = {
  id: ID,
  version: VERSION,
  build(outRoot) {
    const onnx = encodeOnnxModel(buildBlobFilterGraph(ID), {
      opset: LUNG_CAD_OPSET,
      producerName: 'yingdu-native-models',
      producerVersion: '1.0.0',
      docString: 'Multi-scale 3-D Hessian dot (blob) and line (vessel) filters for chest CT; written by project code, no learned weights',
      metadata: { 'yingdu.package': ID, 'yingdu.version': VERSION },
    });
    return writeGraphPackage(manifestCandidate(), onnx, CARD_NOTES, PROJECT_LICENSE_TEXT, outRoot);
  },
};
