import type { Rules } from './moderator-config.js';
import { MAX_INPUT_LENGTH, matchesAny } from './safe-pattern.js';

export type RuleName = 'blockedWords' | 'blockedPatterns' | 'linkAllowList' | 'mentionSpam' | 'repeatedMessages' | 'capitals' | 'invites';

export interface Violation {
  rule: RuleName;
  /** Said in the warning, the mod-log and the timeout's audit reason. */
  reason: string;
}

export interface CheckedMessage {
  authorId: string;
  content: string;
  /** Milliseconds since the epoch. */
  at: number;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const URL_PATTERN = /\bhttps?:\/\/([^\s/?#:]+)[^\s]*/giu;
const INVITE_PATTERN = /(?:https?:\/\/\S+)?\/invite\/([A-Za-z0-9_-]{2,64})/giu;
const MENTION_PATTERN = /<@!?\d{1,20}>|(?<![\w<@])@[A-Za-z0-9_.]{2,32}/gu;

/**
 * A server's rules compiled once: `check` answers the first violation of a message, or null. It
 * remembers recent messages per author for the repeated-message rule.
 */
export class RuleSet {
  private readonly words: RegExp[];
  private readonly patterns: RegExp[];
  private readonly recent = new Map<string, CheckedMessage[]>();

  constructor(private readonly rules: Rules) {
    this.words = rules.blockedWords.map((w) => new RegExp(`(?<![\\p{L}\\p{N}])${escape(w)}(?![\\p{L}\\p{N}])`, 'iu'));
    this.patterns = rules.blockedPatterns.map((p) => new RegExp(p, 'iu'));
  }

  /** `edited`: an edit is checked like a new message but does not count as a repeat. */
  check(message: CheckedMessage, { edited = false } = {}): Violation | null {
    const text = message.content.slice(0, MAX_INPUT_LENGTH);
    const word = this.words.findIndex((w) => w.test(text));
    if (word >= 0) return { rule: 'blockedWords', reason: `blocked word "${this.rules.blockedWords[word]}"` };
    const pattern = this.safeMatch(text);
    if (pattern >= 0) return { rule: 'blockedPatterns', reason: `blocked pattern /${this.rules.blockedPatterns[pattern]}/` };
    return (
      this.checkInvites(text) ??
      this.checkLinks(text) ??
      this.checkMentions(text) ??
      this.checkCapitals(text) ??
      (edited ? null : this.checkRepeats(message))
    );
  }

  private safeMatch(text: string): number {
    try {
      return matchesAny(this.patterns, text);
    } catch {
      return -1; // interrupted: a pattern that slipped through validation must not stall the bot
    }
  }

  private checkInvites(text: string): Violation | null {
    if (!this.rules.invites) return null;
    for (const m of text.matchAll(INVITE_PATTERN)) {
      if (!this.rules.invites.allowCodes.includes(m[1]!)) return { rule: 'invites', reason: 'invite link to another server' };
    }
    return null;
  }

  private checkLinks(text: string): Violation | null {
    const allowed = this.rules.linkAllowList;
    if (!allowed) return null;
    for (const m of text.matchAll(URL_PATTERN)) {
      const host = m[1]!.toLowerCase();
      if (!allowed.some((a) => host === a || host.endsWith(`.${a}`)))
        return { rule: 'linkAllowList', reason: `link to ${host} is not allowed` };
    }
    return null;
  }

  private checkMentions(text: string): Violation | null {
    const limit = this.rules.mentionSpam;
    if (!limit) return null;
    const count = text.match(MENTION_PATTERN)?.length ?? 0;
    return count > limit.max ? { rule: 'mentionSpam', reason: `${count} mentions (more than ${limit.max})` } : null;
  }

  private checkCapitals(text: string): Violation | null {
    const rule = this.rules.capitals;
    if (!rule) return null;
    const letters = text.match(/\p{L}/gu) ?? [];
    if (letters.length < rule.minLength) return null;
    const capitals = letters.filter((l) => l !== l.toLowerCase()).length;
    return capitals / letters.length > rule.ratio ? { rule: 'capitals', reason: 'excessive capitals' } : null;
  }

  private checkRepeats(message: CheckedMessage): Violation | null {
    const rule = this.rules.repeatedMessages;
    if (!rule) return null;
    const since = message.at - rule.windowSeconds * 1000;
    const recent = (this.recent.get(message.authorId) ?? []).filter((m) => m.at > since);
    recent.push(message);
    this.recent.set(message.authorId, recent.slice(-50));
    const same = recent.filter((m) => m.content.trim().toLowerCase() === message.content.trim().toLowerCase()).length;
    return same > rule.max ? { rule: 'repeatedMessages', reason: `same message ${same} times in ${rule.windowSeconds} s` } : null;
  }
}

/** Violations per author within a sliding window: the Nth within it triggers a timeout. */
export class StrikeCounter {
  private readonly strikes = new Map<string, number[]>();

  /** Records a strike and returns how many the author has within the window. */
  add(authorId: string, at: number, windowMs: number): number {
    const recent = (this.strikes.get(authorId) ?? []).filter((t) => t > at - windowMs);
    recent.push(at);
    this.strikes.set(authorId, recent);
    return recent.length;
  }

  reset(authorId: string): void {
    this.strikes.delete(authorId);
  }
}
