// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { ReorderList, type ReorderItem } from './reorder-list';

afterEach(cleanup);

const items: ReorderItem[] = [
  { id: 'owner', name: 'Owners', content: 'Owners', pinned: 'Locked: this role is at or above your highest role.' },
  { id: 'mod', name: 'Moderator', content: 'Moderator', pinned: null },
  { id: 'helper', name: 'Helper', content: 'Helper', pinned: null },
  { id: 'everyone', name: '@everyone', content: '@everyone', pinned: 'Always last: every member has it.' },
];

/** As the page does: an accepted order comes back as the items' new order (through the cache). */
function Harness({ onReorder }: { onReorder: (ids: string[]) => Promise<string | null> }) {
  const [order, setOrder] = useState(items);
  return (
    <ReorderList
      label="Roles"
      noun="role"
      items={order}
      selectedId={null}
      onSelect={() => undefined}
      onReorder={async (ids) => {
        const problem = await onReorder(ids);
        if (!problem) setOrder(ids.map((id) => items.find((i) => i.id === id)!));
        return problem;
      }}
    />
  );
}

function renderList(onReorder: (ids: string[]) => Promise<string | null>) {
  render(<Harness onReorder={onReorder} />);
  return () =>
    within(screen.getByRole('list', { name: 'Roles' }))
      .getAllByRole('button', { pressed: false })
      .map((b) => b.querySelector('.role-item-name')?.textContent);
}

describe('ReorderList', () => {
  it('moves a row with the arrow keys on its handle, announces the place and sends the whole order', async () => {
    const sent: string[][] = [];
    const names = renderList(async (ids) => (sent.push(ids), null));
    await act(async () => fireEvent.keyDown(screen.getByRole('button', { name: 'Move role Helper' }), { key: 'ArrowUp' }));
    expect(sent).toEqual([['owner', 'helper', 'mod', 'everyone']]);
    expect(screen.getByRole('status').textContent).toBe('Helper moved to position 2 of 4.');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Move role Helper' }));
    // Nothing goes above a locked row, nor below the pinned last one.
    await act(async () => fireEvent.keyDown(screen.getByRole('button', { name: 'Move role Helper' }), { key: 'ArrowUp' }));
    await act(async () => fireEvent.keyDown(screen.getByRole('button', { name: 'Move role Moderator' }), { key: 'ArrowDown' }));
    expect(sent).toHaveLength(1);
    await act(async () => fireEvent.keyDown(screen.getByRole('button', { name: 'Move role Moderator' }), { key: 'ArrowUp' }));
    expect(sent[1]).toEqual(['owner', 'mod', 'helper', 'everyone']);
    expect(names()).toEqual(['Owners', 'Moderator', 'Helper', '@everyone']);
  });

  it('never moves a locked row, and says why it is locked', async () => {
    const sent: string[][] = [];
    renderList(async (ids) => (sent.push(ids), null));
    const handle = screen.getByRole('button', { name: 'Move role Owners' });
    expect(handle.getAttribute('aria-disabled')).toBe('true');
    expect(handle.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(handle.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Locked: this role is at or above your highest role.',
    );
    await act(async () => fireEvent.keyDown(handle, { key: 'ArrowDown' }));
    expect(sent).toEqual([]);
  });

  it('goes back to the order it had and shows the refusal when the API says no', async () => {
    const names = renderList(async () => 'You cannot manage a role at or above your highest role');
    await act(async () => fireEvent.keyDown(screen.getByRole('button', { name: 'Move role Helper' }), { key: 'ArrowUp' }));
    expect(screen.getByRole('alert').textContent).toContain('You cannot manage a role at or above your highest role');
    expect(names()[1]).toBe('Moderator');
    expect(screen.getByRole('status').textContent).toBe(
      'Helper could not be moved: You cannot manage a role at or above your highest role',
    );
  });
});
