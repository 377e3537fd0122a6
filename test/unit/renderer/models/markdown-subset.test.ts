// The Models panel's Markdown subset on a real MODEL_CARD.md, built by the project's package
// builder from the published weights in ../shared/models (the experimental T2 stroke package:
// its card has the EXPERIMENTAL note, lists with continuation lines, a nested hash list, the
// label table and the licence block). Expectations are derived from the manifest and the raw
// text, not typed in. Plus: markup in a card never becomes HTML.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelManifest } from '../../../../electron/shared/model-manifest';
import { buildPackage } from '../../../../native-models/src/packages/package-builder';
import { PACKAGE_DEFINITIONS } from '../../../../native-models/src/packages/package-definitions';
import { type Block, type Inline, parseInline, parseMarkdown } from '../../../../renderer/src/models/markdown-subset';
import { MarkdownView } from '../../../../renderer/src/models/markdown-view';
import { HAS_SHARED, SHARED_MISSING_REASON, SHARED_MODELS } from '../../../support/shared-data';
import { makeTempDir } from '../../../support/temp-dir';

const textOf = (nodes: Inline[]): string =>
  nodes.map((n) => (n.kind === 'text' || n.kind === 'code' ? n.text : textOf(n.children))).join('');

describe('inline markup', () => {
  it('reads code spans literally, then bold and italic, and leaves stray stars as text', () => {
    expect(parseInline('a `x **y**` b')).toEqual([
      { kind: 'text', text: 'a ' },
      { kind: 'code', text: 'x **y**' },
      { kind: 'text', text: ' b' },
    ]);
    expect(parseInline('**bold *it* x**')).toEqual([
      { kind: 'strong', children: [{ kind: 'text', text: 'bold ' }, { kind: 'em', children: [{ kind: 'text', text: 'it' }] }, { kind: 'text', text: ' x' }] },
    ]);
    expect(parseInline('2 * 3 * 4 and `unclosed')).toEqual([{ kind: 'text', text: '2 * 3 * 4 and `unclosed' }]);
  });

  it('never turns card text into HTML', () => {
    const html = renderToStaticMarkup(createElement(MarkdownView, { source: '# <script>alert(1)</script>\n\n<img src=x onerror=alert(1)> **b**\n\n[link](javascript:alert(1))' }));
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('href');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; <strong>b</strong>');
  });
});

describe.skipIf(!HAS_SHARED)(`a real model card${HAS_SHARED ? '' : ` (skipped: ${SHARED_MISSING_REASON})`}`, () => {
  const temp = makeTempDir('yingdu-card-');
  let card = '';
  let manifest: ModelManifest;
  let licence = '';
  let blocks: Block[] = [];

  beforeAll(() => {
    const def = PACKAGE_DEFINITIONS.find((d) => d.experimental);
    if (!def) throw new Error('no experimental package definition');
    const built = buildPackage(def, SHARED_MODELS, temp.dir);
    manifest = built.manifest;
    card = readFileSync(path.join(built.dir, 'MODEL_CARD.md'), 'utf8');
    licence = readFileSync(path.join(built.dir, 'LICENSE.txt'), 'utf8');
    blocks = parseMarkdown(card);
  });
  afterAll(() => temp.remove());

  it('finds every heading of the card, at its level', () => {
    const expected = card
      .split('\n')
      .filter((l) => /^#{1,6} /.test(l))
      .map((l) => ({ level: (/^#+/.exec(l) as RegExpExecArray)[0].length, text: l.replace(/^#+ /, '') }));
    const found = blocks.flatMap((b) => (b.kind === 'heading' ? [{ level: b.level, text: textOf(b.content) }] : []));
    expect(found).toEqual(expected);
    expect(found[0]?.text).toBe(`${manifest.name.en} — ${manifest.name['zh-CN']}`);
  });

  it('keeps the experimental note bold, in a quote', () => {
    const quote = blocks.find((b) => b.kind === 'quote');
    expect(quote?.kind === 'quote' && quote.lines[0]?.[0]?.kind).toBe('strong');
  });

  it('reads each limitation as one item with its English and Chinese lines, and the hashes as a nested list', () => {
    const lists = blocks.filter((b): b is Extract<Block, { kind: 'list' }> => b.kind === 'list');
    const limitations = lists.find((l) => textOf(l.items[0]?.lines[0] ?? []) === manifest.limitations[0]?.en);
    expect(limitations?.items.map((i) => i.lines.map(textOf))).toEqual(manifest.limitations.map((l) => [l.en, l['zh-CN']]));
    const source = lists.flatMap((l) => l.items).find((i) => textOf(i.lines[0] ?? []).startsWith('Source:'));
    expect(source?.children.map((c) => c.lines[0]?.[0])).toEqual(
      Object.keys(manifest.provenance.sourceSha256).map((file) => ({ kind: 'code', text: file })),
    );
  });

  it('turns the label table into one row per label and the licence into a code block', () => {
    const table = blocks.find((b) => b.kind === 'table');
    if (table?.kind !== 'table') throw new Error('no table');
    expect(table.header.map(textOf)).toEqual(['#', 'Source name', 'English', '中文']);
    expect(table.rows.map((r) => r.map(textOf))).toEqual(manifest.labels.map((l) => [String(l.index), l.key, l.name.en, l.name['zh-CN']]));
    const code = blocks.find((b) => b.kind === 'code');
    expect(code?.kind === 'code' && code.text).toBe(licence.trim());
  });

  it('renders the card as elements with the Chinese names and the model hash', () => {
    const html = renderToStaticMarkup(createElement(MarkdownView, { source: card }));
    expect((html.match(/<tr>/g) ?? []).length).toBe(manifest.labels.length + 1);
    for (const label of manifest.labels) expect(html).toContain(`<td>${label.name['zh-CN']}</td>`);
    expect(html).toContain(manifest.sha256);
    expect(html).toContain('<blockquote><strong>');
  });
});
