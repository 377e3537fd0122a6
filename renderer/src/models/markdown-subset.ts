// The Markdown subset of MODEL_CARD.md (native-models/src/packages/model-card.ts): ATX headings,
// paragraphs, "> " notes, "-"/"*" bullet lists (nested by indentation, an indented line under an
// item continues it on a new line), pipe tables, ``` fenced blocks, and inline `code`, **bold**,
// *italic*. Parsed into plain data that markdown-view.tsx turns into React elements: a card comes
// from a package on removable media, so its text never reaches the DOM as HTML. Anything outside
// the subset (links, images, raw HTML) stays literal text.

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'strong'; children: Inline[] }
  | { kind: 'em'; children: Inline[] };

/** One visual line of inline content (continuation lines of a list item or quote keep their break). */
export type InlineLine = Inline[];

export interface ListItem {
  lines: InlineLine[];
  children: ListItem[];
}

export type Block =
  | { kind: 'heading'; level: number; content: InlineLine }
  | { kind: 'paragraph'; lines: InlineLine[] }
  | { kind: 'quote'; lines: InlineLine[] }
  | { kind: 'list'; items: ListItem[] }
  | { kind: 'table'; header: InlineLine[]; rows: InlineLine[][] }
  | { kind: 'code'; text: string };

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const BULLET = /^(\s*)[-*]\s+(.*)$/;
const FENCE = /^\s*```/;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;

/** Inline markup of one line: code spans first (their content is literal), then **strong**, then *em*. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let plain = '';
  const flush = () => {
    if (plain) out.push({ kind: 'text', text: plain });
    plain = '';
  };
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    if (rest.startsWith('`')) {
      const end = text.indexOf('`', i + 1);
      if (end > i + 1) {
        flush();
        out.push({ kind: 'code', text: text.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    if (rest.startsWith('**')) {
      const end = text.indexOf('**', i + 2);
      if (end > i + 2) {
        flush();
        out.push({ kind: 'strong', children: parseInline(text.slice(i + 2, end)) });
        i = end + 2;
        continue;
      }
    }
    // A lone "*" between word characters or spaces (e.g. "2 * 3") is text: emphasis needs a
    // non-space right after the opening and right before the closing star.
    if (rest.startsWith('*') && !rest.startsWith('**') && rest.length > 1 && rest[1] !== ' ') {
      const end = text.indexOf('*', i + 1);
      if (end > i + 1 && text[end - 1] !== ' ' && text[end + 1] !== '*') {
        flush();
        out.push({ kind: 'em', children: parseInline(text.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    }
    plain += text[i];
    i += 1;
  }
  flush();
  return out;
}

function splitRow(line: string): string[] {
  let body = line.trim();
  if (body.startsWith('|')) body = body.slice(1);
  if (body.endsWith('|')) body = body.slice(0, -1);
  return body.split('|').map((cell) => cell.trim());
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** Bullet lines (and their indented continuations) from `start`; returns the items and the next line index. */
function parseList(lines: string[], start: number): { items: ListItem[]; next: number } {
  const root: ListItem = { lines: [], children: [] };
  // Stack of (indent, item) so a deeper bullet nests under the last shallower one.
  const stack: { indent: number; item: ListItem }[] = [{ indent: -1, item: root }];
  let i = start;
  while (i < lines.length) {
    const line = lines[i] as string;
    const bullet = BULLET.exec(line);
    if (bullet) {
      const indent = (bullet[1] as string).length;
      while (stack.length > 1 && (stack[stack.length - 1] as { indent: number }).indent >= indent) stack.pop();
      const item: ListItem = { lines: [parseInline(bullet[2] as string)], children: [] };
      (stack[stack.length - 1] as { item: ListItem }).item.children.push(item);
      stack.push({ indent, item });
    } else if (line.trim() !== '' && indentOf(line) > 0 && stack.length > 1) {
      (stack[stack.length - 1] as { item: ListItem }).item.lines.push(parseInline(line.trim()));
    } else {
      break;
    }
    i += 1;
  }
  return { items: root.children, next: i };
}

export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    if (line.trim() === '') {
      i += 1;
      continue;
    }
    if (FENCE.test(line)) {
      const body: string[] = [];
      i += 1;
      while (i < lines.length && !FENCE.test(lines[i] as string)) body.push(lines[i++] as string);
      i += 1; // the closing fence (or the end of an unterminated block)
      blocks.push({ kind: 'code', text: body.join('\n') });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      blocks.push({ kind: 'heading', level: (heading[1] as string).length, content: parseInline(heading[2] as string) });
      i += 1;
      continue;
    }
    if (line.trimStart().startsWith('|') && i + 1 < lines.length && TABLE_SEPARATOR.test(lines[i + 1] as string)) {
      const header = splitRow(line).map(parseInline);
      const rows: InlineLine[][] = [];
      i += 2;
      while (i < lines.length && (lines[i] as string).trimStart().startsWith('|')) rows.push(splitRow(lines[i++] as string).map(parseInline));
      blocks.push({ kind: 'table', header, rows });
      continue;
    }
    if (BULLET.test(line)) {
      const { items, next } = parseList(lines, i);
      blocks.push({ kind: 'list', items });
      i = next;
      continue;
    }
    if (line.startsWith('>')) {
      const quoted: InlineLine[] = [];
      while (i < lines.length && (lines[i] as string).startsWith('>')) quoted.push(parseInline((lines[i++] as string).replace(/^>\s?/, '')));
      blocks.push({ kind: 'quote', lines: quoted.filter((l) => l.length > 0) });
      continue;
    }
    const paragraph: InlineLine[] = [];
    while (i < lines.length) {
      const current = lines[i] as string;
      if (current.trim() === '' || HEADING.test(current) || FENCE.test(current) || BULLET.test(current) || current.startsWith('>')) break;
      if (current.trimStart().startsWith('|') && i + 1 < lines.length && TABLE_SEPARATOR.test(lines[i + 1] as string)) break;
      paragraph.push(parseInline(current.trim()));
      i += 1;
    }
    blocks.push({ kind: 'paragraph', lines: paragraph });
  }
  return blocks;
}
