'use client';

import Link from 'next/link';
import { Fragment, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import type { MemberNames } from './mentioned-members';
import { DELETED_CHANNEL, DELETED_ROLE, splitMatches, UNKNOWN_USER, type MarkupNode } from './message-markup';
import { roleColourStyle, roleLabel, useServerRoles, type ServerRoles } from './server-roles';

interface ContentProps {
  nodes: readonly MarkupNode[];
  myUsername?: string;
  /** The members the message mentions (its mentionedMembers): "@username" and "<@id>" show as "@Name" for them. */
  memberNames?: MemberNames;
  /** The message mentions everyone (its mentionsEveryone): "@everyone" shows as a mention, else as typed. */
  mentionsEveryone?: boolean;
  /** The message mentions those online (its mentionsHere): "@here" shows as a mention, else as typed. */
  mentionsHere?: boolean;
  /** Words to mark (a search's terms, a global pattern): each match shows in a <mark>, in any part of the text. */
  highlight?: RegExp;
  /**
   * Names this text (its message and edit): spoilers revealed in it stay revealed when it is shown
   * again, as when the chat's virtualised list unloads a message scrolled far away and loads it back.
   */
  revealKey?: string;
}

interface RenderOptions extends Omit<ContentProps, 'nodes'> {
  roles: ServerRoles;
}

/**
 * A message's text as parsed by message-markup.ts. Every part is a React element or escaped text, so
 * `<script>` or `<img onerror>` shows as typed; never HTML. Links open in a new tab without access to
 * this page (noopener, noreferrer); a masked one shows its address on hover. Quotes are <blockquote>s with
 * Discord's bar; headings are h3 to h5, lists <ul> and <ol>; a spoiler stays a
 * dark block until revealed (see Spoiler). A member's mention shows as "@Name" (memberNames); a role's mention shows as "@Name" in the role's colour, by
 * the server's roles (ServerRolesContext); a role not among them as "@deleted-role", greyed. A channel's mention links to
 * the channel, in the same tab: a page of this app.
 */
export function MessageContent({ nodes, ...options }: ContentProps) {
  const roles = useServerRoles();
  return <>{nodes.map((node, i) => render(node, i, { ...options, roles }, String(i)))}</>;
}

/** `path`: where the node sits in the text (its index at each depth), naming a spoiler within it. */
function render(node: MarkupNode, key: number, options: RenderOptions, path: string): ReactNode {
  const { myUsername, mentionsEveryone, mentionsHere, highlight } = options;
  const children = () => ('children' in node ? node.children.map((child, i) => render(child, i, options, `${path}.${i}`)) : null);
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
      // A masked link says where it goes on hover.
      return href ? (
        <a key={key} href={href} target="_blank" rel="noopener noreferrer nofollow ugc" title={node.text === node.href ? undefined : href}>
          {text(node.text)}
        </a>
      ) : (
        <Fragment key={key}>{text(node.text)}</Fragment>
      );
    }
    case 'mention':
    case 'user': {
      // As Discord shows it: the member's name, their username on hover; "@name" of no member as typed,
      // "<@id>" of no member as @unknown-user, greyed.
      const member =
        node.kind === 'mention' ? options.memberNames?.byUsername.get(node.username) : options.memberNames?.byId.get(node.userId);
      const said = member?.name ?? (node.kind === 'mention' ? node.username : UNKNOWN_USER);
      const me = (member?.username ?? (node.kind === 'mention' ? node.username : undefined)) === myUsername;
      return (
        <span
          key={key}
          className={['mention', me ? 'me' : '', member || node.kind === 'mention' ? '' : 'deleted'].filter(Boolean).join(' ')}
          title={member && `@${member.username}`}
        >
          {text(`@${said}`)}
        </span>
      );
    }
    case 'everyone':
    case 'here': {
      // As Discord shows it: from an author who may not mention everyone, the words stay words.
      const said = text(`@${node.kind}`);
      return (node.kind === 'everyone' ? mentionsEveryone : mentionsHere) ? (
        <span key={key} className="mention">
          {said}
        </span>
      ) : (
        <Fragment key={key}>{said}</Fragment>
      );
    }
    case 'channel': {
      // As Discord shows it: a link to the channel, or "#deleted-channel", greyed, for one the reader can't see.
      const { channelNames, serverId } = options.roles;
      const name = channelNames.get(node.channelId);
      return name && serverId ? (
        <Link key={key} className="mention channel-mention" href={`/servers/${serverId}/${node.channelId}`}>
          {text(`#${name}`)}
        </Link>
      ) : (
        <span key={key} className={name ? 'mention channel-mention' : 'mention channel-mention deleted'}>
          {text(`#${name ?? DELETED_CHANNEL}`)}
        </span>
      );
    }
    case 'role': {
      const role = options.roles.byId.get(node.roleId);
      if (!role)
        return (
          <span key={key} className="mention role-mention deleted">
            {text(`@${DELETED_ROLE}`)}
          </span>
        );
      const style = roleColourStyle(role);
      return (
        <span key={key} className={style ? 'mention role-mention coloured' : 'mention role-mention'} style={style}>
          {text(`@${roleLabel(role)}`)}
        </span>
      );
    }
    case 'bold':
      return <strong key={key}>{children()}</strong>;
    case 'italic':
      return <em key={key}>{children()}</em>;
    case 'underline':
      return <u key={key}>{children()}</u>;
    case 'strike':
      return <s key={key}>{children()}</s>;
    case 'quote':
      return (
        <blockquote key={key} className="quote">
          {children()}
        </blockquote>
      );
    case 'heading': {
      // Under the page's own headings (the server's, the channel's): h3 to h5, sized as Discord's three.
      const Heading = (['h3', 'h4', 'h5'] as const)[node.level - 1]!;
      return (
        <Heading key={key} className={`md-heading md-h${node.level}`}>
          {children()}
        </Heading>
      );
    }
    case 'subtext':
      return (
        <small key={key} className="md-subtext">
          {children()}
        </small>
      );
    case 'list':
      return node.ordered ? (
        <ol key={key} className="md-list" start={node.start}>
          {children()}
        </ol>
      ) : (
        <ul key={key} className="md-list">
          {children()}
        </ul>
      );
    case 'item':
      return <li key={key}>{children()}</li>;
    case 'spoiler':
      return (
        <Spoiler key={key} id={options.revealKey && `${options.revealKey}#${path}`}>
          {children()}
        </Spoiler>
      );
  }
}

