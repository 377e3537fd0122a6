import { describe, expect, it } from 'vitest';
import { checkEligibility, type SeriesFacts } from '../../../../electron/core/inference/models/model-eligibility';
import { PACKAGE_DEFINITIONS } from '../../../../native-models/src/packages/package-definitions';

const t1: SeriesFacts = { modality: 'MR', bodyPart: 'BRAIN', description: 'sag 3D MPRAGE', sliceThicknessMm: 1, columns: 256, rows: 256, slices: 176, isVolume: true, bValues: [] };
const accepts = (id: string) => {
  const def = PACKAGE_DEFINITIONS.find((d) => d.id === id);
  if (!def) throw new Error(id);
  return def.accepts;
};

describe('model eligibility', () => {
  it('accepts a 1 mm 3-D T1 brain series for the tissue model, with the sequence hint', () => {
    expect(checkEligibility(accepts('tissue-gwm'), t1)).toEqual({ eligible: true, mismatches: [], sequenceHintMatched: true });
    expect(checkEligibility(accepts('tissue-gwm'), { ...t1, bodyPart: '' }).eligible).toBe(true);
  });
  it('names each rule a chest CT, a thick-slice stack and a 2-D series break', () => {
    const ct = checkEligibility(accepts('tissue-gwm'), { ...t1, modality: 'CT', bodyPart: 'CHEST', sliceThicknessMm: 8, slices: 30, isVolume: true });
    expect(ct.mismatches.map((m) => m.rule)).toEqual(['modality', 'bodyPart', 'sliceThickness', 'minDims']);
    expect(ct.mismatches[2]).toEqual({ rule: 'sliceThickness', expected: '0.5–1.5 mm', actual: '8 mm' });
    const flat = checkEligibility(accepts('tissue-gwm'), { ...t1, isVolume: false });
    expect(flat.mismatches.map((m) => m.rule)).toEqual(['requires3d']);
  });
  it('treats sequence words as hints: a T2 description is still eligible for the contrast-agnostic brain mask', () => {
    const r = checkEligibility(accepts('brain-mask-mindgrab'), { ...t1, description: 'ax T2 FLAIR', sliceThicknessMm: 3 });
    expect(r.eligible).toBe(true);
    expect(checkEligibility(accepts('tissue-gwm'), { ...t1, description: 'ax T2 FLAIR' }).sequenceHintMatched).toBe(false);
  });
  it('checks b-values when a model needs them', () => {
    const dwi = { ...accepts('tissue-gwm'), bValues: [0, 1000] };
    expect(checkEligibility(dwi, { ...t1, bValues: [0, 995] }).eligible).toBe(true);
    expect(checkEligibility(dwi, { ...t1, bValues: [0, 500] }).mismatches.map((m) => m.rule)).toEqual(['bValues']);
  });
});
