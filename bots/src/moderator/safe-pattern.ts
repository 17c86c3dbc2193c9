import { Script, createContext } from 'node:vm';

/** Longest pattern accepted, and the most of a message any pattern reads. */
export const MAX_PATTERN_LENGTH = 200;
export const MAX_INPUT_LENGTH = 4000;
// Generous: a loaded machine must not cut a sound pattern short (the first run also compiles it).
const MATCH_TIMEOUT_MS = 250;

/**
 * Why a pattern is refused, or null when it is accepted. Node has no RE2 (the `re2` package needs a
 * native build here), so patterns that can backtrack catastrophically are refused up front:
 * backreferences, lookarounds, and a quantified group that itself holds a quantifier or an
 * alternation ("(a+)+", "(a|aa)*"). `matchesAny` then bounds the rest with an input cap and a
 * 250 ms interrupt.
 */
export function patternProblem(source: string): string | null {
  if (source.length > MAX_PATTERN_LENGTH) return `longer than ${MAX_PATTERN_LENGTH} characters`;
  try {
    new RegExp(source, 'iu');
  } catch (error) {
    return `not a valid regular expression (${(error as Error).message})`;
  }
  if (/\\[1-9]|\\k</.test(source)) return 'backreferences are not allowed';
  if (/\(\?<?[=!]/.test(source)) return 'lookarounds are not allowed';
  if (hasNestedQuantifier(source)) return 'a repeated group may not contain a quantifier or "|" (catastrophic backtracking)';
  return null;
}

const QUANTIFIER = /^(?:[*+?]|\{\d+(?:,\d*)?\})/;

/** Walks the pattern tracking groups: does a group that is itself quantified contain a quantifier or "|"? */
function hasNestedQuantifier(source: string): boolean {
  const stack: { risky: boolean }[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i += 1) {
    const c = source[i]!;
    if (c === '\\') {
      i += 1;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') {
      stack.push({ risky: false });
      // Skip a group's "?:" or "?<name>" so its "?" is not read as a quantifier.
      const prefix = /^\?(?::|<[A-Za-z_$][\w$]*>)/.exec(source.slice(i + 1));
      if (prefix) i += prefix[0].length;
    } else if (c === '|' && stack.length > 0) stack.at(-1)!.risky = true;
    else if (c === ')') {
      const group = stack.pop();
      const quantified = QUANTIFIER.test(source.slice(i + 1));
      if (group?.risky && quantified) return true;
      // The enclosing group now holds a quantifier (this group's) or a risky body.
      if (stack.length > 0 && (quantified || group?.risky)) stack.at(-1)!.risky = true;
    } else if (QUANTIFIER.test(source.slice(i)) && stack.length > 0) stack.at(-1)!.risky = true;
  }
  return false;
}

const context = createContext({ patterns: [] as RegExp[], text: '' });
const script = new Script('patterns.findIndex((p) => p.test(text))');

/**
 * The index of the first pattern matching `text` (read up to MAX_INPUT_LENGTH), or -1. Runs in a
 * vm context with a timeout, so a pattern that still backtracks badly is interrupted: it throws
 * rather than stalling the bot.
 */
export function matchesAny(patterns: readonly RegExp[], text: string): number {
  if (patterns.length === 0) return -1;
  context.patterns = patterns;
  context.text = text.slice(0, MAX_INPUT_LENGTH);
  return script.runInContext(context, { timeout: MATCH_TIMEOUT_MS }) as number;
}
