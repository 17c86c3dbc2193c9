'use client';

import { Popover } from 'radix-ui';
import { useRef, useState, type KeyboardEvent } from 'react';
import { LineIcon } from '@/components/ui/line-icon';

/**
 * The picker's emoji, fully qualified as the API requires (RGI: "❤️" with U+FE0F, not a bare "❤"),
 * each with its name for the tooltip.
 */
export const PICKER_EMOJI: ReadonlyArray<{ emoji: string; name: string }> = [
  { emoji: '👍', name: 'thumbs up' },
  { emoji: '👎', name: 'thumbs down' },
  { emoji: '❤️', name: 'red heart' },
  { emoji: '😂', name: 'face with tears of joy' },
  { emoji: '😮', name: 'face with open mouth' },
  { emoji: '😢', name: 'crying face' },
  { emoji: '😡', name: 'enraged face' },
  { emoji: '🎉', name: 'party popper' },
  { emoji: '🙏', name: 'folded hands' },
  { emoji: '👀', name: 'eyes' },
  { emoji: '🔥', name: 'fire' },
  { emoji: '✅', name: 'check mark button' },
  { emoji: '💯', name: 'hundred points' },
  { emoji: '🤔', name: 'thinking face' },
  { emoji: '😍', name: 'smiling face with heart-eyes' },
  { emoji: '😅', name: 'grinning face with sweat' },
  { emoji: '👏', name: 'clapping hands' },
  { emoji: '🙌', name: 'raising hands' },
  { emoji: '🚀', name: 'rocket' },
  { emoji: '✨', name: 'sparkles' },
  { emoji: '😎', name: 'smiling face with sunglasses' },
  { emoji: '🥳', name: 'partying face' },
  { emoji: '👋', name: 'waving hand' },
  { emoji: '⭐', name: 'star' },
];

/** Emoji per row; the arrow keys move by one, or by a row. */
const COLUMNS = 6;

/** What the picker is for: a message's "Add reaction" action, or the composer's "Insert emoji" button. */
const PURPOSES = {
  reaction: { label: 'Add reaction', picker: 'Pick a reaction', side: 'bottom' },
  insert: { label: 'Insert emoji', picker: 'Pick an emoji', side: 'top' },
} as const;

interface EmojiPickerProps {
  purpose: keyof typeof PURPOSES;
  onPick: (emoji: string) => void;
  /** As the picker closes: preventDefault() keeps focus from returning to the button (the composer takes it). */
  onCloseAutoFocus?: (event: Event) => void;
}

/**
 * A smiley button and its emoji picker (a Radix popover: Escape or a click outside closes it and
 * focus returns to the button). The grid is one tab stop; the arrow keys, Home and End move in it,
 * and a pick closes it.
 */
export function EmojiPicker({ purpose, onPick, onCloseAutoFocus }: EmojiPickerProps) {
  const { label, picker, side } = PURPOSES[purpose];
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const last = PICKER_EMOJI.length - 1;
    const moves: Record<string, number> = {
      ArrowRight: active + 1,
      ArrowLeft: active - 1,
      ArrowDown: active + COLUMNS,
      ArrowUp: active - COLUMNS,
      Home: 0,
      End: last,
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    // React bubbles through the portal: the message list must not read these as scrolling up.
    event.stopPropagation();
    const index = Math.max(0, Math.min(last, next));
    setActive(index);
    buttons.current[index]?.focus();
  }

  return (
    <Popover.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        setActive(0);
      }}
    >
      <Popover.Trigger className={`action icon-action ${purpose}-emoji`} aria-label={label} title={label}>
        {/* A smiley; with a "+" where it adds a reaction. */}
        <LineIcon size={18} strokeWidth={1.8}>
          {purpose === 'reaction' ? <path d="M20.5 11.5a8.5 8.5 0 1 1-8-8.49" /> : <circle cx="12" cy="12" r="8.5" />}
          <path d="M8 14.5c1 1.3 2.3 2 4 2s3-.7 4-2" />
          <circle cx="9" cy="9.8" r="0.6" fill="currentColor" />
          <circle cx="15" cy="9.8" r="0.6" fill="currentColor" />
          {purpose === 'reaction' && <path d="M19 2.5v5M16.5 5h5" />}
        </LineIcon>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          className="menu reaction-picker"
          aria-label={picker}
          side={side}
          align="end"
          sideOffset={6}
          collisionPadding={8}
          onCloseAutoFocus={onCloseAutoFocus}
        >
          <div className="reaction-grid" role="group" aria-label="Emoji" onKeyDown={onKeyDown}>
            {PICKER_EMOJI.map(({ emoji, name }, i) => (
              <button
                key={emoji}
                ref={(el) => {
                  buttons.current[i] = el;
                }}
                type="button"
                className="reaction-option"
                title={name}
                tabIndex={i === active ? 0 : -1}
                onFocus={() => setActive(i)}
                onClick={() => {
                  setOpen(false);
                  onPick(emoji);
                }}
              >
                {emoji}
              </button>
            ))}
          </div>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
