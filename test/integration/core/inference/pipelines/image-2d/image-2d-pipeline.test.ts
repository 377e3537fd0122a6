// The radiograph (image-2d) pipeline through the real job service: the real WG04 CR images
// (RG2 hip with four metal pins, MONOCHROME2 with Pixel Spacing but no Image Position /
// Orientation; RG3 tibia, MONOCHROME1 with a lead "R" side marker) imported into a real data
// folder, TEST MODELS (fixed top-hat filters written by test/support/radiograph-test-models.ts,
// not clinical models) installed as packages and run in the inference worker. Where the pins and
// the marker are was read off the images by eye (full-resolution crops), as an annotation.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Core, createCore } from '../../../../../../electron/core/core';
import { decodeNifti } from '../../../../../../electron/core/nifti/nifti-reader';
import type { AnalysisResult, Finding } from '../../../../../../electron/shared/ai-results';
import { writeTestRadiographPackage } from '../../../../../support/radiograph-test-models';
import { HAS_SHARED, SHARED_MISSING_REASON, sharedData } from '../../../../../support/shared-data';
import { makeTempDir } from '../../../../../support/temp-dir';
import { importInto } from '../../../import/import-into';

const RG2 = sharedData('conformance', 'wg04', 'REF', 'RG2_UNC');
const RG3 = sharedData('conformance', 'wg04', 'REF', 'RG3_UNC');
/** RG2 (1760 × 2140): centre [column, row] of each of the four pins in the femoral head and neck. */
const RG2_PINS: Array<[number, number]> = [
  [878, 813],
  [972, 841],
  [1025, 1029],
  [1082, 1098],
];
/** RG3 (1760 × 1760): the letter of the lead "R" marker, [[colMin, rowMin], [colMax, rowMax]]. */
const RG3_MARKER = [
  [1150, 1388],
  [1210, 1465],
] as const;

