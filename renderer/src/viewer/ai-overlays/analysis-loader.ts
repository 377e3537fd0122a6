// Loads the AI results of a series for the viewer: the analyses through the contract
// (`ai:results`) and each output volume's voxels through the bulk route
// (GET /bulk/analysis/<analysisId>/<outputIndex>), whose headers carry the output's own grid
// (dimensions, spacing, origin, direction in LPS) and dtype, so an output need not share the
// series' grid to line up with it.
import type { AnalysisResult } from '../../../../electron/shared/ai-results';
import { bulkAnalysisPath } from '../../../../electron/shared/ai-results';
import { AppError } from '../../../../electron/shared/result';
import type { VolumeGeometry } from '../engine/slice-geometry';
import type { Vec3 } from '../engine/vec3';
import { DEFAULT_OPACITY, type OverlayLayer, type OverlayVoxels } from './overlay-layer';

const DTYPES = { uint8: Uint8Array, uint16: Uint16Array, float32: Float32Array } as const;

function numbers(headers: Headers, name: string, count: number): number[] {
  const values = (headers.get(name) ?? '').split(',').map(Number);
  if (values.length !== count || values.some((v) => !Number.isFinite(v))) {
    throw new AppError('IO_ERROR', `The AI output arrived without a valid ${name} header; reload the study.`);
  }
  return values;
}

/** The grid and voxels of one output, from the bulk route's body and headers. */
export function parseOutputVolume(headers: Headers, body: ArrayBuffer): { grid: VolumeGeometry; voxels: OverlayVoxels } {
  const dtype = headers.get('X-Yingdu-Dtype') as keyof typeof DTYPES | null;
  const Type = dtype ? DTYPES[dtype] : undefined;
  if (!Type) throw new AppError('IO_ERROR', `This AI output has a voxel type the viewer cannot draw (${dtype ?? 'none'}).`);
  const [nx, ny, nz] = numbers(headers, 'X-Yingdu-Dimensions', 3) as [number, number, number];
  const spacing = numbers(headers, 'X-Yingdu-Spacing', 3) as [number, number, number];
  const origin = numbers(headers, 'X-Yingdu-Origin', 3) as unknown as Vec3;
  const d = numbers(headers, 'X-Yingdu-Direction', 9);
  if (body.byteLength !== nx * ny * nz * Type.BYTES_PER_ELEMENT) {
    throw new AppError('IO_ERROR', `The AI output arrived incomplete (${body.byteLength} bytes for ${nx}×${ny}×${nz}); reload the study.`);
  }
  const axes: [Vec3, Vec3, Vec3] = [
    [d[0]!, d[1]!, d[2]!],
    [d[3]!, d[4]!, d[5]!],
    [d[6]!, d[7]!, d[8]!],
  ];
  return { grid: { dimensions: [nx, ny, nz], spacing, origin, axes }, voxels: new Type(body) };
}

export async function fetchOutputLayer(analysis: AnalysisResult, outputIndex: number): Promise<OverlayLayer> {
  const output = analysis.outputs[outputIndex]!;
  const response = await fetch(bulkAnalysisPath(analysis.analysisId, outputIndex), { credentials: 'same-origin', cache: 'no-store' });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new AppError('IO_ERROR', body?.error?.message ?? `The AI output "${output.name}" could not be loaded (HTTP ${response.status}).`);
  }
  const { grid, voxels } = parseOutputVolume(response.headers, await response.arrayBuffer());
  return {
    id: `${analysis.analysisId}:${outputIndex}`,
    analysisId: analysis.analysisId,
    outputIndex,
    output,
    grid,
    voxels,
    visible: true,
    opacity: DEFAULT_OPACITY[output.kind],
  };
}
