// Dummy values for PS3.15 action D: "replace with a non-zero length value that may be a dummy
// value and consistent with the VR". The values are fixed, obviously artificial and valid for
// their VR (PS3.5 Table 6.2-1) so a validator accepts the object.

const DUMMY_TEXT = 'ANONYMIZED';

export function dummyValue(vr: string): unknown[] {
  switch (vr) {
    case 'DA':
      return ['19000101'];
    case 'TM':
      return ['000000'];
    case 'DT':
      return ['19000101000000'];
    case 'AS':
      return ['000Y'];
    case 'AE':
    case 'CS':
      return [DUMMY_TEXT];
    case 'PN':
      return [{ Alphabetic: DUMMY_TEXT }];
    case 'IS':
    case 'DS':
    case 'US':
    case 'SS':
    case 'UL':
    case 'SL':
    case 'FL':
    case 'FD':
    case 'UV':
    case 'SV':
      return [0];
    case 'AT':
      return ['00000000'];
    case 'UR':
      return ['urn:anonymized'];
    case 'OB':
    case 'OD':
    case 'OF':
    case 'OL':
    case 'OV':
    case 'OW':
    case 'UN':
      return [new Uint8Array(8).buffer];
    default:
      return [DUMMY_TEXT];
  }
}
