import { assignRole, createInvite, createRole } from '../fixtures.js';
import { signUp, TEST_PASSWORD, uniqueName, type TestUser } from '../harness.js';
import { conflict, forbidden, notFound, ok, unauthenticated, type Outcome } from './outcomes.js';
import {
  createBot,
  createTextChannel,
  GENEROUS_LIMITS,
  joinVoice,
  RANK,
  sendMessage,
  type ActorName,
  type Caller,
  type SharedStage,
  type Stage,
  type World,
} from './world.js';

/**
 * The authorisation matrix: every Mutation and Subscription field of the schema, each with what
 * every actor (world.ts) gets. The rules (DESIGN.md "Permissions", README): sign-in first
 * (UNAUTHENTICATED); a server or channel the caller cannot see answers NOT_FOUND (the stage is
 * private, so a non-member sees nothing of it); a missing permission FORBIDDEN naming it; nobody
 * manages a role or member at or above their own highest role (the owner excepted); some things
 * only the owner (OWNER), a message's author (AUTHOR), a bot's owner or a session's user may do.
 */

export interface CaseContext {
  world: World;
  actor: ActorName;
  /** The shared stage, or a fresh one when the row is `fresh`. */
  stage: Stage;
  shared: SharedStage;
  owner: TestUser;
  target: TestUser;
}

export interface CaseInput {
  variables: Record<string, unknown>;
  /** Calls as someone else than the actor's usual caller (a fresh session of the same actor). */
  caller?: Caller;
}

export interface Row {
  document: string;
  /** Why the row needs new stages (its success would spoil the shared one): see runRow. */
  fresh?: string;
  prepare: (ctx: CaseContext) => Promise<CaseInput> | CaseInput;
  expect: Record<ActorName, Outcome>;
  /** Subscriptions: causes an event the subscription carries (repeated until one arrives). */
  trigger?: (ctx: CaseContext) => Promise<unknown>;
}

/** Anonymous callers must sign in; the stage is private, so a non-member finds nothing. */
const inServer = (members: Pick<Record<ActorName, Outcome>, 'member' | 'lowerRank' | 'owner' | 'bot'>): Record<ActorName, Outcome> => ({
  anonymous: unauthenticated,
  nonMember: notFound,
  ...members,
});

/** Any signed-in caller may: no server is involved. */
const signedIn: Record<ActorName, Outcome> = {
  anonymous: unauthenticated,
  nonMember: ok,
  member: ok,
  lowerRank: ok,
  owner: ok,
  bot: ok,
};

/** Only the owner of the thing (a bot of the owner's) may; to anyone else it does not exist. */
const ownerOfTheBotOnly: Record<ActorName, Outcome> = {
  anonymous: unauthenticated,
  nonMember: notFound,
  member: notFound,
  lowerRank: notFound,
  owner: ok,
  bot: notFound,
};

/** Only the session's own user (the target) may; to anyone else, the server owner included, it does not exist. */
const targetsSessionOnly: Record<ActorName, Outcome> = {
  anonymous: unauthenticated,
  nonMember: notFound,
  member: notFound,
  lowerRank: notFound,
  owner: notFound,
  bot: notFound,
};

/** A permission the member lacks and lowerRank, the owner and the bot hold; no member or role above anyone is involved. */
const needs = (permission: string) => inServer({ member: forbidden(permission), lowerRank: ok, owner: ok, bot: ok });

/** As `needs`, on a member or role ranked above lowerRank (and below the bot): the hierarchy refuses lowerRank. */
const needsAndOutranks = (permission: string) =>
  inServer({ member: forbidden(permission), lowerRank: forbidden(permission), owner: ok, bot: ok });

const ownerOnly = inServer({ member: forbidden('OWNER'), lowerRank: forbidden('OWNER'), owner: ok, bot: forbidden('OWNER') });

