import type { ReactionState } from './message-log';

/**
 * A reaction as the chips under a message and the Reactions dialog's tabs show it: the emoji and how
 * many reacted with it. Decorative: the button or tab around it names it (chipName), and globals.css
 * styles both spans by class.
 */
export function ReactionFace({ emoji, count }: Pick<ReactionState, 'emoji' | 'count'>) {
  return (
    <>
      <span className="reaction-emoji" aria-hidden>
        {emoji}
      </span>
      <span className="reaction-count" aria-hidden>
        {count}
      </span>
    </>
  );
}
