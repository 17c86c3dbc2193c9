import { describe, expect, it } from 'vitest';
import { completeMention, mentionAt, offersEveryone } from './mention-token';

describe('mentionAt', () => {
  it('finds the @name ending at the caret, at the start or after a space', () => {
    expect(mentionAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionAt('hi @al', 6)).toEqual({ start: 3, query: 'al' });
    expect(mentionAt('hi @al and more', 6)).toEqual({ start: 3, query: 'al' });
    expect(mentionAt('(@bo', 4)).toEqual({ start: 1, query: 'bo' });
  });

  it('is null inside a word or an address, after a space, or past a username’s characters', () => {
    expect(mentionAt('mail bob@ex', 11)).toBeNull();
    expect(mentionAt('hi @al ', 7)).toBeNull();
    expect(mentionAt('hi @al!', 7)).toBeNull();
    expect(mentionAt('no mention', 10)).toBeNull();
  });
});

describe('completeMention', () => {
  it('replaces the token and the rest of its name with "@username", one space after it, the caret after that', () => {
    expect(completeMention('hi @al', { start: 3, query: 'al' }, 6, 'alice')).toEqual({ text: 'hi @alice ', caret: 10 });
    expect(completeMention('hi @al there', { start: 3, query: 'al' }, 6, 'alice')).toEqual({ text: 'hi @alice there', caret: 10 });
    expect(completeMention('hi @alxx there', { start: 3, query: 'al' }, 6, 'alice')).toEqual({ text: 'hi @alice there', caret: 10 });
    expect(completeMention('hi @al, there', { start: 3, query: 'al' }, 6, 'alice')).toEqual({ text: 'hi @alice, there', caret: 9 });
    expect(completeMention('@ then', { start: 0, query: '' }, 1, 'bob')).toEqual({ text: '@bob then', caret: 5 });
  });
});

describe('offersEveryone', () => {
  it('suggests @everyone to a member who may mention everyone, while what is typed starts it', () => {
    expect(['', 'e', 'Ev', 'everyone'].map((query) => offersEveryone(query, true))).toEqual([true, true, true, true]);
    expect(['al', 'everyones', 'one'].map((query) => offersEveryone(query, true))).toEqual([false, false, false]);
    expect(offersEveryone('ev', false)).toBe(false);
  });
});
