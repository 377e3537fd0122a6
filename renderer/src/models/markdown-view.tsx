import { Fragment, type ReactNode } from 'react';
import { type Block, type Inline, type InlineLine, type ListItem, parseMarkdown } from './markdown-subset';

function renderInline(nodes: Inline[]): ReactNode[] {
  return nodes.map((node, i) => {
    switch (node.kind) {
      case 'text':
        return <Fragment key={i}>{node.text}</Fragment>;
      case 'code':
        return <code key={i}>{node.text}</code>;
      case 'strong':
        return <strong key={i}>{renderInline(node.children)}</strong>;
      case 'em':
        return <em key={i}>{renderInline(node.children)}</em>;
    }
  });
}

/** Lines of one paragraph, item or note, with the author's line breaks kept (a card puts English and Chinese on separate lines). */
function renderLines(lines: InlineLine[]): ReactNode[] {
  return lines.map((line, i) => (
    <Fragment key={i}>
      {i > 0 && <br />}
      {renderInline(line)}
    </Fragment>
  ));
}

function renderItems(items: ListItem[]): ReactNode {
  return (
    <ul>
      {items.map((item, i) => (
        <li key={i}>
          {renderLines(item.lines)}
          {item.children.length > 0 && renderItems(item.children)}
        </li>
      ))}
    </ul>
  );
}

function renderBlock(block: Block, key: number, headingOffset: number): ReactNode {
  switch (block.kind) {
    case 'heading': {
      const level = Math.min(6, block.level + headingOffset);
      const Tag = `h${level}` as 'h1' | 'h2' | 'h3' | 'h4' | 'h5' | 'h6';
      return <Tag key={key}>{renderInline(block.content)}</Tag>;
    }
    case 'paragraph':
      return <p key={key}>{renderLines(block.lines)}</p>;
    case 'quote':
      return <blockquote key={key}>{renderLines(block.lines)}</blockquote>;
    case 'list':
      return <Fragment key={key}>{renderItems(block.items)}</Fragment>;
    case 'table':
      return (
        <table key={key}>
          <thead>
            <tr>
              {block.header.map((cell, c) => (
                <th key={c}>{renderInline(cell)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {block.rows.map((row, r) => (
              <tr key={r}>
                {row.map((cell, c) => (
                  <td key={c}>{renderInline(cell)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
    case 'code':
      return (
        <pre key={key}>
          <code>{block.text}</code>
        </pre>
      );
  }
}

/**
 * A MODEL_CARD.md as React elements (text nodes only, never HTML). `headingOffset` shifts the
 * card's "#" levels below the dialog's own title.
 */
export function MarkdownView({ source, headingOffset = 2, testId }: { source: string; headingOffset?: number; testId?: string }) {
  return (
    <div className="markdown" data-testid={testId}>
      {parseMarkdown(source).map((block, i) => renderBlock(block, i, headingOffset))}
    </div>
  );
}
