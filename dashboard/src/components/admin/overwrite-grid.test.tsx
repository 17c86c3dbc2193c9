// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { OverwriteGrid, type OverwriteValue } from './overwrite-grid';

afterEach(cleanup);

function Harness({ initial, seen }: { initial: OverwriteValue; seen: OverwriteValue[] }) {
  const [value, setValue] = useState(initial);
  return (
    <OverwriteGrid
      targetName="Moderators"
      value={value}
      onChange={(next) => {
        seen.push(next);
        setValue(next);
      }}
    />
  );
}

describe('OverwriteGrid', () => {
  it('shows each permission in its state, with its plain-language line', () => {
    render(<Harness initial={{ allow: ['VIEW_CHANNEL'], deny: ['SEND_MESSAGES'] }} seen={[]} />);
    const view = screen.getByRole('radiogroup', { name: 'View channels' });
    expect(within(view).getByRole('radio', { name: 'Allow View channels' })).toHaveProperty('checked', true);
    expect(within(view).getByText('Can see the channel in the sidebar and read new messages.')).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'Deny Send messages' })).toHaveProperty('checked', true);
    expect(screen.getByRole('radio', { name: 'Inherit Speak' })).toHaveProperty('checked', true);
    // ADMINISTRATOR is server-wide only; overwrites cannot hold it.
    expect(screen.queryByRole('radiogroup', { name: 'Administrator' })).toBeNull();
  });

  it('moves a permission between allow, inherit and deny, keeping it in one list only', () => {
    const seen: OverwriteValue[] = [];
    render(<Harness initial={{ allow: ['VIEW_CHANNEL'], deny: [] }} seen={seen} />);
    fireEvent.click(screen.getByRole('radio', { name: 'Deny View channels' }));
    expect(seen.at(-1)).toEqual({ allow: [], deny: ['VIEW_CHANNEL'] });
    fireEvent.click(screen.getByRole('radio', { name: 'Inherit View channels' }));
    expect(seen.at(-1)).toEqual({ allow: [], deny: [] });
    fireEvent.click(screen.getByRole('radio', { name: 'Allow Send messages' }));
    expect(seen.at(-1)).toEqual({ allow: ['SEND_MESSAGES'], deny: [] });
    expect(screen.getByRole('radio', { name: 'Allow Send messages' })).toHaveProperty('checked', true);
  });

  it('locks every choice when disabled', () => {
    render(<OverwriteGrid targetName="x" value={{ allow: [], deny: [] }} onChange={() => undefined} disabled />);
    for (const radio of screen.getAllByRole('radio')) expect(radio.closest('fieldset')?.disabled).toBe(true);
  });
});
