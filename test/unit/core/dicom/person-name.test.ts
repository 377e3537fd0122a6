// The PN display rule (see person-name.ts): ideographic form first, alphabetic in parentheses.
import { describe, expect, it } from 'vitest';
import { personName } from '../../../../electron/core/dicom/person-name';

describe('personName', () => {
  it('shows the ideographic name written as Chinese, then the alphabetic one', () => {
    expect(personName('Wang^XiaoDong=王^小东=')).toEqual({
      display: '王小东 (Wang XiaoDong)',
      alphabetic: 'Wang^XiaoDong',
      ideographic: '王^小东',
      phonetic: '',
    });
  });

  it('falls back to the phonetic form when there is no alphabetic one', () => {
    expect(personName('=山田^太郎=やまだ^たろう').display).toBe('山田太郎 (やまだたろう)');
  });

  it('shows an alphabetic-only name family name first, with prefix and suffix around it', () => {
    expect(personName('Buc^Jérôme').display).toBe('Buc Jérôme');
    expect(personName('Wang^XiaoDong^^Dr^MD').display).toBe('Dr Wang XiaoDong MD');
    expect(personName('^^^^').display).toBe('');
  });

  it('ignores empty trailing components and groups', () => {
    expect(personName('Li^Na^^^==').alphabetic).toBe('Li^Na');
  });
});
