'use client';

import type { ReactNode } from 'react';

/** A list of things to edit one at a time (roles, channels); the picked one is pressed. */
export function PickList({
  label,
  items,
  selectedId,
  onSelect,
}: {
  label: string;
  items: readonly { id: string; content: ReactNode }[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  return (
    <ol className="role-list" aria-label={label}>
      {items.map((item) => (
        <li key={item.id}>
          <button
            type="button"
            className={item.id === selectedId ? 'role-item selected' : 'role-item'}
            aria-pressed={item.id === selectedId}
            onClick={() => onSelect(item.id)}
          >
            {item.content}
          </button>
        </li>
      ))}
    </ol>
  );
}
