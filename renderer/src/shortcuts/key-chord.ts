// Turns a KeyboardEvent into the chord notation used in shortcut definitions ("Ctrl+Shift+K").

export interface KeyLike {
  key: string;
  code?: string;
  ctrlKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
}

/** Printable symbols already encode Shift ("?" is Shift+/), so Shift is only named for letters and named keys. */
export function chordOf(event: KeyLike): string {
  const parts: string[] = [];
  if (event.ctrlKey) parts.push('Ctrl');
  if (event.metaKey) parts.push('Meta');
  if (event.altKey) parts.push('Alt');
  // Alt+letter gives odd characters on macOS; use the physical key there.
  let key = event.altKey && event.code?.startsWith('Key') ? event.code.slice(3) : event.key;
  if (event.altKey && event.code?.startsWith('Digit')) key = event.code.slice(5);
  const printableSymbol = key.length === 1 && !/[a-z0-9]/i.test(key);
  if (event.shiftKey && !printableSymbol) parts.push('Shift');
  parts.push(key.length === 1 ? key.toUpperCase() : key);
  return parts.join('+');
}

/** Normalises a chord written in a definition so "alt+l" and "Alt+L" match the same event. */
export function normaliseChord(chord: string): string {
  const parts = chord.split('+');
  const key = parts.pop() ?? '';
  const mods = new Set(parts.map((p) => p.toLowerCase()));
  const out: string[] = [];
  if (mods.has('ctrl')) out.push('Ctrl');
  if (mods.has('meta')) out.push('Meta');
  if (mods.has('alt')) out.push('Alt');
  if (mods.has('shift')) out.push('Shift');
  out.push(key.length === 1 ? key.toUpperCase() : key);
  return out.join('+');
}
