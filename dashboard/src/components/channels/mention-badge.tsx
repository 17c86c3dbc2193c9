/** Discord's red count: how many times someone called the member where they have not read yet. */
export function MentionBadge({ count }: { count: number }) {
  return (
    <span className="mention-badge" aria-hidden>
      {count > 99 ? '99+' : count}
    </span>
  );
}
