import type { ReactNode } from 'react';
import type { MarkupNode } from './message-markup';

/**
 * A message's text as parsed by message-markup.ts. Every part is a React element or escaped text, so
 * `<script>` or `<img onerror>` shows as typed; never HTML. Links open in a new tab without access to
 * this page (noopener, noreferrer).
 */
export function MessageContent({ nodes, myUsername }: { nodes: readonly MarkupNode[]; myUsername?: string }) {
  return <>{nodes.map((node, i) => render(node, i, myUsername))}</>;
}

function render(node: MarkupNode, key: number, myUsername: string | undefined): ReactNode {
  const children = () => ('children' in node ? node.children.map((child, i) => render(child, i, myUsername)) : null);
  switch (node.kind) {
    case 'text':
      return node.text;
    case 'code':
      return <code key={key}>{node.text}</code>;
    case 'codeblock':
      return (
        <pre key={key} className="code-block" data-language={node.language ?? undefined}>
          <code>{node.text}</code>
        </pre>
      );
    case 'link': {
      const href = safeHref(node.href);
      return href ? (
        <a key={key} href={href} target="_blank" rel="noopener noreferrer nofollow ugc">
          {node.text}
        </a>
      ) : (
        node.text
      );
    }
    case 'mention':
      return (
        <span key={key} className={node.username === myUsername ? 'mention me' : 'mention'}>
          @{node.username}
        </span>
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

function safeHref(candidate: string): string | undefined {
  try {
    const url = new URL(candidate);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
