// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MessageContent } from './message-content';
import { parseMarkup } from './message-markup';

const show = (text: string, onClick?: () => void) =>
  render(
    <div className="message-body" onClick={onClick}>
      <MessageContent nodes={parseMarkup(text)} myUsername="alice" />
    </div>,
  );
const spoilers = () => screen.queryAllByRole('button', { name: 'Spoiler, press to reveal' });

describe('MessageContent: quotes and spoilers', () => {
  afterEach(cleanup);

  it('shows quoted lines in a blockquote, with their markup, and what follows outside it', () => {
    const { container } = show('> **Rule one**: read @alice\n> `daily`\nAgreed');
    const quote = container.querySelector('blockquote.quote')!;
    expect(quote.textContent).toBe('Rule one: read @alice\ndaily');
    expect(quote.querySelector('strong')?.textContent).toBe('Rule one');
    expect(quote.querySelector('.mention.me')?.textContent).toBe('@alice');
    expect(quote.querySelector('code')?.textContent).toBe('daily');
    expect(container.querySelector('.message-body')!.lastChild?.textContent).toBe('Agreed');
    // Escaped, it is text.
    cleanup();
    expect(show(String.raw`\> not quoted`).container.querySelector('blockquote')).toBeNull();
  });

  it('hides a spoiler behind a button until clicked; the click does nothing else', () => {
    const outer = vi.fn();
    const { container } = show('Ending: ||the **butler** did it, https://example.com/spoiler||', outer);
    const [spoiler] = spoilers();
    expect(spoiler).toBeDefined();
    expect(spoiler!.getAttribute('tabindex')).toBe('0');
    // Its text and link are out of reach: hidden from assistive technology (and, by the stylesheet, from sight).
    expect(container.querySelector('.spoiler-content')!.getAttribute('aria-hidden')).toBe('true');
    expect(screen.queryByRole('link')).toBeNull();
    expect(within(spoiler!).getByText('butler').tagName).toBe('STRONG');

    fireEvent.click(spoiler!);
    expect(spoilers()).toHaveLength(0);
    expect(outer).not.toHaveBeenCalled();
    expect(container.querySelector('.spoiler.revealed .spoiler-content')!.hasAttribute('aria-hidden')).toBe(false);
    expect(screen.getByRole('link', { name: 'https://example.com/spoiler' })).toBeTruthy();
    // Revealed, it stays so, and clicks on it are the message's again.
    fireEvent.click(screen.getByText('butler'));
    expect(container.querySelector('.spoiler.revealed')).not.toBeNull();
    expect(outer).toHaveBeenCalledTimes(1);
  });

  it('reveals with Enter or Space, keeping the focus, each spoiler on its own', () => {
    const { container, rerender } = show('||one|| and ||two|| and ||three||');
    const [one, two, three] = spoilers();
    expect(spoilers()).toHaveLength(3);

    one!.focus();
    fireEvent.keyDown(one!, { key: 'a' });
    expect(spoilers()).toHaveLength(3);
    fireEvent.keyDown(one!, { key: 'Enter' });
    expect(spoilers()).toEqual([two, three]);
    // Out of the tab order, but still holding the focus.
    expect(one!.getAttribute('tabindex')).toBe('-1');
    expect(document.activeElement).toBe(one);

    const space = fireEvent.keyDown(three!, { key: ' ' });
    expect(space).toBe(false); // the page does not scroll
    expect(spoilers()).toEqual([two]);
    expect([...container.querySelectorAll('.spoiler.revealed')].map((s) => s.textContent)).toEqual(['one', 'three']);

    // The message rendering again (a new message arriving, a reaction) leaves them as they are.
    rerender(
      <div className="message-body">
        <MessageContent nodes={parseMarkup('||one|| and ||two|| and ||three||')} myUsername="alice" />
      </div>,
    );
    expect(spoilers()).toEqual([two]);
  });

  it('keeps a spoiler revealed when its message is shown again after unloading, until the message is edited', () => {
    const showMessage = (revealKey: string) =>
      render(
        <div className="message-body">
          <MessageContent nodes={parseMarkup('||plot|| and **||twist||**')} myUsername="alice" revealKey={revealKey} />
        </div>,
      );
    const hidden = () => screen.queryAllByRole('button', { name: 'Spoiler, press to reveal' }).map((s) => s.textContent);
    showMessage('m1@');
    fireEvent.click(screen.getAllByRole('button', { name: 'Spoiler, press to reveal' })[1]!);
    expect(hidden()).toEqual(['plot']);

    // Scrolled far away, the list unloads the message; scrolled back, it is made anew.
    cleanup();
    showMessage('m1@');
    expect(hidden()).toEqual(['plot']);
    // Another message, or this one edited since, starts hidden.
    cleanup();
    showMessage('m2@');
    expect(hidden()).toEqual(['plot', 'twist']);
    cleanup();
    showMessage('m1@2026-12-02T12:00:00.000Z');
    expect(hidden()).toEqual(['plot', 'twist']);
  });
});
