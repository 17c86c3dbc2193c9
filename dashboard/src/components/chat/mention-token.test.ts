import { describe, expect, it } from 'vitest';
import { completeMention, mentionAt, offersGroup, readRoleMentions, writeRoleMentions } from './mention-token';

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

describe('offersGroup', () => {
  it('suggests @everyone to a member who may mention everyone, while what is typed starts it', () => {
    expect(['', 'e', 'Ev', 'everyone'].map((query) => offersGroup('everyone', query, true))).toEqual([true, true, true, true]);
    expect(['al', 'everyones', 'one', 'he'].map((query) => offersGroup('everyone', query, true))).toEqual([false, false, false, false]);
    expect(offersGroup('everyone', 'ev', false)).toBe(false);
  });

  it('suggests @here on the same terms', () => {
    expect(['', 'h', 'He', 'here'].map((query) => offersGroup('here', query, true))).toEqual([true, true, true, true]);
    expect(['ev', 'heres', 'ere'].map((query) => offersGroup('here', query, true))).toEqual([false, false, false]);
    expect(offersGroup('here', 'he', false)).toBe(false);
  });
});

describe('writeRoleMentions', () => {
  const picked = [
    { id: '12', name: 'Raid' },
    { id: '13', name: 'Raid Team' },
    { id: '14', name: 'C++ (help)' },
  ];

  it('writes each picked role’s "@Name" as <@&id>, the longest name first, spaces and symbols included', () => {
    expect(writeRoleMentions('@Raid Team meet at 8, @Raid too.', picked)).toBe('<@&13> meet at 8, <@&12> too.');
    expect(writeRoleMentions('ask **@C++ (help)**', picked)).toBe('ask **<@&14>**');
    expect(writeRoleMentions('no roles here', picked)).toBe('no roles here');
    expect(writeRoleMentions('@Raid', [])).toBe('@Raid');
  });

  it('leaves what would not mention as typed: another case, inside a word, code, a link, an escape', () => {
    expect(writeRoleMentions('@raid mail@Raid @Raiders', picked)).toBe('@raid mail@Raid @Raiders');
    expect(writeRoleMentions('`@Raid` ```\n@Raid\n``` https://x.test/@Raid \\@Raid', picked)).toBe(
      '`@Raid` ```\n@Raid\n``` https://x.test/@Raid \\@Raid',
    );
  });
});

describe('readRoleMentions', () => {
  const names: Record<string, string> = { '12': 'Raid', '13': 'Raid Team', '20': 'Twin', '21': 'Twin' };
  const nameOf = (id: string) => names[id];

  it('shows each <@&id> of a known role as "@Name", and the roles to write back', () => {
    const read = readRoleMentions('<@&13> meet at 8, **<@&12>** too <@&13>', nameOf);
    expect(read.text).toBe('@Raid Team meet at 8, **@Raid** too @Raid Team');
    expect(read.picked).toEqual([
      { id: '13', name: 'Raid Team' },
      { id: '12', name: 'Raid' },
    ]);
    expect(writeRoleMentions(read.text, read.picked)).toBe('<@&13> meet at 8, **<@&12>** too <@&13>');
  });

  it('keeps <@&id> as typed in code, for a role not known, and for roles that share a name', () => {
    const read = readRoleMentions('`<@&12>` <@&99> <@&20> <@&21>', nameOf);
    expect(read).toEqual({ text: '`<@&12>` <@&99> <@&20> <@&21>', picked: [] });
  });
});