const FRESH_TARGET = 'the target leaves the server or loses its standing';
const REORDERS = 'a new order needs the list as it stands, which rows creating roles and channels on the shared stage change';
const OWN = (ctx: CaseContext) => (ctx.actor === 'anonymous' ? ctx.owner.client : ctx.world.callers[ctx.actor].client);
const server = ({ stage }: CaseContext) => ({ s: stage.serverId });
const onTarget = ({ stage, target }: CaseContext) => ({ s: stage.serverId, u: target.id });

const BAN = 'mutation($s: ID!, $u: ID!) { banMember(serverId: $s, userId: $u) }';
const SET_OVERWRITE = 'mutation($c: ID!, $i: OverwriteInput!) { setChannelOverwrite(channelId: $c, input: $i) { id } }';
const UPDATE_SERVER = 'mutation($id: ID!, $i: UpdateServerInput!) { updateServer(id: $id, input: $i) { id } }';
const SIGNAL = 'mutation($from: ID!, $to: ID!) { sendVoiceSignal(sessionId: $from, toSessionId: $to, type: OFFER, payload: "{}") }';
const LOGIN = 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }';

/** An audited server change every member hears of (ServerUpdated). */
const changeDescription = ({ owner, stage }: CaseContext) =>
  owner.client.ok(UPDATE_SERVER, { id: stage.serverId, i: { description: uniqueName('described') } });

/** A new session of the actor's (logging out must not end the one the other rows use). */
async function freshCaller(ctx: CaseContext): Promise<Caller | undefined> {
  if (ctx.actor === 'anonymous') return undefined;
  if (ctx.actor === 'bot') {
    const bot = await createBot(ctx.owner.client);
    return { client: bot.client, token: bot.token, scheme: 'Bot', userId: bot.id };
  }
  const person = ctx.world.people[ctx.actor];
  const { token } = (await person.client.ok(LOGIN, { u: person.username, p: TEST_PASSWORD })).login;
  return { client: person.client.as(`Bearer ${token}`), token, scheme: 'Bearer', userId: person.id };
}

/** A signed-in caller of the actor's kind who is no one else in the world (a fresh bot, or a new person). */
async function strangerCaller(ctx: CaseContext): Promise<Caller | undefined> {
  if (ctx.actor !== 'bot' && ctx.actor !== 'anonymous') {
    const person = await signUp(ctx.owner.client, 'stranger');
    return { client: person.client, token: person.token, scheme: 'Bearer', userId: person.id };
  }
  return freshCaller(ctx);
}

