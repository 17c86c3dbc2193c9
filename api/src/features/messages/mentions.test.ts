import { describe, expect, it } from 'vitest';
import { MAX_MEMBER_MENTIONS, MAX_ROLE_MENTIONS, memberMentions, roleMentionIds, saysGroup } from './mentions.js';

// The same texts mention (or not) in read-states.test.ts, where PostgreSQL reads the same pattern.
describe('saysGroup', () => {
  it('finds @everyone in text, also between code blocks', () => {
    for (const text of [
      '@everyone',
      'Heads up @everyone!',
      '**@everyone**',
      '```a``` see @everyone ```b```',
      '`x`@everyone',
      '\\\\@everyone',
    ])
      expect(saysGroup(text, 'everyone'), text).toBe(true);
  });

  it('not in code, escaped, in a link, or as part of another word', () => {
    for (const text of [
      '`@everyone`',
      '```\n@everyone\n```',
      '\\@everyone',
      'https://example.com/@everyone',
      'see HTTPS://example.com/@everyone.',
      'mail@everyone',
      '@everyoneelse',
      '@Everyone',
    ])
      expect(saysGroup(text, 'everyone'), text).toBe(false);
  });

  it('reads @here by the same rules, and neither group for the other', () => {
    for (const text of ['@here', 'Anyone @here?', '**@here**']) expect(saysGroup(text, 'here'), text).toBe(true);
    for (const text of ['`@here`', '\\@here', 'where@here', '@hereafter', '@everyone']) expect(saysGroup(text, 'here'), text).toBe(false);
    expect(saysGroup('@here', 'everyone')).toBe(false);
  });
});

describe('roleMentionIds', () => {
  it('reads <@&id> outside code, escapes and links, each once, in order, at most MAX_ROLE_MENTIONS', () => {
    expect(roleMentionIds('<@&12> and <@&34>, again <@&12>')).toEqual(['12', '34']);
    expect(roleMentionIds('`<@&12>` ```\n<@&34>\n``` <@& 56> <@&x> <@&78')).toEqual([]);
    const many = Array.from({ length: MAX_ROLE_MENTIONS + 5 }, (_, i) => `<@&${i + 1}>`).join(' ');
    expect(roleMentionIds(many)).toHaveLength(MAX_ROLE_MENTIONS);
  });
});

describe('memberMentions', () => {
  const named = (...names: string[]) => names.map((username) => ({ username }));
  it('reads @username as the dashboard does (lower case, no trailing dot, groups aside) and <@id> as bots write it, each once, in order', () => {
    expect(memberMentions('hi @Ann_1 and @bob.smith. then @ann_1 again, **@cat** @everyone @here')).toEqual(
      named('ann_1', 'bob.smith', 'cat'),
    );
    expect(memberMentions('@ab @' + 'x'.repeat(33))).toEqual(named('x'.repeat(32)));
    expect(memberMentions('<@12> then @ann, <@!12>, <@&13> and <@34>')).toEqual([{ userId: '12' }, { username: 'ann' }, { userId: '34' }]);
  });

  it('not in code, escaped, in a link, inside a word or an address', () => {
    for (const text of [
      '`@ann`',
      '```\n@ann\n```',
      '\\@ann',
      'https://example.com/@ann',
      'mail@ann.com',
      'x.@ann',
      '@@ann',
      'no one',
      '`<@12>`',
    ])
      expect(memberMentions(text), text).toEqual([]);
  });

  it(`stops at ${MAX_MEMBER_MENTIONS}`, () => {
    const names = Array.from({ length: MAX_MEMBER_MENTIONS + 5 }, (_, i) => `user${i}`);
    expect(memberMentions(names.map((n) => `@${n}`).join(' '))).toEqual(named(...names.slice(0, MAX_MEMBER_MENTIONS)));
  });
});
