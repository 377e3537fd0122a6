// PS3.15 Annex E Basic Application Level Confidentiality Profile applied to one dataset (a dcmjs
// dictionary), into every nested sequence item. Table-driven: the action of each attribute comes
// from the generated Table E.1-1; attributes the table does not list are kept (E.1.1), except
// private attributes and the repeating curve/overlay groups, which the table lists by mask.
import type { DcmjsDict, DcmjsElement } from 'dcmjs';
import { dummyValue } from './dummy-values';
import { profileRowFor, resolveAction } from './profile-actions';
import type { ProfileAction, ProfileRow } from './profile-row';
import type { UidRemapper } from './uid-remapper';

/** What the profile did to one dataset, by attribute name (never by value: values may be PHI). */
export interface DeidentificationChanges {
  removed: string[];
  emptied: string[];
  replacedWithDummy: string[];
  uidsReplaced: string[];
  privateAttributesRemoved: number;
}

interface Context {
  sopClassUID: string;
  uids: UidRemapper;
  removed: Set<string>;
  emptied: Set<string>;
  dummied: Set<string>;
  remapped: Set<string>;
  privateRemoved: number;
}

/** (0012,0064) code: DCM 113100 "Basic Application Confidentiality Profile" (PS3.16 CID 7050). */
const BASIC_PROFILE_CODE = {
  '00080100': { vr: 'SH', Value: ['113100'] },
  '00080102': { vr: 'SH', Value: ['DCM'] },
  '00080104': { vr: 'LO', Value: ['Basic Application Confidentiality Profile'] },
};

export function deidentifyDataset(dict: DcmjsDict, sopClassUID: string, uids: UidRemapper): { dict: DcmjsDict; changes: DeidentificationChanges } {
  const context: Context = {
    sopClassUID,
    uids,
    removed: new Set(),
    emptied: new Set(),
    dummied: new Set(),
    remapped: new Set(),
    privateRemoved: 0,
  };
  const out = processDataset(dict, context);
  // PS3.15 E.1.1 items 6–7 and PS3.3 C.7.1.1: say that the identity was removed, and how.
  out['00120062'] = { vr: 'CS', Value: ['YES'] };
  out['00120063'] = { vr: 'LO', Value: ['DICOM PS3.15 E.1 Basic Application Level Confidentiality Profile'] };
  out['00120064'] = { vr: 'SQ', Value: [{ ...BASIC_PROFILE_CODE }] };
  // Dates are removed or replaced by the basic profile (PS3.3 C.7.6.1.1.8 Longitudinal Temporal Information Modified).
  out['00280303'] = { vr: 'CS', Value: ['REMOVED'] };
  return {
    dict: sortedByTag(out),
    changes: {
      removed: [...context.removed].sort(),
      emptied: [...context.emptied].sort(),
      replacedWithDummy: [...context.dummied].sort(),
      uidsReplaced: [...context.remapped].sort(),
      privateAttributesRemoved: context.privateRemoved,
    },
  };
}

function processDataset(dict: DcmjsDict, context: Context): DcmjsDict {
  const out: DcmjsDict = {};
  // Overlay Data (60xx,3000) is Type 1 in the Overlay Plane Module (PS3.3 C.9.2): removing it and
  // keeping the group's other elements would leave a broken module, so such a group goes entirely.
  const overlayGroups = new Set(
    Object.keys(dict)
      .filter((tag) => /^60[01][0-9A-E]3000$/i.test(tag))
      .map((tag) => tag.slice(0, 4).toUpperCase()),
  );
  for (const [tag, element] of Object.entries(dict)) {
    if (!element) continue;
    if (overlayGroups.has(tag.slice(0, 4).toUpperCase())) {
      context.removed.add(`(${tag.slice(0, 4)},xxxx) Overlay Plane`);
      continue;
    }
    const row = profileRowFor(tag);
    if (!row) {
      out[tag] = element.vr === 'SQ' ? { vr: 'SQ', Value: items(element).map((item) => processDataset(item, context)) } : element;
      continue;
    }
    const processed = apply(resolveAction(row, context.sopClassUID), row, element, context);
    if (processed) out[tag] = processed;
  }
  return out;
}

function apply(action: ProfileAction, row: ProfileRow, element: DcmjsElement, context: Context): DcmjsElement | null {
  const label = row.id.length === 8 && /^[0-9a-f]+$/i.test(row.id) ? `${row.tag} ${row.name}` : row.name;
  switch (action) {
    case 'X':
      if (row.id.startsWith('gggg')) context.privateRemoved += 1;
      else context.removed.add(label);
      return null;
    case 'Z':
      context.emptied.add(label);
      return { vr: element.vr, Value: [] };
    case 'K':
      return element.vr === 'SQ' ? { vr: 'SQ', Value: items(element).map((item) => processDataset(item, context)) } : element;
    case 'U':
      if (element.vr === 'UI') {
        context.remapped.add(label);
        return { vr: 'UI', Value: (element.Value ?? []).map((v) => (typeof v === 'string' ? context.uids.map(v) : v)) };
      }
      // A sequence of references (X/Z/U*): keep it, its UIDs are replaced by their own rows.
      if (element.vr === 'SQ') return { vr: 'SQ', Value: items(element).map((item) => processDataset(item, context)) };
      return dummy(label, element, context);
    case 'D':
    case 'C':
      return dummy(label, element, context);
  }
}

function dummy(label: string, element: DcmjsElement, context: Context): DcmjsElement {
  if (element.vr === 'UI') {
    context.remapped.add(label);
    return { vr: 'UI', Value: (element.Value ?? []).map((v) => (typeof v === 'string' ? context.uids.map(v) : v)) };
  }
  context.dummied.add(label);
  if (element.vr === 'SQ') {
    const list = items(element);
    // A code sequence identifying a person or device: one dummy code instead of the real ones.
    if (list.some((item) => item['00080100'] !== undefined)) {
      return {
        vr: 'SQ',
        Value: [{ '00080100': { vr: 'SH', Value: ['ANONYMIZED'] }, '00080102': { vr: 'SH', Value: ['99YINGDU'] }, '00080104': { vr: 'LO', Value: ['ANONYMIZED'] } }],
      };
    }
    // Other sequences (an SR Content Sequence, graphic annotations) keep their structure; every
    // attribute inside is de-identified by its own row.
    return { vr: 'SQ', Value: list.map((item) => processDataset(item, context)) };
  }
  return { vr: element.vr, Value: dummyValue(element.vr) };
}

function items(element: DcmjsElement): DcmjsDict[] {
  return (element.Value ?? []).filter((v): v is DcmjsDict => typeof v === 'object' && v !== null);
}

function sortedByTag(dict: DcmjsDict): DcmjsDict {
  return Object.fromEntries(Object.entries(dict).sort(([a], [b]) => a.toUpperCase().localeCompare(b.toUpperCase())));
}
