import { describe, expect, it } from 'vitest';
import { rulesSchema } from './moderator-config.js';
import { RuleSet, StrikeCounter } from './rules.js';

const check = (rules: unknown, content: string, authorId = '1', at = 0) =>
  new RuleSet(rulesSchema.parse(rules)).check({ authorId, content, at });

describe('moderation rules', () => {
  it('blocked words match whole words, any case', () => {
    expect(check({ blockedWords: ['spam'] }, 'This is SPAM!')).toEqual({ rule: 'blockedWords', reason: 'blocked word "spam"' });
    expect(check({ blockedWords: ['spam'] }, 'spammer and antispam')).toBeNull();
  });

  it('blocked patterns', () => {
    expect(check({ blockedPatterns: ['fr[e3]+\\s*n[i1]tro'] }, 'get FR33 N1TRO here')).toMatchObject({ rule: 'blockedPatterns' });
    expect(check({ blockedPatterns: ['fr[e3]+\\s*n[i1]tro'] }, 'free time')).toBeNull();
  });

  it('link allow-list: listed hosts and their subdomains pass', () => {
    const rules = { linkAllowList: ['example.com'] };
    expect(check(rules, 'see https://docs.example.com/x and http://example.com')).toBeNull();
    expect(check(rules, 'see https://evil.test/x')).toEqual({ rule: 'linkAllowList', reason: 'link to evil.test is not allowed' });
    expect(check({}, 'https://evil.test')).toBeNull();
  });

  it('mention spam: more than max mentions', () => {
    expect(check({ mentionSpam: { max: 2 } }, '<@1> <@2> @carol')).toMatchObject({
      rule: 'mentionSpam',
      reason: '3 mentions (more than 2)',
    });
    expect(check({ mentionSpam: { max: 2 } }, '<@1> and me@example.com')).toBeNull();
  });

  it('repeated identical messages within the window', () => {
    const rules = new RuleSet(rulesSchema.parse({ repeatedMessages: { max: 2, windowSeconds: 10 } }));
    expect(rules.check({ authorId: 'a', content: 'buy', at: 0 })).toBeNull();
    expect(rules.check({ authorId: 'b', content: 'buy', at: 1000 })).toBeNull();
    expect(rules.check({ authorId: 'a', content: 'BUY ', at: 2000 })).toBeNull();
    expect(rules.check({ authorId: 'a', content: 'buy', at: 3000 })).toMatchObject({ rule: 'repeatedMessages' });
    // An edit is checked but is no repeat.
    expect(rules.check({ authorId: 'c', content: 'buy', at: 3000 }, { edited: true })).toBeNull();
    expect(rules.check({ authorId: 'c', content: 'buy', at: 3000 }, { edited: true })).toBeNull();
    expect(rules.check({ authorId: 'c', content: 'buy', at: 3000 }, { edited: true })).toBeNull();
    // Outside the window the count starts again.
    expect(rules.check({ authorId: 'a', content: 'buy', at: 30_000 })).toBeNull();
  });

  it('excessive capitals in long enough messages', () => {
    expect(check({ capitals: { minLength: 10, ratio: 0.7 } }, 'WHY IS NOBODY ANSWERING')).toEqual({
      rule: 'capitals',
      reason: 'excessive capitals',
    });
    expect(check({ capitals: { minLength: 10, ratio: 0.7 } }, 'OK FINE')).toBeNull();
    expect(check({ capitals: { minLength: 10, ratio: 0.7 } }, 'Normal Sentence With Caps')).toBeNull();
  });

  it('invite links to other servers; allowed codes pass', () => {
    const rules = { invites: { allowCodes: ['ours123'] } };
    expect(check(rules, 'join https://chat.example/invite/abcDEF9')).toEqual({ rule: 'invites', reason: 'invite link to another server' });
    expect(check(rules, 'join us: /invite/ours123')).toBeNull();
  });

  it('config refuses unknown rules and dangerous patterns, naming them', () => {
    const unknown = rulesSchema.safeParse({ blockedWord: ['x'] });
    expect(unknown.success).toBe(false);
    expect(unknown.error!.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['blockedWord'] });
    const bad = rulesSchema.safeParse({ blockedPatterns: ['ok', '(a+)+'] });
    expect(bad.error!.issues[0]).toMatchObject({
      path: ['blockedPatterns', 1],
      message: expect.stringMatching(/invalid pattern "\(a\+\)\+"/),
    });
  });

  it('strikes count within a sliding window', () => {
    const strikes = new StrikeCounter();
    expect(strikes.add('a', 0, 1000)).toBe(1);
    expect(strikes.add('a', 500, 1000)).toBe(2);
    expect(strikes.add('a', 1600, 1000)).toBe(1);
    strikes.reset('a');
    expect(strikes.add('a', 1700, 1000)).toBe(1);
  });
});
