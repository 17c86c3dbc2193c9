import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRunnerConfig } from './runner-config.js';

const dir = mkdtempSync(join(tmpdir(), 'bots-config-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const YAML = `
apiUrl: http://127.0.0.1:4000/graphql
bots:
  - name: mod
    type: moderator
    tokenEnv: MOD_TOKEN
    moderator:
      servers:
        - serverId: "1"
          rules:
            blockedWords: [spam]
            blockedWord: [typo]
  - name: mod2
    type: moderator
    tokenEnv: MOD2_TOKEN
    moderator:
      servers:
        - serverId: "1"
          rules:
            blockedPatterns: ["ok", "(a+)+$", "[unclosed"]
  - name: voice
    type: voice
    tokenEnv: VOICE_TOKEN
    voice:
      channelId: "2"
  - name: missing token
    type: voice
    tokenEnv: NOT_SET_TOKEN
    voice:
      channelId: "2"
  - name: unknown type
    type: music
    tokenEnv: VOICE_TOKEN
`;

describe('bots file', () => {
  const env = { MOD_TOKEN: 't1', MOD2_TOKEN: 't2', VOICE_TOKEN: 't3' };

  it('YAML: each problem names its field, and the valid bots still load', () => {
    const loaded = loadRunnerConfig(file('bots.yml', YAML), env);
    expect(loaded.apiUrl).toBe('http://127.0.0.1:4000/graphql');
    expect(loaded.bots.map((b) => [b.entry.name, b.index, b.token])).toEqual([['voice', 2, 't3']]);
    expect(loaded.errors).toEqual([
      'bots[0].moderator.servers[0].rules: Unrecognized key: "blockedWord" (blockedWord)',
      expect.stringMatching(
        /^bots\[1\]\.moderator\.servers\[0\]\.rules\.blockedPatterns\[1\]: invalid pattern "\(a\+\)\+\$": .*catastrophic/,
      ),
      expect.stringMatching(
        /^bots\[1\]\.moderator\.servers\[0\]\.rules\.blockedPatterns\[2\]: invalid pattern "\[unclosed": not a valid regular expression/,
      ),
      'bots[3].tokenEnv: environment variable NOT_SET_TOKEN is not set',
      expect.stringMatching(/^bots\[4\]\.type: /),
    ]);
  });

  it('JSON works the same, with defaults filled in', () => {
    const json = JSON.stringify({ bots: [{ name: 'v', type: 'voice', tokenEnv: 'VOICE_TOKEN', voice: { channelId: '9' } }] });
    const loaded = loadRunnerConfig(file('bots.json', json), env);
    expect(loaded.errors).toEqual([]);
    expect(loaded.bots[0]!.entry).toEqual({
      name: 'v',
      type: 'voice',
      tokenEnv: 'VOICE_TOKEN',
      prefix: '!',
      voice: { channelId: '9', greeting: { toneHz: 440, durationMs: 600 }, recordingsDir: 'recordings' },
    });
  });

  it('a missing or malformed file is one clear error', () => {
    expect(loadRunnerConfig(join(dir, 'nope.yml'), env).errors[0]).toMatch(/nope\.yml: ENOENT/);
    expect(loadRunnerConfig(file('bad.json', '{ nope'), env).errors[0]).toMatch(/bad\.json: .*JSON/);
    expect(loadRunnerConfig(file('empty.yml', 'bots: []'), env).errors).toEqual(['bots: lists no bots']);
  });
});
