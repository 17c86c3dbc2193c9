import type { RunningApi } from '../../src/app.js';
import { PERMISSION_NAMES } from '../../src/permissions/bits.js';
import { assignRole, createInvite, createRole, joinByInvite } from '../fixtures.js';
import { createServer, GqlClient, signUp, uniqueName, type TestUser } from '../harness.js';

/** Who calls, in the matrix's column order. */
export const ACTORS = ['anonymous', 'nonMember', 'member', 'lowerRank', 'owner', 'bot'] as const;
export type ActorName = (typeof ACTORS)[number];

/** One actor's way in: HTTP, and what a graphql-ws client needs. */
export interface Caller {
  client: GqlClient;
  /** Absent for the anonymous caller. */
  token?: string;
  scheme: 'Bearer' | 'Bot';
  userId?: string;
}

/**
 * A private server where every actor has its standing (ranks by position; @everyone may only look):
 * - member: Elder (15), no permission beyond @everyone's: above the target, so only the missing
 *   permission can refuse it (not the hierarchy);
 * - lowerRank: Helper (5), every permission but ADMINISTRATOR, below the target;
 * - target: Senior (10), may send and speak: the member the moderation rows act on;
 * - bot: Bots (20), every permission but ADMINISTRATOR, above the target;
 * - owner: owns it. nonMember is not in it (and, the server being private, may not see it).
 */
export interface Stage {
  serverId: string;
  textId: string;
  voiceId: string;
  roles: { everyone: string; helper: string; senior: string; elder: string; bots: string };
}

/** The stage rows that change nothing lasting share, with what they act on. */
export interface SharedStage extends Stage {
  /** A role at 7: above lowerRank (5), below the bot (20). */
  upperRoleId: string;
  /** A text channel rows may edit (the stage's own channels stay as they are). */
  scratchChannelId: string;
  /** The owner's message, then the target's: channelEvents replays from the first. */
  anchorMessageId: string;
  targetMessageId: string;
  /** The target's and the owner's voice sessions in the voice channel. */
  targetSessionId: string;
  ownerSessionId: string;
}

export interface World {
  api: RunningApi;
  people: Record<'nonMember' | 'member' | 'lowerRank' | 'owner' | 'target', TestUser>;
  callers: Record<ActorName, Caller>;
  shared: SharedStage;
  /** A second stage like the first, for calls that would move the owner's voice session out of the shared one. */
  second: Stage;
  /** A new stage with the same standings, for a row whose success would spoil the shared one. */
  stage(): Promise<Stage>;
}

export const EVERYONE_PERMISSIONS = ['VIEW_CHANNEL', 'READ_MESSAGE_HISTORY'];
export const ALL_BUT_ADMINISTRATOR = PERMISSION_NAMES.filter((name) => name !== 'ADMINISTRATOR');
export const RANK = { tag: 3, helper: 5, upper: 7, senior: 10, elder: 15, bots: 20 } as const;

const UPDATE_ROLE = 'mutation($r: ID!, $i: RoleInput!) { updateRole(roleId: $r, input: $i) { id } }';
const RATE_LIMITS =
  'mutation($s: ID!, $i: ServerRateLimitsInput!) { updateServerRateLimits(serverId: $s, input: $i) { channelMessageLimit } }';
/** Generous limits for the shared stage: the rows send many messages at once; rate limiting is not what they test. */
export const GENEROUS_LIMITS = { channelMessageLimit: 1000, channelMessageWindowSeconds: 1, serverMessageLimit: 10_000 };
const ADD_BOT = 'mutation($b: ID!, $s: ID!) { addBotToServer(botId: $b, serverId: $s) { user { id } } }';
const SEND = 'mutation($c: ID!, $t: String!) { sendMessage(channelId: $c, content: $t) { id } }';
const CREATE_CHANNEL = 'mutation($i: CreateChannelInput!) { createChannel(input: $i) { id } }';
const JOIN_VOICE = 'mutation($c: ID!) { joinVoice(channelId: $c) { sessionId } }';
const CREATE_BOT = 'mutation($n: String!) { createBot(name: $n) { bot { id } token } }';

export async function sendMessage(user: TestUser, channelId: string, text = 'hello'): Promise<string> {
  return (await user.client.ok(SEND, { c: channelId, t: text })).sendMessage.id;
}

export async function createTextChannel(owner: TestUser, serverId: string): Promise<string> {
  return (await owner.client.ok(CREATE_CHANNEL, { i: { serverId, name: uniqueName('room'), type: 'TEXT' } })).createChannel.id;
}

