// The acute stroke pipeline on diffusion MRI (the `dwi-stroke` kind; package stroke-dwi-core):
// S0 and the b shell from the split series → trace DWI and ADC through the package's ONNX graph
// → brain mask from the dependency package (mindgrab on b≈0) → core = ADC < adcCore inside the
// eroded mask, cleaned by component size → findings, the total core volume, and the ADC map
// and core label map on the DWI grid. Thresholds come from the package manifest.
import type { AnalysisMeasurement } from '../../../../shared/ai-results';
import type { ModelManifest } from '../../../../shared/model-manifest';
import { AppError } from '../../../../shared/result';
import type { OutputVolume, Pipeline, PipelineContext } from '../pipeline';
import { FULL_BRAIN_COVERAGE_MM, brainFrame } from './brain-location';
import { brainMaskFromB0 } from './brain-mask';
import { describeCoreFindings } from './core-findings';
import { computeDiffusionMaps } from './diffusion-maps';
import { selectDiffusionShells } from './diffusion-shells';
import { segmentInfarctCore } from './infarct-core';

const THRESHOLD_KEYS = ['adcCore', 'relativeAdcCore', 'contralateralRatio', 'minComponentMl', 'maskErosionMm', 'b0MaxBValue', 'minHighBValue'] as const;
type StrokeThresholds = Record<(typeof THRESHOLD_KEYS)[number], number>;

export const ADC_UNIT = '10⁻⁶ mm²/s';
/** Grey-scale window of the ADC overlay: 0 to a little above free water (≈ 3000). */
export const ADC_DISPLAY_RANGE: [number, number] = [0, 3200];

function thresholdsOf(manifest: ModelManifest): StrokeThresholds {
  const missing = THRESHOLD_KEYS.filter((key) => typeof manifest.thresholds[key] !== 'number');
  if (missing.length) {
    throw new AppError('MODEL_INVALID', `The ${manifest.id} package lacks the thresholds ${missing.join(', ')} the stroke pipeline needs; reinstall it.`);
  }
  return Object.fromEntries(THRESHOLD_KEYS.map((key) => [key, manifest.thresholds[key] as number])) as StrokeThresholds;
}

function checkNotCancelled(ctx: PipelineContext): void {
  if (ctx.signal.aborted) throw new AppError('CANCELLED', 'The stroke analysis was cancelled.');
}

export const dwiStrokePipeline: Pipeline = async (ctx) => {
  const manifest = ctx.model.manifest;
  const rules = thresholdsOf(manifest);
  const maskModel = manifest.dependsOn[0];
  if (!maskModel) throw new AppError('MODEL_INVALID', `The ${manifest.id} package names no brain-mask package in dependsOn; reinstall it.`);
  const coreLabel = manifest.labels.find((l) => !l.hidden);
  if (!coreLabel) throw new AppError('MODEL_INVALID', `The ${manifest.id} package has no visible core label; reinstall it.`);

  const shells = selectDiffusionShells(ctx.volumes, rules);
  const warnings = [...shells.warnings];
  ctx.progress(0.05);
  const maps = await computeDiffusionMaps(ctx.runner, manifest.id, shells);
  checkNotCancelled(ctx);
  ctx.progress(0.15);
  const brain = await brainMaskFromB0(ctx.runner, maskModel, shells.grid, shells.s0, (f) => ctx.progress(0.15 + 0.75 * f), ctx.signal);
  checkNotCancelled(ctx);
  ctx.progress(0.9);

  const frame = brainFrame(brain, shells.grid);
  if (!frame) warnings.push('No brain was found on the b=0 image, so no infarct core could be measured; check that this is a brain DWI series.');
  else if (frame.coverageMm < FULL_BRAIN_COVERAGE_MM) {
    warnings.push(`The series covers only ${Math.round(frame.coverageMm)} mm of brain from top to bottom; infarcts outside it are not measured and locations are less reliable.`);
  }
  const core = segmentInfarctCore(maps.adc, frame ? brain : new Uint8Array(brain.length), shells.grid, frame?.midlineX ?? 0, rules);
  if (core.threshold < rules.adcCore) {
    warnings.push(`Normal brain on this series has a median ADC of ${Math.round(core.parenchymaAdc)} × 10⁻⁶ mm²/s, so core was called below ${Math.round(core.threshold)} instead of ${rules.adcCore}.`);
  }
  if (core.symmetric.count > 0) {
    warnings.push(
      `${core.symmetric.count} low-ADC region(s) (${core.symmetric.volumeMl.toFixed(1)} mL) have nearly the same ADC in the opposite hemisphere and were taken as normal anatomy, not core; review the ADC map if a bilateral infarct is suspected.`,
    );
  }
  const findings = frame ? describeCoreFindings(core.components, maps.adc, shells.grid, frame, { key: coreLabel.key, value: coreLabel.index, name: coreLabel.name }) : [];
  const totalMl = core.components.reduce((sum, c) => sum + c.volumeMl, 0);
  const measurements: AnalysisMeasurement[] = [
    {
      name: 'infarct_core',
      value: Number(totalMl.toFixed(2)),
      unit: 'mL',
      label: { en: `Infarct core volume (ADC < ${rules.adcCore})`, 'zh-CN': `梗死核心体积（ADC < ${rules.adcCore}）` },
    },
  ];
  const outputs: OutputVolume[] = [
    {
      kind: 'parametric',
      name: 'adc',
      grid: shells.grid,
      voxels: maps.adc,
      unit: ADC_UNIT,
      displayRange: ADC_DISPLAY_RANGE,
      colorMap: 'grayscale',
    },
    {
      kind: 'labelmap',
      name: 'core',
      grid: shells.grid,
      voxels: coreLabel.index === 1 ? core.mask : core.mask.map((v) => (v ? coreLabel.index : 0)),
      labels: { [String(coreLabel.index)]: { key: coreLabel.key, name: coreLabel.name, color: coreLabel.color } },
    },
  ];
  ctx.progress(1);
  return { findings, measurements, outputs, warnings };
};
