import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Services } from './services.js';

/** Where the demo bots' config and tokens go: .rashigo/ at the repository root (git-ignored). */
export const DEMO_BOTS_DIR = fileURLToPath(new URL('../../.rashigo/', import.meta.url));
export const DEMO_BOTS_CONFIG = `${DEMO_BOTS_DIR}bots.yml`;
export const DEMO_BOTS_ENV = `${DEMO_BOTS_DIR}bots.env`;

/**
 * The demo's moderator and voice bot, owned by the demo user, in the demo server: a "Bots" role
 * that lets them moderate, a #mod-log channel, and .rashigo/bots.yml + bots.env (their tokens)
 * for `npm run bots`. Skipped when bots.env exists, unless `fresh` (a new demo server: old tokens are void).
 */
export async function seedDemoBots(services: Services, ownerId: string, serverId: string, fresh = false): Promise<boolean> {
  if (existsSync(DEMO_BOTS_ENV) && !fresh) return false;
  const access = await services.access.server(serverId, ownerId);
  const [channels] = await services.channels.listByServer([serverId]);
  const text = channels!.find((c) => c.type === 'TEXT')!;
  const voice = channels!.find((c) => c.type === 'VOICE')!;
  const modLog = await services.channels.create(access, { serverId, name: 'mod-log', type: 'TEXT' });
  const role = await services.roles.create(access, {
    name: 'Bots',
    color: '#5865F2',
    permissions: ['MANAGE_MESSAGES', 'MODERATE_MEMBERS'],
  });
  const moderator = await services.bots.create(ownerId, { name: 'Moderator' });
  const voiceBot = await services.bots.create(ownerId, { name: 'Voice Bot' });
  for (const bot of [moderator, voiceBot]) {
    await services.bots.addToServer(await services.access.server(serverId, ownerId), bot.bot.id);
    await services.roles.setMemberRole(await services.access.server(serverId, ownerId), bot.bot.id, role.id, true);
  }
  mkdirSync(DEMO_BOTS_DIR, { recursive: true });
  writeFileSync(
    DEMO_BOTS_ENV,
    `# Tokens of the demo bots (shown once by createBot). Keep them secret.\nDEMO_MODERATOR_TOKEN=${moderator.token}\nDEMO_VOICE_BOT_TOKEN=${voiceBot.token}\n`,
    { mode: 0o600 },
  );
  writeFileSync(DEMO_BOTS_CONFIG, demoConfig({ serverId, textId: text.id, voiceId: voice.id, modLogId: modLog.id }));
  return true;
}

function demoConfig(ids: { serverId: string; textId: string; voiceId: string; modLogId: string }): string {
  return `# The demo bots, written by the seed. See README "Bots" for every option.
bots:
  - name: moderator
    type: moderator
    tokenEnv: DEMO_MODERATOR_TOKEN
    moderator:
      dryRun: false
      servers:
        - serverId: "${ids.serverId}"
          modLogChannelId: "${ids.modLogId}"
          rules:
            blockedWords: [badword]
            blockedPatterns: ["fr[e3]+\\\\s*n[i1]tro"]
            mentionSpam: { max: 5 }
            repeatedMessages: { max: 3, windowSeconds: 30 }
            capitals: { minLength: 12, ratio: 0.8 }
            invites: { allowCodes: [] }
          actions:
            delete: true
            warn: true
            timeout: { strikes: 3, windowSeconds: 600, seconds: 60 }
  - name: voice
    type: voice
    tokenEnv: DEMO_VOICE_BOT_TOKEN
    voice:
      channelId: "${ids.voiceId}"
      announceChannelId: "${ids.textId}"
      greeting: { toneHz: 440, durationMs: 600 }
      recordingsDir: "${DEMO_BOTS_DIR}recordings"
`;
}
