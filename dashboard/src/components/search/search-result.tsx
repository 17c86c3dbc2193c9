'use client';

import { useEffect, useId, useMemo, useRef, type MouseEvent } from 'react';
import { formatDateTime, formatMessageTime } from '@/components/chat/chat-time';
import { memberNamesOf } from '@/components/chat/mentioned-members';
import { MessageContent } from '@/components/chat/message-content';
import { parseMarkup } from '@/components/chat/message-markup';
import { getFragmentData, graphql, type FragmentType } from '@/gql';

/** A search result: where and by whom, and the text with the words searched for marked. */
export const SearchResultFragment = graphql(`
  fragment SearchResult on Message {
    id
    content
    createdAt
    editedAt
    mentionsEveryone
    mentionsHere
    mentionedMembers {
      nickname
      user {
        id
        username
        displayName
      }
    }
    author {
      id
      displayName
    }
    channel {
      id
      name
    }
  }
`);

interface SearchResultProps {
  result: FragmentType<typeof SearchResultFragment>;
  highlight: RegExp | undefined;
  /** The result jumped to last. */
  active: boolean;
  /** Take focus once shown (the first of a page asked for, or the active one after navigating). */
  focusOnMount: boolean;
  onJump: (messageId: string, channelId: string) => void;
}

/**
 * One result. Its Jump button (or a click anywhere on it but a link) opens the message in its
 * channel, in context and highlighted.
 */
export function SearchResultItem({ result: ref, highlight, active, focusOnMount, onJump }: SearchResultProps) {
  const result = getFragmentData(SearchResultFragment, ref);
  const nodes = useMemo(() => parseMarkup(result.content), [result.content]);
  const memberNames = useMemo(() => memberNamesOf(result.mentionedMembers), [result.mentionedMembers]);
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  const focusFirst = useRef(focusOnMount);
  useEffect(() => {
    if (focusFirst.current) button.current?.focus();
  }, []);
  const jump = () => onJump(result.id, result.channel.id);
  const onClick = (event: MouseEvent) => {
    // Links in the text open as links; the button jumps on its own.
    if (!(event.target as Element).closest('a, button')) jump();
  };
  return (
    <li className={active ? 'search-result active' : 'search-result'} onClick={onClick}>
      <div className="message-header">
        <span className="search-result-channel" id={`${id}-channel`}>
          #{result.channel.name}
        </span>
        <span className="message-author" id={`${id}-author`}>
          {result.author.displayName}
        </span>
        <time className="message-time" id={`${id}-time`} dateTime={result.createdAt} title={formatDateTime(result.createdAt)}>
          {formatMessageTime(result.createdAt)}
        </time>
        <span className="spacer" />
        <button
          ref={button}
          type="button"
          className="action"
          // Which message: read out after "Jump".
          aria-describedby={`${id}-channel ${id}-author ${id}-time ${id}-content`}
          aria-current={active ? 'true' : undefined}
          onClick={jump}
        >
          Jump
        </button>
      </div>
      <div className="message-body search-result-content" id={`${id}-content`}>
        <MessageContent
          nodes={nodes}
          memberNames={memberNames}
          highlight={highlight}
          mentionsEveryone={result.mentionsEveryone}
          mentionsHere={result.mentionsHere}
        />
        {result.editedAt && (
          <span className="edited" title={`Edited ${formatDateTime(result.editedAt)}`}>
            {' '}
            (edited)
          </span>
        )}
      </div>
    </li>
  );
}
