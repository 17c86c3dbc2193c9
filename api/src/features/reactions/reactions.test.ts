import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../app.js';
import { snowflakeAt } from '../../kernel/ids/snowflake.js';
import { sql } from '../../../test/fixtures.js';
import { DELETE, SET_OVERWRITE, TIMEOUT, messagesWorld } from '../../../test/messages-world.js';
import type { GqlClient } from '../../../test/harness.js';

const REACTIONS = 'id reactions { emoji count me }';
const ADD = `mutation($m: ID!, $e: String!) { addReaction(messageId: $m, emoji: $e) { ${REACTIONS} } }`;
const REMOVE = `mutation($m: ID!, $e: String!, $u: ID) { removeReaction(messageId: $m, emoji: $e, userId: $u) { ${REACTIONS} } }`;
const WHO = 'query($m: ID!, $e: String!, $l: Int) { reactionUsers(messageId: $m, emoji: $e, limit: $l) { id } }';
const PAGE = `query($c: ID!) { messages(channelId: $c) { messages { ${REACTIONS} } } }`;
const EVENTS = `subscription($c: ID!, $s: ID) { channelEvents(channelId: $c, since: $s) { __typename
  ... on MessageCreated { message { id reactions { emoji count } } }
  ... on MessageReactionChanged { channelId messageId emoji userId reacted count } } }`;

