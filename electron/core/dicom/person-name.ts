// Person Name (PN) values: up to three component groups separated by "=" — alphabetic,
// ideographic, phonetic — each with five "^"-separated components: family, given, middle,
// prefix, suffix (PS3.5 §6.2.1.1).
//
// Display rule, chosen for Chinese radiologists: the ideographic form first, written as in
// Chinese (family name then given name, no space: "王小东"), followed by the alphabetic form in
// parentheses in DICOM order (family first, as pinyin is written: "Wang XiaoDong").
// Without an ideographic form the alphabetic form alone is shown ("Buc Jérôme"); without
// either, the phonetic form. Prefix and suffix go around the name ("Dr Wang XiaoDong MD").
import type { ParsedPersonName } from './parsed-instance';

const components = (group: string) => group.split('^').map((c) => c.trim());

function westernOrder(group: string): string {
  const [family = '', given = '', middle = '', prefix = '', suffix = ''] = components(group);
  return [prefix, family, given, middle, suffix].filter((c) => c !== '').join(' ');
}

function ideographicOrder(group: string): string {
  const [family = '', given = '', middle = '', prefix = '', suffix = ''] = components(group);
  return [prefix, family + given + middle, suffix].filter((c) => c !== '').join(' ');
}

export function personName(value: string): ParsedPersonName {
  const [alphabetic = '', ideographic = '', phonetic = ''] = value.split('=').map((g) => trimCarets(g.trim()));
  const alphabeticText = westernOrder(alphabetic);
  const ideographicText = ideographicOrder(ideographic);
  const phoneticText = ideographicOrder(phonetic);
  let display: string;
  if (ideographicText !== '') {
    const secondary = alphabeticText !== '' ? alphabeticText : phoneticText;
    display = secondary !== '' ? `${ideographicText} (${secondary})` : ideographicText;
  } else {
    display = alphabeticText !== '' ? alphabeticText : phoneticText;
  }
  return { display, alphabetic, ideographic, phonetic };
}

/** Empty trailing components may be written or not ("Wang^^^^" equals "Wang"). */
function trimCarets(group: string): string {
  let end = group.length;
  while (end > 0 && group.charCodeAt(end - 1) === 0x5e) end -= 1;
  return group.slice(0, end);
}

export const EMPTY_PERSON_NAME: ParsedPersonName = { display: '', alphabetic: '', ideographic: '', phonetic: '' };
