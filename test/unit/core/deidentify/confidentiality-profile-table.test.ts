// The committed table is generated from the standard's attribute list; it must still equal it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIDENTIALITY_PROFILE } from '../../../../electron/core/deidentify/confidentiality-profile-table';
import { profileRowFor, resolveAction } from '../../../../electron/core/deidentify/profile-actions';
import { HAS_SHARED, SHARED_MISSING_REASON, sharedData } from '../../../support/shared-data';

interface JsonRow {
  id: string;
  tag: string;
  name: string;
  basicProfile: string;
  stdCompIOD: string;
  [option: string]: string;
}

describe.skipIf(!HAS_SHARED)(`PS3.15 Table E.1-1 as generated TypeScript${HAS_SHARED ? '' : ` (skipped: ${SHARED_MISSING_REASON})`}`, () => {
  const json = JSON.parse(readFileSync(sharedData('standard', 'confidentiality_profile_attributes.json'), 'utf8')) as JsonRow[];

  it('has every row of the JSON, in order, with the same tag, name, actions and option actions', () => {
    expect(CONFIDENTIALITY_PROFILE).toHaveLength(json.length);
    json.forEach((row, i) => {
      const { id, tag, name, basicProfile, stdCompIOD, ...options } = row;
      expect(CONFIDENTIALITY_PROFILE[i]).toEqual({ id, tag, name, basicProfile, stdCompIOD, options });
    });
  });
});

describe('profile rows and combined actions', () => {
  it('finds masked and private rows', () => {
    expect(profileRowFor('50001234')?.name).toBe('Curve Data');
    expect(profileRowFor('60023000')?.name).toBe('Overlay Data');
    expect(profileRowFor('601E4000')?.name).toBe('Overlay Comments');
    expect(profileRowFor('60000010')).toBeUndefined();
    expect(profileRowFor('00291010')?.name).toBe('Private Attributes');
    expect(profileRowFor('00100010')?.basicProfile).toBe('Z');
    expect(profileRowFor('7fe00010')).toBeUndefined();
  });

  it('resolves every combination to one of its own choices, by the IOD Type of the attribute', () => {
    const CT = '1.2.840.10008.5.1.4.1.1.2';
    const SEG = '1.2.840.10008.5.1.4.1.1.66.4';
    const SR = '1.2.840.10008.5.1.4.1.1.88.22';
    for (const row of CONFIDENTIALITY_PROFILE) {
      for (const sop of [CT, SEG, SR]) {
        expect(row.basicProfile.replace(/\*/g, '').split('/')).toContain(resolveAction(row, sop));
      }
    }
    const row = (id: string) => CONFIDENTIALITY_PROFILE.find((r) => r.id === id)!;
    // Content Date: Type 1 in SR and SEG (D), Type 2C in CT images (Z).
    expect(resolveAction(row('00080023'), SR)).toBe('D');
    expect(resolveAction(row('00080023'), CT)).toBe('Z');
    // Device Serial Number: Type 1 in Enhanced General Equipment (SEG), Type 3 in CT.
    expect(resolveAction(row('00181000'), SEG)).toBe('D');
    expect(resolveAction(row('00181000'), CT)).toBe('X');
    // Source Image Sequence: needed by SEG's derivation references, optional in CT.
    expect(resolveAction(row('00082112'), SEG)).toBe('U');
    expect(resolveAction(row('00082112'), CT)).toBe('X');
    expect(resolveAction(row('00100020'), CT)).toBe('Z');
  });
});