describe('reactions', () => {
  const kit = messagesWorld();
  const { world, send, listen, fence, on } = kit;
  let a: RunningApi;
  let b: RunningApi;
  beforeAll(() => ({ a, b } = kit.apis()));

  const reactionsIn = async (client: GqlClient, channelId: string, messageId: string) =>
    (await client.ok(PAGE, { c: channelId })).messages.messages.find((m: { id: string }) => m.id === messageId).reactions;

  it('counts each member once per emoji, in order of first use, says whose they are and announces each change', async () => {
    const w = await world(2);
    const [ann, bob] = w.members as [(typeof w.members)[0], (typeof w.members)[0]];
    const message = await send(w.owner.client, w.channelId, 'react to me');
    const sub = await listen(b, w.owner, w.channelId, undefined, EVENTS);

    expect((await ann.client.ok(ADD, { m: message.id, e: '👍' })).addReaction).toEqual({
      id: message.id,
      reactions: [{ emoji: '👍', count: 1, me: true }],
    });
    await on(b, bob).ok(ADD, { m: message.id, e: '👍' });
    await bob.client.ok(ADD, { m: message.id, e: '🇫🇷' });
    // A repeat changes nothing and announces nothing.
    await ann.client.ok(ADD, { m: message.id, e: '👍' });
    expect(await reactionsIn(ann.client, w.channelId, message.id)).toEqual([
      { emoji: '👍', count: 2, me: true },
      { emoji: '🇫🇷', count: 1, me: false },
    ]);
    expect(await reactionsIn(w.owner.client, w.channelId, message.id)).toEqual([
      { emoji: '👍', count: 2, me: false },
      { emoji: '🇫🇷', count: 1, me: false },
    ]);

    expect((await ann.client.ok(REMOVE, { m: message.id, e: '👍', u: null })).removeReaction.reactions).toEqual([
      { emoji: '👍', count: 1, me: false },
      { emoji: '🇫🇷', count: 1, me: false },
    ]);
    // Removing what is not there changes nothing.
    await ann.client.ok(REMOVE, { m: message.id, e: '🇫🇷', u: null });

    const change = (userId: string, emoji: string, reacted: boolean, count: number) => ({
      __typename: 'MessageReactionChanged',
      channelId: w.channelId,
      messageId: message.id,
      emoji,
      userId,
      reacted,
      count,
    });
    expect((await fence(sub, w.owner, w.channelId)).map((e) => e.channelEvents)).toEqual([
      change(ann.id, '👍', true, 1),
      change(bob.id, '👍', true, 2),
      change(bob.id, '🇫🇷', true, 1),
      change(ann.id, '👍', false, 1),
    ]);
    // A new message's event carries its (empty) reactions.
    expect(sub.events.find((e) => e.channelEvents.__typename === 'MessageCreated')?.channelEvents.message.reactions).toEqual([]);
    expect(sub.errors).toEqual([]);
  });

  it('says who reacted, first reactions first, to whoever may read the channel', async () => {
    const w = await world(2);
    const [ann, bob] = w.members as [(typeof w.members)[0], (typeof w.members)[0]];
    const message = await send(w.owner.client, w.channelId, 'who likes this?');
    for (const user of [bob, w.owner, ann]) await user.client.ok(ADD, { m: message.id, e: '👍' });
    const who = async (args: { l?: number; e?: string } = {}) =>
      ((await ann.client.ok(WHO, { m: message.id, e: args.e ?? '👍', l: args.l })).reactionUsers as { id: string }[]).map((u) => u.id);
    expect(await who()).toEqual([bob.id, w.owner.id, ann.id]);
    expect(await who({ l: 2 })).toEqual([bob.id, w.owner.id]);
    expect(await who({ e: '🎉' })).toEqual([]);
    for (const l of [0, 101])
      expect((await ann.client.errorOf(WHO, { m: message.id, e: '👍', l })).extensions).toMatchObject({ field: 'limit' });
    expect((await ann.client.errorOf(WHO, { m: message.id, e: 'nope' })).extensions).toMatchObject({ field: 'emoji' });
    await w.owner.client.ok(SET_OVERWRITE, {
      c: w.channelId,
      i: { targetType: 'ROLE', targetId: w.everyoneRoleId, allow: [], deny: ['READ_MESSAGE_HISTORY'] },
    });
    expect((await ann.client.errorOf(WHO, { m: message.id, e: '👍' })).extensions).toMatchObject({
      code: 'FORBIDDEN',
      permission: 'READ_MESSAGE_HISTORY',
    });
  });

  it('refuses what is not one emoji, and messages that are not there or not visible', async () => {
    const w = await world(1);
    const [member] = w.members;
    const message = await send(w.owner.client, w.channelId, 'hello');
    for (const emoji of ['', 'a', ':)', '👍👍', '👍 ', '❤', 'x'.repeat(100)]) {
      const error = await member!.client.errorOf(ADD, { m: message.id, e: emoji });
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'emoji' } });
    }
    expect((await member!.client.errorOf(ADD, { m: snowflakeAt(new Date()), e: '👍' })).code).toBe('NOT_FOUND');
    // 20 digits: past Postgres's bigint, refused as input rather than failing in the database.
    const tooBig = await member!.client.errorOf(ADD, { m: '9'.repeat(20), e: '👍' });
    expect(tooBig).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'messageId' } });
    expect((await member!.client.errorOf(REMOVE, { m: snowflakeAt(new Date()), e: '👍', u: null })).code).toBe('NOT_FOUND');

    // A channel the member cannot see: as if the message were not there.
    await w.owner.client.ok(SET_OVERWRITE, {
      c: w.channelId,
      i: { targetType: 'ROLE', targetId: w.everyoneRoleId, allow: [], deny: ['VIEW_CHANNEL'] },
    });
    expect((await member!.client.errorOf(ADD, { m: message.id, e: '👍' })).code).toBe('NOT_FOUND');
    expect(await reactionsIn(w.owner.client, w.channelId, message.id)).toEqual([]);
  });

  it('needs ADD_REACTIONS and no running timeout to react, and MANAGE_MESSAGES to remove anyone else’s', async () => {
    const w = await world(2);
    const [ann, bob] = w.members as [(typeof w.members)[0], (typeof w.members)[0]];
    const message = await send(w.owner.client, w.channelId, 'permissions');
    await bob.client.ok(ADD, { m: message.id, e: '🎉' });

    expect((await ann.client.errorOf(REMOVE, { m: message.id, e: '🎉', u: bob.id })).extensions).toMatchObject({
      code: 'FORBIDDEN',
      permission: 'MANAGE_MESSAGES',
    });
    await w.owner.client.ok(TIMEOUT, { s: w.serverId, u: ann.id, n: 60 });
    expect((await ann.client.errorOf(ADD, { m: message.id, e: '🎉' })).code).toBe('TIMED_OUT');
    await w.owner.client.ok(SET_OVERWRITE, {
      c: w.channelId,
      i: { targetType: 'ROLE', targetId: w.everyoneRoleId, allow: [], deny: ['ADD_REACTIONS'] },
    });
    expect((await bob.client.errorOf(ADD, { m: message.id, e: '🔥' })).extensions).toMatchObject({
      code: 'FORBIDDEN',
      permission: 'ADD_REACTIONS',
    });
    // Their own reaction stays theirs to take back.
    await bob.client.ok(REMOVE, { m: message.id, e: '🎉', u: null });
    expect((await bob.client.errorOf(ADD, { m: message.id, e: '🎉' })).code).toBe('FORBIDDEN');
    expect(await reactionsIn(w.owner.client, w.channelId, message.id)).toEqual([]);

    await w.owner.client.ok(ADD, { m: message.id, e: '🎉' });
    await w.owner.client.ok(REMOVE, { m: message.id, e: '🎉', u: w.owner.id });
    expect(await reactionsIn(w.owner.client, w.channelId, message.id)).toEqual([]);
  });

  it('limits how fast a member changes reactions in a channel, across processes', async () => {
    const w = await world(1);
    const [member] = w.members;
    const message = await send(w.owner.client, w.channelId, 'flip me');
    // 20 changes in the window, alternating processes: all allowed.
    for (let i = 0; i < 20; i += 1) await on(i % 2 ? b : a, member!).ok(i % 2 ? REMOVE : ADD, { m: message.id, e: '🔁', u: null });
    const refused = await member!.client.errorOf(ADD, { m: message.id, e: '🔁' });
    expect(refused).toMatchObject({ code: 'RATE_LIMITED', extensions: { scope: 'channel' } });
    expect(refused.extensions.retryAfterMs).toBeGreaterThan(0);
    expect(refused.extensions.retryAfterMs).toBeLessThanOrEqual(10_000);
    expect(await reactionsIn(member!.client, w.channelId, message.id)).toEqual([]);
    // Others are not held back by it.
    await w.owner.client.ok(ADD, { m: message.id, e: '🔁' });
  });

  it('lets a moderator remove anyone’s reaction', async () => {
    const w = await world(1);
    const [member] = w.members;
    const message = await send(w.owner.client, w.channelId, 'moderated');
    await member!.client.ok(ADD, { m: message.id, e: '💩' });
    expect((await w.owner.client.ok(REMOVE, { m: message.id, e: '💩', u: member!.id })).removeReaction.reactions).toEqual([]);
  });

  it('holds at most 20 different emoji on a message, and goes with the message', async () => {
    const w = await world(1);
    const [member] = w.members;
    const message = await send(w.owner.client, w.channelId, 'many');
    const emoji = [...'😀😁😂🤣😃😄😅😆😉😊😋😎😍😘🥰😗😙🥲😚🙂'];
    expect(emoji).toHaveLength(20);
    for (const e of emoji) await w.owner.client.ok(ADD, { m: message.id, e });
    expect(await member!.client.errorOf(ADD, { m: message.id, e: '🤔' })).toMatchObject({
      code: 'BAD_USER_INPUT',
      extensions: { field: 'emoji' },
    });
    // One already there may still gain members.
    await member!.client.ok(ADD, { m: message.id, e: '😀' });
    const reactions = await reactionsIn(member!.client, w.channelId, message.id);
    expect(reactions.map((r: { emoji: string }) => r.emoji)).toEqual(emoji);
    expect(reactions[0]).toEqual({ emoji: '😀', count: 2, me: true });

    await w.owner.client.ok(DELETE, { m: message.id });
    expect(await sql(a, 'select 1 from message_reactions where message_id = ?', [message.id])).toEqual([]);
  });
});