export const MUTATIONS: Record<string, Row> = {
  register: {
    document: 'mutation($u: String!, $p: String!) { register(username: $u, password: $p) { token } }',
    prepare: () => ({ variables: { u: uniqueName('registered'), p: TEST_PASSWORD } }),
    expect: { ...signedIn, anonymous: ok },
  },
  login: {
    document: LOGIN,
    prepare: ({ world }) => ({ variables: { u: world.people.member.username, p: TEST_PASSWORD } }),
    expect: { ...signedIn, anonymous: ok },
  },
  logout: {
    document: 'mutation { logout }',
    prepare: async (ctx) => ({ variables: {}, caller: await freshCaller(ctx) }),
    expect: signedIn,
  },
  // As a new user of the actor's kind: other sessions end, and the world's callers must live on.
  changePassword: {
    document: 'mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }',
    prepare: async (ctx) => ({ variables: { c: TEST_PASSWORD, n: TEST_PASSWORD }, caller: await strangerCaller(ctx) }),
    expect: { ...signedIn, bot: forbidden('PERSON') },
  },
  // Ends the fresh caller's own session (signing it out): the world's callers must live on.
  endSession: {
    document: 'mutation($id: ID!) { endSession(id: $id) }',
    prepare: async (ctx) => {
      const caller = await freshCaller(ctx);
      if (!caller || caller.scheme === 'Bot') return { variables: { id: ctx.owner.id }, caller };
      const { mySessions } = await caller.client.ok<{ mySessions: { id: string; current: boolean }[] }>('{ mySessions { id current } }');
      return { variables: { id: mySessions.find((s) => s.current)!.id }, caller };
    },
    expect: { ...signedIn, bot: forbidden('PERSON') },
  },
  endOtherSessions: {
    document: 'mutation { endOtherSessions }',
    prepare: async (ctx) => ({ variables: {}, caller: await strangerCaller(ctx) }),
    expect: { ...signedIn, bot: forbidden('PERSON') },
  },
  updateProfile: {
    document: 'mutation($d: String!) { updateProfile(displayName: $d) { id } }',
    prepare: () => ({ variables: { d: uniqueName('Renamed') } }),
    expect: signedIn,
  },
  setAvatar: {
    document: 'mutation { setAvatar(image: null) { id } }',
    prepare: () => ({ variables: {} }),
    expect: signedIn,
  },
  heartbeat: { document: 'mutation { heartbeat }', prepare: () => ({ variables: {} }), expect: signedIn },
  setPresence: {
    document: 'mutation { setPresence(status: ONLINE) { id } }',
    prepare: () => ({ variables: {} }),
    expect: signedIn,
  },

  createServer: {
    document: 'mutation($n: String!) { createServer(input: { name: $n }) { id } }',
    prepare: () => ({ variables: { n: uniqueName('Made') } }),
    // A bot is added to servers (addBotToServer needs MANAGE_SERVER), never makes or joins one itself.
    expect: { ...signedIn, bot: forbidden('MANAGE_SERVER') },
  },
  updateServer: {
    document: UPDATE_SERVER,
    prepare: ({ stage }) => ({ variables: { id: stage.serverId, i: { description: 'updated' } } }),
    expect: needs('MANAGE_SERVER'),
  },
  updateServerRateLimits: {
    document: 'mutation($s: ID!, $i: ServerRateLimitsInput!) { updateServerRateLimits(serverId: $s, input: $i) { channelMessageLimit } }',
    prepare: (ctx) => ({ variables: { ...server(ctx), i: GENEROUS_LIMITS } }),
    expect: needs('MANAGE_SERVER'),
  },
  deleteServer: {
    document: 'mutation($id: ID!) { deleteServer(id: $id) }',
    fresh: 'the server goes',
    prepare: ({ stage }) => ({ variables: { id: stage.serverId } }),
    expect: ownerOnly,
  },
  transferOwnership: {
    document: 'mutation($s: ID!, $u: ID!) { transferOwnership(serverId: $s, userId: $u) { id } }',
    fresh: 'the owner changes',
    prepare: (ctx) => ({ variables: onTarget(ctx) }),
    expect: ownerOnly,
  },
  joinServer: {
    // Members too: the rule has no exception for them (the owner and members join by invite, as anyone).
    // A bot is refused before any server is looked at: it never joins by itself (see createServer).
    document: 'mutation($s: ID) { joinServer(serverId: $s) { id } }',
    prepare: (ctx) => ({ variables: server(ctx) }),
    expect: inServer({ member: notFound, lowerRank: notFound, owner: notFound, bot: forbidden('MANAGE_SERVER') }),
  },
  leaveServer: {
    document: 'mutation($s: ID!) { leaveServer(serverId: $s) }',
    fresh: 'the caller leaves',
    prepare: (ctx) => ({ variables: server(ctx) }),
    expect: inServer({ member: ok, lowerRank: ok, owner: conflict, bot: ok }),
  },
  createInvite: {
    document: 'mutation($s: ID!) { createInvite(serverId: $s) { code } }',
    prepare: (ctx) => ({ variables: server(ctx) }),
    expect: needs('CREATE_INVITE'),
  },
  revokeInvite: {
    // The owner's invite: its creator may revoke it, anyone else needs MANAGE_SERVER.
    document: 'mutation($c: String!) { revokeInvite(code: $c) }',
    prepare: async ({ owner, stage }) => ({ variables: { c: await createInvite(owner, stage.serverId) } }),
    expect: needs('MANAGE_SERVER'),
  },

  createChannel: {
    document: 'mutation($i: CreateChannelInput!) { createChannel(input: $i) { id } }',
    prepare: ({ stage }) => ({ variables: { i: { serverId: stage.serverId, name: uniqueName('made'), type: 'TEXT' } } }),
    expect: needs('MANAGE_CHANNELS'),
  },
  updateChannel: {
    document: 'mutation($id: ID!, $i: UpdateChannelInput!) { updateChannel(id: $id, input: $i) { id } }',
    prepare: ({ shared }) => ({ variables: { id: shared.scratchChannelId, i: { description: 'updated' } } }),
    expect: needs('MANAGE_CHANNELS'),
  },
  reorderChannels: {
    document: 'mutation($s: ID!, $ids: [ID!]!) { reorderChannels(serverId: $s, channelIds: $ids) { id } }',
    fresh: REORDERS,
    // Every channel the caller sees, reversed (outsiders send the owner's list).
    prepare: async (ctx) => {
      const viewer = ctx.actor === 'nonMember' ? ctx.owner.client : OWN(ctx);
      const { server: seen } = await viewer.ok('query($s: ID!) { server(id: $s) { channels { id } } }', server(ctx));
      return { variables: { ...server(ctx), ids: seen.channels.map((c: { id: string }) => c.id).reverse() } };
    },
    expect: needs('MANAGE_CHANNELS'),
  },
  deleteChannel: {
    document: 'mutation($id: ID!) { deleteChannel(id: $id) }',
    prepare: async ({ owner, stage }) => ({ variables: { id: await createTextChannel(owner, stage.serverId) } }),
    expect: needs('MANAGE_CHANNELS'),
  },
  setChannelOverwrite: {
    // On the Senior role (10): above lowerRank.
    document: SET_OVERWRITE,
    prepare: ({ shared }) => ({
      variables: {
        c: shared.scratchChannelId,
        i: { targetType: 'ROLE', targetId: shared.roles.senior, allow: [], deny: ['SEND_MESSAGES'] },
      },
    }),
    expect: needsAndOutranks('MANAGE_ROLES'),
  },
  removeChannelOverwrite: {
    document: 'mutation($c: ID!, $t: ID!) { removeChannelOverwrite(channelId: $c, targetType: ROLE, targetId: $t) { id } }',
    prepare: async ({ owner, stage }) => {
      const channelId = await createTextChannel(owner, stage.serverId);
      const overwrite = { targetType: 'ROLE', targetId: stage.roles.senior, allow: [], deny: ['SEND_MESSAGES'] };
      await owner.client.ok(SET_OVERWRITE, { c: channelId, i: overwrite });
      return { variables: { c: channelId, t: stage.roles.senior } };
    },
    expect: needsAndOutranks('MANAGE_ROLES'),
  },

  createRole: {
    document: 'mutation($s: ID!, $i: RoleInput!) { createRole(serverId: $s, input: $i) { id } }',
    prepare: (ctx) => ({ variables: { ...server(ctx), i: { name: 'Made', position: RANK.upper } } }),
    expect: needsAndOutranks('MANAGE_ROLES'),
  },
  updateRole: {
    document: 'mutation($r: ID!, $i: RoleInput!) { updateRole(roleId: $r, input: $i) { id } }',
    prepare: ({ shared }) => ({ variables: { r: shared.upperRoleId, i: { color: '#3BA55C' } } }),
    expect: needsAndOutranks('MANAGE_ROLES'),
  },
  reorderRoles: {
    // The order as it stands (locked roles must keep their places, so the same order is what every caller may send).
    document: 'mutation($s: ID!, $ids: [ID!]!) { reorderRoles(serverId: $s, roleIds: $ids) { id } }',
    fresh: REORDERS,
    prepare: async (ctx) => {
      const { server: seen } = await ctx.owner.client.ok(
        'query($s: ID!) { server(id: $s) { roles { id isDefault position } } }',
        server(ctx),
      );
      const roles = (seen.roles as { id: string; isDefault: boolean; position: number }[]).filter((r) => !r.isDefault);
      roles.sort((a, b) => b.position - a.position || (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
      return { variables: { ...server(ctx), ids: roles.map((r) => r.id) } };
    },
    expect: needs('MANAGE_ROLES'),
  },
  deleteRole: {
    document: 'mutation($r: ID!) { deleteRole(roleId: $r) }',
    prepare: async ({ owner, stage }) => ({
      variables: { r: (await createRole(owner, stage.serverId, { name: 'Doomed', position: RANK.upper })).id },
    }),
    expect: needsAndOutranks('MANAGE_ROLES'),
  },
  assignRole: {
    // A role below lowerRank's own, given to the target, who ranks above lowerRank.
    document: 'mutation($s: ID!, $u: ID!, $r: ID!) { assignRole(serverId: $s, userId: $u, roleId: $r) { user { id } } }',
    prepare: async (ctx) => {
      const tag = await createRole(ctx.owner, ctx.stage.serverId, { name: 'Tag', position: RANK.tag });
      return { variables: { ...onTarget(ctx), r: tag.id } };
    },
    expect: needsAndOutranks('MANAGE_ROLES'),
  },
  removeRole: {
    document: 'mutation($s: ID!, $u: ID!, $r: ID!) { removeRole(serverId: $s, userId: $u, roleId: $r) { user { id } } }',
    prepare: async (ctx) => {
      const tag = await createRole(ctx.owner, ctx.stage.serverId, { name: 'Tag', position: RANK.tag });
      await assignRole(ctx.owner, ctx.stage.serverId, ctx.target.id, tag.id);
      return { variables: { ...onTarget(ctx), r: tag.id } };
    },
    expect: needsAndOutranks('MANAGE_ROLES'),
  },
  setNickname: {
    document: 'mutation($s: ID!, $u: ID!) { setNickname(serverId: $s, userId: $u, nickname: "renamed") { user { id } } }',
    prepare: (ctx) => ({ variables: onTarget(ctx) }),
    expect: needsAndOutranks('MODERATE_MEMBERS'),
  },

  sendMessage: {
    document: 'mutation($c: ID!) { sendMessage(channelId: $c, content: "hi") { id } }',
    prepare: ({ stage }) => ({ variables: { c: stage.textId } }),
    expect: needs('SEND_MESSAGES'),
  },
  editMessage: {
    // The target's message: only its author edits it, whatever they rank.
    document: 'mutation($m: ID!) { editMessage(messageId: $m, content: "edited") { id } }',
    prepare: ({ shared }) => ({ variables: { m: shared.targetMessageId } }),
    expect: inServer({ member: forbidden('AUTHOR'), lowerRank: forbidden('AUTHOR'), owner: forbidden('AUTHOR'), bot: forbidden('AUTHOR') }),
  },
  deleteMessage: {
    // The target's message; moderating messages knows no hierarchy (as in Discord).
    document: 'mutation($m: ID!) { deleteMessage(messageId: $m) }',
    prepare: async ({ target, stage }) => ({ variables: { m: await sendMessage(target, stage.textId) } }),
    expect: needs('MANAGE_MESSAGES'),
  },
  addReaction: {
    document: 'mutation($m: ID!) { addReaction(messageId: $m, emoji: "👍") { id } }',
    prepare: ({ shared }) => ({ variables: { m: shared.targetMessageId } }),
    expect: needs('ADD_REACTIONS'),
  },
  removeReaction: {
    // The owner's reaction on a message of its own: removing another's reaction is moderation (no hierarchy, as deletes).
    document: 'mutation($m: ID!, $u: ID!) { removeReaction(messageId: $m, emoji: "👀", userId: $u) { id } }',
    prepare: async ({ owner, stage }) => {
      const messageId = await sendMessage(owner, stage.textId);
      await owner.client.ok('mutation($m: ID!) { addReaction(messageId: $m, emoji: "👀") { id } }', { m: messageId });
      return { variables: { m: messageId, u: owner.id } };
    },
    expect: needs('MANAGE_MESSAGES'),
  },
  pinMessage: {
    document: 'mutation($m: ID!) { pinMessage(messageId: $m) { id } }',
    prepare: async ({ owner, stage }) => ({ variables: { m: await sendMessage(owner, stage.textId) } }),
    expect: needs('MANAGE_MESSAGES'),
  },
  unpinMessage: {
    document: 'mutation($m: ID!) { unpinMessage(messageId: $m) { id } }',
    prepare: async ({ owner, stage }) => {
      const messageId = await sendMessage(owner, stage.textId);
      await owner.client.ok('mutation($m: ID!) { pinMessage(messageId: $m) { id } }', { m: messageId });
      return { variables: { m: messageId } };
    },
    expect: needs('MANAGE_MESSAGES'),
  },
  startTyping: {
    document: 'mutation($c: ID!) { startTyping(channelId: $c) }',
    prepare: ({ stage }) => ({ variables: { c: stage.textId } }),
    expect: needs('SEND_MESSAGES'),
  },
  markChannelRead: {
    document: 'mutation($c: ID!, $m: ID!) { markChannelRead(channelId: $c, messageId: $m) { id } }',
    prepare: ({ shared }) => ({ variables: { c: shared.textId, m: shared.targetMessageId } }),
    expect: inServer({ member: ok, lowerRank: ok, owner: ok, bot: ok }),
  },
  markServerRead: {
    document: 'mutation($s: ID!) { markServerRead(serverId: $s) { id } }',
    prepare: (ctx) => ({ variables: server(ctx) }),
    expect: inServer({ member: ok, lowerRank: ok, owner: ok, bot: ok }),
  },

  kickMember: {
    document: 'mutation($s: ID!, $u: ID!) { kickMember(serverId: $s, userId: $u) }',
    fresh: FRESH_TARGET,
    prepare: (ctx) => ({ variables: onTarget(ctx) }),
    expect: needsAndOutranks('KICK_MEMBERS'),
  },
  banMember: {
    document: BAN,
    fresh: FRESH_TARGET,
    prepare: (ctx) => ({ variables: onTarget(ctx) }),
    expect: needsAndOutranks('BAN_MEMBERS'),
  },
  unbanMember: {
    // A banned user has no roles left to outrank anyone.
    document: 'mutation($s: ID!, $u: ID!) { unbanMember(serverId: $s, userId: $u) }',
    prepare: async ({ owner, stage }) => {
      const banned = await createBot(owner.client);
      await owner.client.ok(BAN, { s: stage.serverId, u: banned.id });
      return { variables: { s: stage.serverId, u: banned.id } };
    },
    expect: needs('BAN_MEMBERS'),
  },
  timeoutMember: {
    document: 'mutation($s: ID!, $u: ID!) { timeoutMember(serverId: $s, userId: $u, seconds: 60) { user { id } } }',
    fresh: FRESH_TARGET,
    prepare: (ctx) => ({ variables: onTarget(ctx) }),
    expect: needsAndOutranks('MODERATE_MEMBERS'),
  },

  joinVoice: {
    document: 'mutation($c: ID!) { joinVoice(channelId: $c) { sessionId } }',
    // In the second stage: joining the shared stage's voice would end the owner's session there.
    prepare: ({ world }) => ({ variables: { c: world.second.voiceId } }),
    expect: needs('JOIN_VOICE'),
  },
  leaveVoice: {
    document: 'mutation($id: ID!) { leaveVoice(sessionId: $id) }',
    fresh: "the target's session ends",
    prepare: async ({ target, stage }) => ({ variables: { id: await joinVoice(target, stage.voiceId) } }),
    expect: targetsSessionOnly,
  },
  updateVoiceState: {
    document: 'mutation($id: ID!) { updateVoiceState(sessionId: $id, selfMute: true) { sessionId } }',
    prepare: ({ shared }) => ({ variables: { id: shared.targetSessionId } }),
    expect: targetsSessionOnly,
  },
  sendVoiceSignal: {
    document: SIGNAL,
    prepare: ({ shared }) => ({ variables: { from: shared.targetSessionId, to: shared.ownerSessionId } }),
    expect: targetsSessionOnly,
  },
  moderateVoice: {
    // A server mute of the target, who is in voice.
    document: 'mutation($s: ID!, $u: ID!) { moderateVoice(serverId: $s, userId: $u, serverMute: true) }',
    prepare: (ctx) => ({ variables: onTarget(ctx) }),
    expect: needsAndOutranks('MUTE_MEMBERS'),
  },

  createBot: {
    document: 'mutation($n: String!) { createBot(name: $n) { token } }',
    prepare: () => ({ variables: { n: 'Made bot' } }),
    // A person makes a bot and answers for it; a bot makes none.
    expect: { ...signedIn, bot: forbidden('PERSON') },
  },
  regenerateBotToken: {
    document: 'mutation($b: ID!) { regenerateBotToken(botId: $b) { token } }',
    prepare: async ({ owner }) => ({ variables: { b: (await createBot(owner.client)).id } }),
    expect: ownerOfTheBotOnly,
  },
  deleteBot: {
    document: 'mutation($b: ID!) { deleteBot(botId: $b) }',
    prepare: async ({ owner }) => ({ variables: { b: (await createBot(owner.client)).id } }),
    expect: ownerOfTheBotOnly,
  },
  addBotToServer: {
    // A new bot of the caller's own (the owner's for anonymous): adding it needs MANAGE_SERVER; a bot joining has no rank.
    // A bot owns no bots: it can only name the owner's, which to it does not exist.
    document: 'mutation($b: ID!, $s: ID!) { addBotToServer(botId: $b, serverId: $s) { user { id } } }',
    prepare: async (ctx) => ({ variables: { ...server(ctx), b: (await createBot(ctx.actor === 'bot' ? ctx.owner.client : OWN(ctx))).id } }),
    expect: { ...needs('MANAGE_SERVER'), bot: notFound },
  },
};

export const SUBSCRIPTIONS: Record<string, Row> = {
  channelEvents: {
    // Replays the target's message after the anchor, so an allowed stream has an event at once.
    document: 'subscription($c: ID!, $since: ID) { channelEvents(channelId: $c, since: $since) { __typename } }',
    prepare: ({ shared }) => ({ variables: { c: shared.textId, since: shared.anchorMessageId } }),
    expect: inServer({ member: ok, lowerRank: ok, owner: ok, bot: ok }),
    trigger: ({ owner, stage }) => sendMessage(owner, stage.textId),
  },
  serverEvents: {
    document: 'subscription($s: ID!) { serverEvents(serverId: $s) { __typename } }',
    prepare: (ctx) => ({ variables: server(ctx) }),
    expect: inServer({ member: ok, lowerRank: ok, owner: ok, bot: ok }),
    trigger: changeDescription,
  },
  auditLogAdded: {
    document: 'subscription($s: ID!) { auditLogAdded(serverId: $s) { id } }',
    prepare: (ctx) => ({ variables: server(ctx) }),
    expect: needs('MANAGE_SERVER'),
    trigger: changeDescription,
  },
  moderationQueueAdded: {
    document: 'subscription($s: ID!) { moderationQueueAdded(serverId: $s) { entry { id } } }',
    prepare: (ctx) => ({ variables: server(ctx) }),
    expect: needs('MODERATE_MEMBERS'),
    trigger: async ({ owner, stage }) => owner.client.ok(BAN, { s: stage.serverId, u: (await createBot(owner.client)).id }),
  },
  voiceSignals: {
    document: 'subscription($id: ID!) { voiceSignals(sessionId: $id) { type } }',
    prepare: ({ shared }) => ({ variables: { id: shared.targetSessionId } }),
    expect: targetsSessionOnly,
    trigger: ({ owner, shared }) => owner.client.ok(SIGNAL, { from: shared.ownerSessionId, to: shared.targetSessionId }),
  },
};