/** Spoilers revealed while the app runs, by id (revealKey and place): a reader reveals each once, as in Discord. */
const revealedSpoilers = new Set<string>();

/**
 * Hidden behind a dark block (its text invisible, unreadable to screen readers, its links out of
 * reach) until clicked, or activated with Enter or Space as the button it is until then; revealed, it
 * stays so while the message is shown, and with an `id` whenever it is shown again. The click that
 * reveals does nothing else (a search result does not jump for it).
 */
function Spoiler({ id, children }: { id: string | undefined; children: ReactNode }) {
  const [revealed, setRevealed] = useState(() => id !== undefined && revealedSpoilers.has(id));
  const reveal = (event: MouseEvent | KeyboardEvent) => {
    event.stopPropagation();
    if (id !== undefined) revealedSpoilers.add(id);
    setRevealed(true);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    reveal(event);
  };
  // Revealed, it keeps focus (tabIndex -1) but leaves the tab order and is text again.
  return (
    <span
      className={revealed ? 'spoiler revealed' : 'spoiler'}
      role={revealed ? undefined : 'button'}
      tabIndex={revealed ? -1 : 0}
      aria-label={revealed ? undefined : 'Spoiler, press to reveal'}
      onClick={revealed ? undefined : reveal}
      onKeyDown={revealed ? undefined : onKeyDown}
    >
      <span className="spoiler-content" aria-hidden={revealed ? undefined : true}>
        {children}
      </span>
    </span>
  );
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
