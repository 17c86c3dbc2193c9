import { describe, expect, it } from 'vitest';
import { parseArgs, parseInvocation, splitWords, usageOf, type ArgSpec } from './commands.js';

const trigger = { prefix: '!', botId: '42', botUsername: 'helper' };
const TIMEOUT_ARGS: ArgSpec[] = [
  { name: 'user', type: 'user' },
  { name: 'minutes', type: 'number' },
  { name: 'reason', type: 'rest', optional: true },
];

describe('command parser', () => {
  it('triggers on the prefix or a mention of the bot, and on nothing else', () => {
    expect(parseInvocation('!ping', trigger)).toEqual({ name: 'ping', words: [], rest: '' });
    expect(parseInvocation('  !PING a b ', trigger)).toEqual({ name: 'ping', words: ['a', 'b'], rest: 'a b' });
    expect(parseInvocation('<@42> ping now', trigger)).toEqual({ name: 'ping', words: ['now'], rest: 'now' });
    expect(parseInvocation('<@!42>ping', trigger)).toMatchObject({ name: 'ping' });
    expect(parseInvocation('<@43> ping', trigger)).toBeNull();
    // As the dashboard writes a mention of the bot.
    expect(parseInvocation('@Helper ping now', trigger)).toEqual({ name: 'ping', words: ['now'], rest: 'now' });
    expect(parseInvocation('@helpers ping', trigger)).toBeNull();
    expect(parseInvocation('@helper.ping', trigger)).toBeNull();
    expect(parseInvocation('ping', trigger)).toBeNull();
    expect(parseInvocation('say !ping', trigger)).toBeNull();
    expect(parseInvocation('!', trigger)).toBeNull();
    expect(parseInvocation('?ping', { prefix: '?', botId: '42' })).toMatchObject({ name: 'ping' });
  });

  it('splits words, keeping "quoted words" together', () => {
    expect(splitWords('a  "b c" d')).toEqual(['a', 'b c', 'd']);
    expect(splitWords('')).toEqual([]);
  });

  it('parses typed arguments: user mentions or ids, numbers, optional rest', () => {
    const parse = (text: string) => parseArgs(parseInvocation(text, trigger)!, TIMEOUT_ARGS);
    expect(parse('!timeout <@123> 10 spamming links')).toEqual({ ok: true, args: { user: '123', minutes: 10, reason: 'spamming links' } });
    expect(parse('!timeout 123 1.5')).toEqual({ ok: true, args: { user: '123', minutes: 1.5, reason: undefined } });
    // @username as the dashboard writes it: the member the message names (its mentionedMembers).
    const mentioned = new Map([['bob', '7']]);
    expect(parseArgs(parseInvocation('!timeout @Bob 5', trigger)!, TIMEOUT_ARGS, mentioned)).toMatchObject({
      ok: true,
      args: { user: '7' },
    });
    expect(parseArgs(parseInvocation('!timeout @carol 5', trigger)!, TIMEOUT_ARGS, mentioned)).toEqual({
      ok: false,
      problem: '<user> must mention a member',
    });
  });

  it('names the bad or missing argument', () => {
    const parse = (text: string) => parseArgs(parseInvocation(text, trigger)!, TIMEOUT_ARGS);
    expect(parse('!timeout')).toEqual({ ok: false, problem: 'missing <user>' });
    expect(parse('!timeout bob 10')).toEqual({ ok: false, problem: '<user> must mention a member' });
    expect(parse('!timeout <@1> ten')).toEqual({ ok: false, problem: '<minutes> must be a number' });
    expect(parseArgs(parseInvocation('!ping extra', trigger)!, [])).toEqual({ ok: false, problem: 'unexpected "extra"' });
  });

  it('prints usage with required <args> and optional [args…]', () => {
    expect(usageOf('!', 'timeout', TIMEOUT_ARGS)).toBe('!timeout <user> <minutes> [reason…]');
  });
});