describe.skipIf(!HAS_SHARED)(`image-2d pipeline on real radiographs${HAS_SHARED ? '' : ` (skipped: ${SHARED_MISSING_REASON})`}`, () => {
  const temp = makeTempDir('yingdu-image2d-');
  const data = path.join(temp.dir, 'data');
  let core: Core;
  const series: Record<string, string> = {};

  const analyse = async (file: 'RG2' | 'RG3', modelId: string): Promise<AnalysisResult> => {
    const job = core.jobs.enqueue(series[file] as string, modelId);
    await core.jobs.idle();
    const done = core.jobs.store.get(job.id);
    expect(done, `${modelId} on ${file}: ${done?.errorCode} ${done?.errorMessage}`).toMatchObject({ state: 'done' });
    const analysis = core.jobs.analyses.get(job.id);
    if (!analysis) throw new Error('no stored analysis');
    return analysis;
  };

  beforeAll(async () => {
    const classifier = writeTestRadiographPackage('classifier', path.join(temp.dir, 'packages')).dir;
    const detector = writeTestRadiographPackage('detector', path.join(temp.dir, 'packages')).dir;
    await importInto(data, [RG2, RG3]);
    core = createCore({ dataDir: data, host: 'web', aiAutoRun: false });
    core.models.install(classifier);
    core.models.install(detector);
    const rows = core.db.prepare('SELECT series_instance_uid AS uid, body_part AS part FROM series').all() as Array<{ uid: string; part: string }>;
    for (const row of rows) series[row.part === 'HIP' ? 'RG2' : 'RG3'] = row.uid;
    expect(Object.keys(series).sort()).toEqual(['RG2', 'RG3']);
  }, 60_000);
  afterAll(async () => {
    await core?.close();
    temp.remove();
  });

  it('classifies the pinned hip as metal and its occlusion saliency peaks on the pins', async () => {
    const analysis = await analyse('RG2', 'test-metal-classifier');
    expect(analysis.findings).toHaveLength(1);
    const finding = analysis.findings[0] as Finding;
    expect(finding).toMatchObject({ type: 'classification', label: 'metal', pixelCenter: [879.5, 1069.5], lowConfidence: false });
    expect(finding.probability).toBeGreaterThan(0.5);
    // The mirrored run (thresholds.uncertainty) agrees: the filter is symmetric, the letterbox centred.
    expect(finding.uncertainty).toBeLessThan(0.05);
    // CR without Image Position / Orientation (Patient): no LPS, and the reader is told so.
    expect(finding.centerLPS).toBeUndefined();
    expect(analysis.warnings.join(' ')).toMatch(/no patient geometry/);

    expect(analysis.outputs).toEqual([expect.objectContaining({ kind: 'heatmap', name: 'saliency_metal', colorMap: 'hot' })]);
    const nifti = decodeNifti(new Uint8Array(readFileSync(path.join(data, analysis.outputs[0]?.path as string))));
    expect(nifti.dims.slice(1, 4)).toEqual([1760, 2140, 1]);
    const heat = nifti.voxels as Float32Array;
    let peak = 0;
    for (let i = 1; i < heat.length; i++) if ((heat[i] as number) > (heat[peak] as number)) peak = i;
    const [pc, pr] = [peak % 1760, Math.floor(peak / 1760)];
    // The peak lies among the pins: within 150 px (30 mm) of the nearest one.
    expect(Math.min(...RG2_PINS.map(([c, r]) => Math.hypot(c - pc, r - pr)))).toBeLessThan(150);
    // And the pins' region holds the heat: its mean is far above the mean elsewhere.
    const margin = 120;
    let inside = 0;
    let insideN = 0;
    let outside = 0;
    for (let r = 0; r < 2140; r += 4) {
      for (let c = 0; c < 1760; c += 4) {
        const near = c >= 878 - margin && c <= 1082 + margin && r >= 813 - margin && r <= 1098 + margin;
        if (near) {
          inside += heat[r * 1760 + c] as number;
          insideN++;
        } else outside += heat[r * 1760 + c] as number;
      }
    }
    expect(inside / insideN).toBeGreaterThan((10 * outside) / ((2140 * 1760) / 16 - insideN));
  }, 120_000);

  it('boxes the pins on the hip, in image pixels since the image has no patient geometry', async () => {
    const analysis = await analyse('RG2', 'test-metal-detector');
    expect(analysis.findings).toHaveLength(1);
    const finding = analysis.findings[0] as Finding;
    expect(finding).toMatchObject({ type: 'detection', label: 'metal', lowConfidence: false });
    expect(finding.probability).toBeGreaterThan(0.5);
    // The pins lie right of centre: only a box from the mirrored run mapped back overlaps this one.
    expect(finding.uncertainty).toBeLessThan(0.1);
    expect(finding.centerLPS).toBeUndefined();
    expect(finding.boundsLPS).toBeUndefined();
    const [[c1, r1], [c2, r2]] = finding.pixelBounds as [[number, number], [number, number]];
    for (const [c, r] of RG2_PINS) {
      expect(c).toBeGreaterThanOrEqual(c1 - 10);
      expect(c).toBeLessThanOrEqual(c2 + 10);
      expect(r).toBeGreaterThanOrEqual(r1 - 10);
      expect(r).toBeLessThanOrEqual(r2 + 10);
    }
    // Tight around them: the box is a small part of the image.
    expect(((c2 - c1) * (r2 - r1)) / (1760 * 2140)).toBeLessThan(0.05);
  }, 60_000);

  it('inverts the MONOCHROME1 tibia and finds the lead side marker', async () => {
    const analysis = await analyse('RG3', 'test-metal-detector');
    expect(analysis.findings).toHaveLength(1);
    const [c, r] = (analysis.findings[0] as Finding).pixelCenter as [number, number];
    expect(c).toBeGreaterThanOrEqual(RG3_MARKER[0][0]);
    expect(c).toBeLessThanOrEqual(RG3_MARKER[1][0]);
    expect(r).toBeGreaterThanOrEqual(RG3_MARKER[0][1]);
    expect(r).toBeLessThanOrEqual(RG3_MARKER[1][1]);
  }, 60_000);
});
