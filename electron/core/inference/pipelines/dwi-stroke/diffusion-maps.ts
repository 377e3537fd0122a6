// Trace DWI and ADC through the package's ONNX graph (native-models/src/stroke/
// diffusion-maps-graph.ts) in the inference worker. The graph is element-wise, so volume memory
// (i fastest) goes in unchanged as [1, C, k, j, i].
import { AppError } from '../../../../shared/result';
import type { ModelRunner } from '../pipeline';
import type { DiffusionShells } from './diffusion-shells';

export interface DiffusionMaps {
  trace: Float32Array;
  /** ×10⁻⁶ mm²/s; 0 where S0 is at or below the signal floor. */
  adc: Float32Array;
  signalFloor: number;
}

/**
 * The smallest S0 taken as a measurement: 1 % of the 99th percentile of S0. Background air in a
 * magnitude image is Rician noise of a few percent of brain signal at most, so voxels below this
 * are not tissue and get ADC 0 instead of ln(noise/noise)/b.
 */
export function signalFloorOf(s0: Float32Array): number {
  const sorted = Float32Array.from(s0).sort();
  const p99 = sorted[Math.min(sorted.length - 1, Math.floor(0.99 * (sorted.length - 1)))] as number;
  return Math.max(1e-3, 0.01 * p99);
}

export async function computeDiffusionMaps(runner: ModelRunner, modelId: string, shells: DiffusionShells): Promise<DiffusionMaps> {
  const [ni, nj, nk] = shells.grid.dimensions;
  const signalFloor = signalFloorOf(shells.s0);
  const { outputs } = await runner.run(modelId, {
    // The job service's runner transfers input buffers to the worker; S0 is needed after (brain mask), so it goes as a copy.
    b0: { dims: [1, 1, nk, nj, ni], data: shells.s0.slice() },
    dwi: { dims: [1, shells.directions, nk, nj, ni], data: shells.shell },
    b_value: { dims: [1], data: Float32Array.of(shells.bValue) },
    signal_floor: { dims: [1], data: Float32Array.of(signalFloor) },
  });
  const trace = outputs.trace?.data;
  const adc = outputs.adc?.data;
  const n = ni * nj * nk;
  if (!trace || !adc || trace.length !== n || adc.length !== n) {
    throw new AppError('MODEL_INVALID', `The ${modelId} model did not return "trace" and "adc" maps of the series' size; reinstall the package.`);
  }
  return { trace, adc, signalFloor };
}
