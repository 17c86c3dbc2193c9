'use client';

import { useEffect, useId, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { Alert } from '@/components/ui/alert';
import { bounds, moveTo } from './reorder';

export interface ReorderItem {
  id: string;
  /** What the handle's accessible name calls it: "Move role {name}". */
  name: string;
  content: ReactNode;
  /** Why this one cannot move (nothing moves past it either), or null. */
  pinned: string | null;
}

interface Drag {
  id: string;
  pointerId: number;
  /** The middle of every row when the drag began, in order: where the pointer is among them decides the place. */
  middles: { id: string; y: number }[];
}

/**
 * A list to edit one item at a time (roles, channels) that is also reordered: drag a row's handle
 * (pointer events, so mouse, pen and touch alike) or focus the handle and press ArrowUp / ArrowDown.
 * The new order shows at once and `onReorder` applies it; if that fails, the list goes back to the
 * order it had and says why. A live region announces every move.
 */
export function ReorderList({
  label,
  noun,
  items,
  selectedId,
  onSelect,
  onReorder,
  lockedBy,
}: {
  label: string;
  noun: string;
  items: readonly ReorderItem[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  /** Applies the whole new order; resolves to the API's refusal, or null when done. */
  onReorder: (ids: string[]) => Promise<string | null>;
  /** The id of the text saying why nothing may move (the viewer may not reorder at all), if so. */
  lockedBy?: string;
}) {
  const [localOrder, setLocalOrder] = useState<string[] | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  const handles = useRef(new Map<string, HTMLButtonElement>());
  const rows = useRef(new Map<string, HTMLLIElement>());
  const focusAfterMove = useRef<string | null>(null);
  // Each move is sent after the previous one is answered; a refusal drops the moves queued behind it.
  const queue = useRef<{ tail: Promise<void>; pending: number; generation: number }>({
    tail: Promise.resolve(),
    pending: 0,
    generation: 0,
  });
  const instructionsId = useId();

  const byId = new Map(items.map((item) => [item.id, item]));
  const fixed = (id: string) => lockedBy !== undefined || byId.get(id)!.pinned !== null;
  const serverOrder = items.map((item) => item.id);
  // A move of someone else, or an item added or removed meanwhile, ends the local order.
  const local = localOrder && sameMembers(localOrder, serverOrder) ? localOrder : null;
  const order = local ?? serverOrder;
  const pinned = order.map((id) => byId.get(id)!.pinned !== null);

  useEffect(() => {
    const id = focusAfterMove.current;
    focusAfterMove.current = null;
    if (id && document.activeElement !== handles.current.get(id)) handles.current.get(id)?.focus();
  });

  function place(id: string, target: number, from: string[]): string[] | null {
    const index = from.indexOf(id);
    const [lo, hi] = bounds(pinned, index);
    const next = moveTo(from, index, Math.min(hi, Math.max(lo, target)));
    return next === from ? null : [...next];
  }

  function announce(id: string, next: string[]) {
    setAnnouncement(`${byId.get(id)!.name} moved to position ${next.indexOf(id) + 1} of ${next.length}.`);
  }

  function commit(id: string, next: string[]) {
    setRefusal(null);
    const q = queue.current;
    const generation = q.generation;
    q.pending += 1;
    q.tail = q.tail.then(async () => {
      const problem = generation === q.generation ? await onReorder(next) : null;
      q.pending -= 1;
      if (problem !== null && generation === q.generation) {
        q.generation += 1;
        setLocalOrder(null);
        setRefusal(problem);
        setAnnouncement(`${byId.get(id)?.name ?? 'It'} could not be moved: ${problem}`);
      } else if (q.pending === 0) {
        // The answer updated the cache, so the items now come in this order anyway.
        setLocalOrder(null);
      }
    });
  }

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>, id: string) {
    const step = event.key === 'ArrowUp' ? -1 : event.key === 'ArrowDown' ? 1 : 0;
    if (step === 0) return;
    event.preventDefault();
    if (fixed(id)) return;
    const next = place(id, order.indexOf(id) + step, order);
    if (!next) return;
    focusAfterMove.current = id;
    setLocalOrder(next);
    announce(id, next);
    commit(id, next);
  }

  function onPointerDown(event: PointerEvent<HTMLButtonElement>, id: string) {
    if (event.button !== 0 || fixed(id)) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    const middles = order.map((rowId) => {
      const box = rows.current.get(rowId)!.getBoundingClientRect();
      return { id: rowId, y: box.top + box.height / 2 };
    });
    setDrag({ id, pointerId: event.pointerId, middles });
    setLocalOrder(order);
  }

  function onPointerMove(event: PointerEvent<HTMLButtonElement>) {
    if (!drag || event.pointerId !== drag.pointerId) return;
    const target = drag.middles.filter((m) => m.id !== drag.id && m.y < event.clientY).length;
    const start = drag.middles.map((m) => m.id);
    const next = place(drag.id, target, start) ?? start;
    if (local && next.join() !== local.join()) setLocalOrder(next);
  }

  function onPointerUp(event: PointerEvent<HTMLButtonElement>, cancelled: boolean) {
    if (!drag || event.pointerId !== drag.pointerId) return;
    const start = drag.middles.map((m) => m.id);
    setDrag(null);
    if (cancelled || !local || local.join() === start.join()) {
      setLocalOrder(null);
      return;
    }
    announce(drag.id, local);
    commit(drag.id, local);
  }

  return (
    <div className="reorder">
      <p id={instructionsId} className="sr-only">
        Drag the handle, or focus it and press the up and down arrow keys, to move the {noun}.
      </p>
      <ol className="role-list" aria-label={label}>
        {order.map((id) => {
          const item = byId.get(id)!;
          const reasonId = `${instructionsId}-${id}`;
          return (
            <li
              key={id}
              ref={(el) => void (el ? rows.current.set(id, el) : rows.current.delete(id))}
              className={drag?.id === id ? 'reorder-row dragging' : 'reorder-row'}
            >
              <button
                type="button"
                ref={(el) => void (el ? handles.current.set(id, el) : handles.current.delete(id))}
                className="drag-handle"
                aria-label={`Move ${noun} ${item.name}`}
                aria-describedby={lockedBy ?? (item.pinned ? reasonId : instructionsId)}
                aria-disabled={fixed(id)}
                onKeyDown={(e) => onKeyDown(e, id)}
                onPointerDown={(e) => onPointerDown(e, id)}
                onPointerMove={onPointerMove}
                onPointerUp={(e) => onPointerUp(e, false)}
                onPointerCancel={(e) => onPointerUp(e, true)}
              >
                <svg viewBox="0 0 12 16" width="12" height="16" aria-hidden fill="currentColor">
                  {[3, 8, 13].flatMap((y) => [
                    <circle key={`a${y}`} cx="3" cy={y} r="1.5" />,
                    <circle key={`b${y}`} cx="9" cy={y} r="1.5" />,
                  ])}
                </svg>
              </button>
              <button
                type="button"
                className={id === selectedId ? 'role-item selected' : 'role-item'}
                aria-pressed={id === selectedId}
                onClick={() => onSelect(id)}
              >
                <span className="role-item-name">{item.content}</span>
                {item.pinned && (
                  <span id={reasonId} className="muted small pin-reason">
                    {item.pinned}
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ol>
      <p className="sr-only" role="status" aria-live="polite">
        {announcement}
      </p>
      {refusal && <Alert>{refusal}</Alert>}
    </div>
  );
}

const sameMembers = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();
