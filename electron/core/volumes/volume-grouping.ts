// Splits the frames of a series into volumes: first by Frame of Reference, orientation and
// matrix (a localizer never joins the axial stack), then by the 4-D dimension that varies
// (diffusion b-value and direction, echo time, trigger time / temporal position), and labels
// each volume the way a radiologist names it ("b=1000 dir 3", "echo 2 (TE 30 ms)").
import type { FrameHeader } from './frame-header';
import { dot } from './vector-math';

export interface FrameGroup {
  frames: FrameHeader[];
  label: string;
  warnings: string[];
}

const round = (value: number, step: number) => Math.round(value / step) * step;

function geometryKey(f: FrameHeader): string {
  const o = f.orientation ? f.orientation.flat().map((v) => round(v, 1e-3).toFixed(3)).join(',') : 'none';
  const s = f.pixelSpacing ? f.pixelSpacing.map((v) => v.toFixed(4)).join(',') : 'none';
  return [f.seriesInstanceUID, f.frameOfReferenceUID, o, f.rows, f.columns, s].join('|');
}

interface FourDKey {
  b: string;
  dir: string;
  echo: string;
  time: string;
}

function fourDKey(f: FrameHeader): FourDKey {
  const d = f.diffusion;
  return {
    b: d ? String(round(d.bValue, 1e-6)) : '',
    dir: d?.direction ? d.direction.map((v) => round(v, 1e-3).toFixed(3)).join(',') : '',
    echo: f.echoTime !== null ? String(round(f.echoTime, 1e-3)) : f.echoNumber !== null ? `#${f.echoNumber}` : '',
    time: f.temporalPosition !== null ? `t${f.temporalPosition}` : f.triggerTime !== null ? String(round(f.triggerTime, 1e-3)) : '',
  };
}

/** First instance-order position of a group: volumes are listed in acquisition order. */
function firstOrder(frames: FrameHeader[]): number {
  return Math.min(...frames.map((f) => (f.instanceNumber ?? 0) * 1e6 + f.frame));
}

export function groupFrames(frames: FrameHeader[]): FrameGroup[] {
  const byGeometry = new Map<string, FrameHeader[]>();
  for (const f of frames) {
    const key = geometryKey(f);
    const list = byGeometry.get(key);
    if (list) list.push(f);
    else byGeometry.set(key, [f]);
  }
  const stacks = [...byGeometry.values()].sort((a, b) => firstOrder(a) - firstOrder(b));
  const out: FrameGroup[] = [];
  stacks.forEach((stack, stackIndex) => {
    const prefix = stacks.length > 1 ? `stack ${stackIndex + 1}` : '';
    for (const group of splitFourD(stack)) {
      out.push({ ...group, label: [prefix, group.label].filter((s) => s !== '').join(', ') });
    }
  });
  return out;
}

function splitFourD(frames: FrameHeader[]): FrameGroup[] {
  const keys = frames.map(fourDKey);
  const dims = (['b', 'dir', 'echo', 'time'] as const).filter((dim) => new Set(keys.map((k) => k[dim])).size > 1);
  const groups = new Map<string, FrameHeader[]>();
  frames.forEach((f, i) => {
    const key = dims.map((dim) => (keys[i] as FourDKey)[dim]).join('|');
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  });
  const ordered = [...groups.values()].sort((a, b) => firstOrder(a) - firstOrder(b));
  const labelled = labelGroups(ordered, dims);
  return labelled.flatMap((g) => splitRepeatedPositions(g));
}

function labelGroups(groups: FrameHeader[][], dims: ReadonlyArray<keyof FourDKey>): FrameGroup[] {
  const diffusion = dims.includes('b') || dims.includes('dir');
  const echoes = [...new Set(groups.map((g) => g[0]?.echoTime ?? g[0]?.echoNumber ?? 0))].sort((a, b) => a - b);
  const times = [...new Set(groups.map((g) => timeOf(g[0])))].sort((a, b) => a - b);
  const directionsPerB = new Map<string, string[]>();
  if (diffusion) {
    for (const g of groups) {
      const k = fourDKey(g[0] as FrameHeader);
      const list = directionsPerB.get(k.b) ?? [];
      if (!list.includes(k.dir)) list.push(k.dir);
      directionsPerB.set(k.b, list);
    }
  }
  return groups.map((frames) => {
    const f = frames[0] as FrameHeader;
    const k = fourDKey(f);
    const parts: string[] = [];
    if (diffusion && f.diffusion) {
      const directions = directionsPerB.get(k.b) ?? [];
      parts.push(`b=${formatNumber(f.diffusion.bValue)}${directions.length > 1 ? ` dir ${directions.indexOf(k.dir) + 1}` : ''}`);
    }
    if (dims.includes('echo')) {
      const te = f.echoTime ?? f.echoNumber ?? 0;
      parts.push(`echo ${echoes.indexOf(te) + 1}${f.echoTime !== null ? ` (TE ${formatNumber(f.echoTime)} ms)` : ''}`);
    }
    if (dims.includes('time')) {
      const phase = times.indexOf(timeOf(f)) + 1;
      parts.push(f.triggerTime !== null ? `phase ${phase} (trigger ${formatNumber(f.triggerTime)} ms)` : `time point ${phase}`);
    }
    return { frames, label: parts.join(', '), warnings: [] };
  });
}

function timeOf(f: FrameHeader | undefined): number {
  return f?.temporalPosition ?? f?.triggerTime ?? 0;
}

/**
 * Frames that share a plane but carry no key that tells them apart (e.g. a dynamic series
 * without Temporal Position Identifier): the n-th frame at each position, in instance order,
 * joins volume n, and the volume says so.
 */
function splitRepeatedPositions(group: FrameGroup): FrameGroup[] {
  const first = group.frames[0];
  if (!first?.orientation) return [group];
  const [row, column] = first.orientation;
  const normal: [number, number, number] = [
    row[1] * column[2] - row[2] * column[1],
    row[2] * column[0] - row[0] * column[2],
    row[0] * column[1] - row[1] * column[0],
  ];
  const byPlane = new Map<string, FrameHeader[]>();
  for (const f of group.frames) {
    if (!f.position) return [group];
    const key = round(dot(normal, f.position), 0.01).toFixed(2);
    const list = byPlane.get(key);
    if (list) list.push(f);
    else byPlane.set(key, [f]);
  }
  const repeats = Math.max(...[...byPlane.values()].map((list) => list.length));
  if (repeats <= 1) return [group];
  const volumes: FrameHeader[][] = Array.from({ length: repeats }, () => []);
  for (const list of byPlane.values()) {
    list.sort((a, b) => (a.instanceNumber ?? 0) - (b.instanceNumber ?? 0) || a.source - b.source || a.frame - b.frame);
    list.forEach((f, n) => (volumes[n] as FrameHeader[]).push(f));
  }
  const note = `slices repeat at the same positions with no b-value, echo or time to tell them apart; volume assigned by instance order`;
  return volumes.map((frames, n) => ({
    frames,
    label: [group.label, `volume ${n + 1}`].filter((s) => s !== '').join(', '),
    warnings: [...group.warnings, note],
  }));
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
}