export async function joinVoice(user: TestUser, channelId: string): Promise<string> {
  return (await user.client.ok(JOIN_VOICE, { c: channelId })).joinVoice.sessionId;
}

/** A new bot of `owner`'s, with its token. */
export async function createBot(owner: GqlClient): Promise<{ id: string; token: string; client: GqlClient }> {
  const created = (await owner.ok(CREATE_BOT, { n: 'Matrix bot' })).createBot;
  return { id: created.bot.id, token: created.token, client: owner.as(`Bot ${created.token}`) };
}

async function buildStage(people: World['people'], botId: string): Promise<Stage> {
  const { owner, member, lowerRank, target } = people;
  const server = await createServer(owner, { name: uniqueName('Authz'), isPrivate: true });
  const everyone = server.roles.find((r) => r.isDefault)!.id;
  const [helper, senior, elder, bots, code] = await Promise.all([
    createRole(owner, server.id, { name: 'Helper', position: RANK.helper, permissions: ALL_BUT_ADMINISTRATOR }),
    createRole(owner, server.id, { name: 'Senior', position: RANK.senior, permissions: ['SEND_MESSAGES', 'JOIN_VOICE', 'SPEAK'] }),
    createRole(owner, server.id, { name: 'Elder', position: RANK.elder }),
    createRole(owner, server.id, { name: 'Bots', position: RANK.bots, permissions: ALL_BUT_ADMINISTRATOR }),
    createInvite(owner, server.id),
    owner.client.ok(UPDATE_ROLE, { r: everyone, i: { permissions: EVERYONE_PERMISSIONS } }),
  ]);
  await Promise.all([
    ...[member, lowerRank, target].map((user) => joinByInvite(user, code)),
    owner.client.ok(ADD_BOT, { b: botId, s: server.id }),
  ]);
  await Promise.all([
    assignRole(owner, server.id, lowerRank.id, helper.id),
    assignRole(owner, server.id, target.id, senior.id),
    assignRole(owner, server.id, member.id, elder.id),
    assignRole(owner, server.id, botId, bots.id),
  ]);
  const channel = (type: string) => server.channels.find((c) => c.type === type)!.id;
  return {
    serverId: server.id,
    textId: channel('TEXT'),
    voiceId: channel('VOICE'),
    roles: { everyone, helper: helper.id, senior: senior.id, elder: elder.id, bots: bots.id },
  };
}

export async function buildWorld(api: RunningApi): Promise<World> {
  const [nonMember, member, lowerRank, owner, target] = await Promise.all(
    ['outsider', 'member', 'lower', 'owner', 'target'].map((base) => signUp(api, base)),
  );
  const people = { nonMember: nonMember!, member: member!, lowerRank: lowerRank!, owner: owner!, target: target! };
  const bot = await createBot(people.owner.client);
  const person = (user: TestUser): Caller => ({ client: user.client, token: user.token, scheme: 'Bearer', userId: user.id });
  const callers: Record<ActorName, Caller> = {
    anonymous: { client: new GqlClient(api.url), scheme: 'Bearer' },
    nonMember: person(people.nonMember),
    member: person(people.member),
    lowerRank: person(people.lowerRank),
    owner: person(people.owner),
    bot: { client: bot.client, token: bot.token, scheme: 'Bot', userId: bot.id },
  };

  const [stage, second] = await Promise.all([buildStage(people, bot.id), buildStage(people, bot.id)]);
  const [upper, scratchChannelId, anchorMessageId] = await Promise.all([
    createRole(people.owner, stage.serverId, { name: 'Upper', position: RANK.upper }),
    createTextChannel(people.owner, stage.serverId),
    sendMessage(people.owner, stage.textId, 'anchor'),
    people.owner.client.ok(RATE_LIMITS, { s: stage.serverId, i: GENEROUS_LIMITS }),
  ]);
  const [targetMessageId, targetSessionId, ownerSessionId] = await Promise.all([
    sendMessage(people.target, stage.textId, 'by the target'),
    joinVoice(people.target, stage.voiceId),
    joinVoice(people.owner, stage.voiceId),
  ]);
  const shared: SharedStage = {
    ...stage,
    upperRoleId: upper.id,
    scratchChannelId,
    anchorMessageId,
    targetMessageId,
    targetSessionId,
    ownerSessionId,
  };
  return { api, people, callers, shared, second, stage: () => buildStage(people, bot.id) };
}
