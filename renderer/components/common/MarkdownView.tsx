import { Fragment, type ReactNode } from 'react';
import { parseMarkdown, type MdBlock, type MdInline } from '../../../contract';

/**
 * Markdown as React elements (contract/markdown.ts): every piece of text is a text node, so
 * nothing the writer typed can become markup — no raw HTML, no script, no style attribute under
 * the CSP. Links go only to http(s) and mailto, in a new tab.
 */
export function MarkdownView({ text, empty }: { text: string; empty?: ReactNode }) {
  if (text.trim() === '') return <p className="muted md-empty">{empty ?? 'Nothing written yet.'}</p>;
  return <div className="md">{parseMarkdown(text).map(renderBlock)}</div>;
}

function renderBlock(block: MdBlock, key: number): ReactNode {
  switch (block.kind) {
    case 'heading': {
      // Inside a section its own heading is the h3: the writer's headings sit below it.
      const Tag = block.level <= 1 ? 'h4' : block.level === 2 ? 'h5' : 'h6';
      return <Tag key={key}>{renderInline(block.children)}</Tag>;
    }
    case 'paragraph':
      return <p key={key}>{renderInline(block.children)}</p>;
    case 'quote':
      return <blockquote key={key}>{renderInline(block.children)}</blockquote>;
    case 'code':
      return <pre key={key}><code>{block.text}</code></pre>;
    case 'rule':
      return <hr key={key} />;
    case 'list': {
      const items = block.items.map((item, i) => <li key={i}>{renderInline(item)}</li>);
      return block.ordered ? <ol key={key} start={block.start}>{items}</ol> : <ul key={key}>{items}</ul>;
    }
  }
}

function renderInline(nodes: MdInline[]): ReactNode[] {
  return nodes.map((n, i) => {
    switch (n.kind) {
      case 'text':
        return <Fragment key={i}>{n.text}</Fragment>;
      case 'break':
        return <br key={i} />;
      case 'code':
        return <code key={i}>{n.text}</code>;
      case 'strong':
        return <strong key={i}>{renderInline(n.children)}</strong>;
      case 'em':
        return <em key={i}>{renderInline(n.children)}</em>;
      case 'link':
        return <a key={i} href={n.href} target="_blank" rel="noopener noreferrer">{renderInline(n.children)}</a>;
    }
  });
}
