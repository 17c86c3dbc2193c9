import { Fragment, type ReactNode } from 'react';
import { splitMatches, type MarkupNode } from './message-markup';

interface ContentProps {
  nodes: readonly MarkupNode[];
  myUsername?: string;
  /** The message mentions everyone (its mentionsEveryone): "@everyone" shows as a mention, else as typed. */
  mentionsEveryone?: boolean;
  /** Words to mark (a search's terms, a global pattern): each match shows in a <mark>, in any part of the text. */
  highlight?: RegExp;
}

/**
 * A message's text as parsed by message-markup.ts. Every part is a React element or escaped text, so
 * `<script>` or `<img onerror>` shows as typed; never HTML. Links open in a new tab without access to
 * this page (noopener, noreferrer).
 */
export function MessageContent({ nodes, ...options }: ContentProps) {
  return <>{nodes.map((node, i) => render(node, i, options))}</>;
}

function render(node: MarkupNode, key: number, options: Omit<ContentProps, 'nodes'>): ReactNode {
  const { myUsername, mentionsEveryone, highlight } = options;
  const children = () => ('children' in node ? node.children.map((child, i) => render(child, i, options)) : null);
  const text = (value: string) => (highlight ? marked(value, highlight) : value);
  switch (node.kind) {
    case 'text':
      return highlight ? <Fragment key={key}>{marked(node.text, highlight)}</Fragment> : node.text;
    case 'code':
      return <code key={key}>{text(node.text)}</code>;
    case 'codeblock':
      return (
        <pre key={key} className="code-block" data-language={node.language ?? undefined}>
          <code>{text(node.text)}</code>
        </pre>
      );
    case 'link': {
      const href = safeHref(node.href);
      return href ? (
        <a key={key} href={href} target="_blank" rel="noopener noreferrer nofollow ugc">
          {text(node.text)}
        </a>
      ) : (
        <Fragment key={key}>{text(node.text)}</Fragment>
      );
    }
    case 'mention':
      return (
        <span key={key} className={node.username === myUsername ? 'mention me' : 'mention'}>
          {text(`@${node.username}`)}
        </span>
      );
    case 'everyone':
      // As Discord shows it: from an author who may not mention everyone, the words stay words.
      return mentionsEveryone ? (
        <span key={key} className="mention">
          {text('@everyone')}
        </span>
      ) : (
        <Fragment key={key}>{text('@everyone')}</Fragment>
      );
    case 'bold':
      return <strong key={key}>{children()}</strong>;
    case 'italic':
      return <em key={key}>{children()}</em>;
    case 'underline':
      return <u key={key}>{children()}</u>;
    case 'strike':
      return <s key={key}>{children()}</s>;
  }
}

function marked(text: string, pattern: RegExp): ReactNode {
  const parts = splitMatches(text, pattern);
  if (parts.length === 1 && !parts[0]!.match) return text;
  return parts.map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : part.text));
}

function safeHref(candidate: string): string | undefined {
  try {
    const url = new URL(candidate);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
