import { describe, expect, it } from 'vitest';
import { saysEveryone } from './mentions.js';

// The same texts mention (or not) in read-states.test.ts, where PostgreSQL reads the same pattern.
describe('saysEveryone', () => {
  it('finds @everyone in text, also between code blocks', () => {
    for (const text of [
      '@everyone',
      'Heads up @everyone!',
      '**@everyone**',
      '```a``` see @everyone ```b```',
      '`x`@everyone',
      '\\\\@everyone',
    ])
      expect(saysEveryone(text), text).toBe(true);
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
      expect(saysEveryone(text), text).toBe(false);
  });
});
