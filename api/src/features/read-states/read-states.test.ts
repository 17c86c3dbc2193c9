import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../app.js';
import { createServer, signUp, startTestApi, type TestUser } from '../../../test/harness.js';
import { expectMalformedIdRefused, joinServer, sql } from '../../../test/fixtures.js';
import { ROOMY_LIMITS } from '../../../test/instances.js';

const SEND = 'mutation($c: ID!, $t: String!) { sendMessage(channelId: $c, content: $t) { id } }';
const MARK = 'mutation($c: ID!, $m: ID!) { markChannelRead(channelId: $c, messageId: $m) { id lastReadMessageId lastMessageId } }';
const REPLY = 'mutation($c: ID!, $t: String!, $r: ID) { sendMessage(channelId: $c, content: $t, replyToId: $r) { id } }';
const LIMITS = 'mutation($s: ID!, $i: ServerRateLimitsInput!) { updateServerRateLimits(serverId: $s, input: $i) { channelMessageLimit } }';
const MENTIONS = 'query($s: ID!) { server(id: $s) { channels { id mentionCount } } }';
const SAY = 'mutation($c: ID!, $t: String!) { sendMessage(channelId: $c, content: $t) { id mentionsEveryone } }';
const EDIT = 'mutation($m: ID!, $t: String!) { editMessage(messageId: $m, content: $t) { id mentionsEveryone } }';
const UPDATE_ROLE = 'mutation($r: ID!, $i: RoleInput!) { updateRole(roleId: $r, input: $i) { id } }';
const DEFAULTS = ['VIEW_CHANNEL', 'SEND_MESSAGES', 'READ_MESSAGE_HISTORY', 'ADD_REACTIONS', 'CREATE_INVITE', 'JOIN_VOICE', 'SPEAK'];
const STATES = 'query($s: ID!) { server(id: $s) { channels { id type lastReadMessageId lastMessageId } } }';

describe('read states', () => {
  let api: RunningApi;
  let owner: TestUser;
  beforeAll(async () => {
    api = await startTestApi();
    owner = await signUp(api, 'rsowner');
  });
  afterAll(async () => {
    await api?.close();
  });

  /** A public server of the owner's with three text channels: general, news, and staff (private: members do not see it). */
  const threeTextChannels = async () => {
    const server = await createServer(owner, { isPrivate: false });
    const general = server.channels.find((c) => c.type === 'TEXT')!.id;
    await owner.client.ok(LIMITS, { s: server.id, i: ROOMY_LIMITS });
    const create = 'mutation($i: CreateChannelInput!) { createChannel(input: $i) { id } }';
    const [news, staff] = await Promise.all(
      [{ name: 'news' }, { name: 'staff', isPrivate: true }].map(
        async (input) => (await owner.client.ok(create, { i: { serverId: server.id, type: 'TEXT', ...input } })).createChannel.id as string,
      ),
    );
    return { server, general, news: news!, staff: staff! };
  };

  const textChannel = async (user: TestUser, serverId: string) =>
    (await user.client.ok(STATES, { s: serverId })).server.channels.find((c: any) => c.type === 'TEXT');

  it("lists each channel's newest message and the caller's read marker, shared by every session of the user", async () => {
    const server = await createServer(owner, { isPrivate: false });
    const channelId = server.channels.find((c) => c.type === 'TEXT')!.id;
    const reader = await signUp(api, 'rsreader');
    await joinServer(reader, server.id);
    expect(await textChannel(reader, server.id)).toMatchObject({ lastReadMessageId: null, lastMessageId: null });

    const first = (await owner.client.ok(SEND, { c: channelId, t: 'one' })).sendMessage.id;
    const second = (await owner.client.ok(SEND, { c: channelId, t: 'two' })).sendMessage.id;
    expect(await textChannel(reader, server.id)).toMatchObject({ lastReadMessageId: null, lastMessageId: second });

    const marked = (await reader.client.ok(MARK, { c: channelId, m: first })).markChannelRead;
    expect(marked).toMatchObject({ id: channelId, lastReadMessageId: first, lastMessageId: second });

    // Another device of the same user (a second session) sees the same marker.
    const otherDevice = await reader.client
      .as(undefined)
      .ok('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', {
        u: reader.username,
        p: 'correct horse battery',
      });
    const device2 = reader.client.as(`Bearer ${otherDevice.login.token}`);
    expect((await device2.ok(STATES, { s: server.id })).server.channels.find((c: any) => c.id === channelId).lastReadMessageId).toBe(first);

    // The marker only moves forward: an older report does not make messages unread again.
    await device2.ok(MARK, { c: channelId, m: second });
    await reader.client.ok(MARK, { c: channelId, m: first });
    expect((await textChannel(reader, server.id)).lastReadMessageId).toBe(second);
    // Another member's marker is their own.
    expect((await textChannel(owner, server.id)).lastReadMessageId).toBeNull();
  });

  it('refuses a message of another channel, a malformed id, and a channel the caller cannot see', async () => {
    const server = await createServer(owner, { isPrivate: true });
    const channelId = server.channels.find((c) => c.type === 'TEXT')!.id;
    const other = await createServer(owner, { isPrivate: true });
    const otherChannel = other.channels.find((c) => c.type === 'TEXT')!.id;
    const foreign = (await owner.client.ok(SEND, { c: otherChannel, t: 'elsewhere' })).sendMessage.id;

    expect((await owner.client.errorOf(MARK, { c: channelId, m: foreign })).code).toBe('NOT_FOUND');
    for (const m of ['nope', '9'.repeat(20)]) expect((await owner.client.errorOf(MARK, { c: channelId, m })).code).toBe('BAD_USER_INPUT');
    const stranger = await signUp(api, 'rsstranger');
    expect((await stranger.client.errorOf(MARK, { c: channelId, m: foreign })).code).toBe('NOT_FOUND');
    expect((await textChannel(owner, server.id)).lastReadMessageId).toBeNull();
  });

  it('counts the unread messages that mention the reader or reply to them, as the dashboard reads mentions', async () => {
    const server = await createServer(owner, { isPrivate: false });
    const channelId = server.channels.find((c) => c.type === 'TEXT')!.id;
    await owner.client.ok(LIMITS, { s: server.id, i: ROOMY_LIMITS });
    const reader = await signUp(api, 'rsmention');
    await joinServer(reader, server.id);
    const say = async (user: TestUser, t: string, r: string | null = null) =>
      (await user.client.ok(REPLY, { c: channelId, t, r })).sendMessage.id as string;
    const mentions = async (user: TestUser) =>
      (await user.client.ok(MENTIONS, { s: server.id })).server.channels.find((c: any) => c.id === channelId).mentionCount;

    const mine = await say(reader, `I am @${reader.username}`); // one's own message mentions nobody to count
    const counted = [
      await say(owner, `hi @${reader.username}`),
      await say(owner, `**hey @${reader.username.toUpperCase()}.**`),
      await say(owner, 'a reply without a mention', mine),
      await say(owner, `\`\`\`a\`\`\` between blocks @${reader.username} \`\`\`b\`\`\``),
      await say(owner, `as a bot writes it: <@${reader.id}>`),
    ];
    for (const t of [
      `\`@${reader.username}\` in code`,
      `\`\`\`\nblock @${reader.username}\n\`\`\``,
      `@${reader.username}x is someone else`,
      `mail@${reader.username} is not a mention`,
      `@${reader.username.slice(0, -1)} is a prefix`,
      `\\@${reader.username} escaped`,
      `in a link https://example.com/@${reader.username}`,
      `\`<@${reader.id}>\` in code`,
      `<@${reader.id}0> is someone else`,
    ])
      await say(owner, t);
    expect(counted).toHaveLength(5);
    expect(await mentions(reader)).toBe(5);
    expect(await mentions(owner)).toBe(0);

    await reader.client.ok(MARK, { c: channelId, m: counted[1] });
    expect(await mentions(reader)).toBe(3); // the reply, the one between blocks and the <@id>, sent after what was read
    const last = await say(owner, `and again @${reader.username}`);
    expect(await mentions(reader)).toBe(4);
    await reader.client.ok(MARK, { c: channelId, m: last });
    expect(await mentions(reader)).toBe(0);
  });

  it('counts @everyone for every reader when its author may mention everyone, never from the words alone', async () => {
    const server = await createServer(owner, { isPrivate: false });
    const channelId = server.channels.find((c) => c.type === 'TEXT')!.id;
    const everyoneRole = server.roles.find((r) => r.isDefault)!.id;
    await owner.client.ok(LIMITS, { s: server.id, i: ROOMY_LIMITS });
    const [reader, member] = [await signUp(api, 'rseveryone'), await signUp(api, 'rsmember')];
    for (const user of [reader, member]) await joinServer(user, server.id);
    const say = async (user: TestUser, t: string) =>
      (await user.client.ok(SAY, { c: channelId, t })).sendMessage as { id: string; mentionsEveryone: boolean };
    const mentions = async (user: TestUser) =>
      (await user.client.ok(MENTIONS, { s: server.id })).server.channels.find((c: any) => c.id === channelId).mentionCount;

    // A new server's @everyone may not mention everyone: the words stay words.
    const plain = await say(member, '@everyone look at this');
    expect(plain.mentionsEveryone).toBe(false);
    for (const t of ['`@everyone` in code', 'mail@everyone', '@everyoneelse']) expect((await say(owner, t)).mentionsEveryone).toBe(false);
    expect(await mentions(reader)).toBe(0);

    const notice = await say(owner, 'Heads up @everyone!');
    expect(notice.mentionsEveryone).toBe(true);
    expect([await mentions(reader), await mentions(member), await mentions(owner)]).toEqual([1, 1, 0]);

    await owner.client.ok(UPDATE_ROLE, { r: everyoneRole, i: { permissions: [...DEFAULTS, 'MENTION_EVERYONE'] } });
    expect((await say(member, '@everyone now I may')).mentionsEveryone).toBe(true);
    expect([await mentions(reader), await mentions(owner)]).toEqual([2, 1]);

    // An edit takes it back out, and never puts it in after the fact.
    expect((await owner.client.ok(EDIT, { m: notice.id, t: 'Heads up, all' })).editMessage.mentionsEveryone).toBe(false);
    expect((await member.client.ok(EDIT, { m: plain.id, t: '@everyone look again' })).editMessage.mentionsEveryone).toBe(false);
    expect(await mentions(reader)).toBe(1);
  });

  it("sums a server's readable text channels for its rail icon: unread anywhere, mentions in all, none from channels the member cannot see", async () => {
    const { server, general, news, staff } = await threeTextChannels();
    const reader = await signUp(api, 'rsrail');
    await joinServer(reader, server.id);
    const other = await createServer(owner, { isPrivate: false });
    await joinServer(reader, other.id);
    const rail = async (user: TestUser) =>
      Object.fromEntries(
        (await user.client.ok('{ myServers { id hasUnread mentionCount } }')).myServers.map((s: any) => [
          s.id,
          [s.hasUnread, s.mentionCount],
        ]),
      );
    expect(await rail(reader)).toEqual({ [server.id]: [false, 0], [other.id]: [false, 0] });

    // Behind the private channel's wall nothing counts, not even a mention by name.
    await owner.client.ok(SEND, { c: staff, t: `staff only, @${reader.username}` });
    expect((await rail(reader))[server.id]).toEqual([false, 0]);
    expect((await rail(owner))[server.id]).toEqual([true, 0]);

    await owner.client.ok(SEND, { c: general, t: `hello @${reader.username}` });
    const last = (await owner.client.ok(SEND, { c: news, t: `news for @${reader.username}` })).sendMessage.id;
    await owner.client.ok(SEND, { c: news, t: 'plain news' });
    expect(await rail(reader)).toEqual({ [server.id]: [true, 2], [other.id]: [false, 0] });

    // Reading one channel leaves the other unread, with its mention.
    const newest = (await textChannel(reader, server.id)).lastMessageId;
    await reader.client.ok(MARK, { c: general, m: newest });
    expect((await rail(reader))[server.id]).toEqual([true, 1]);
    await reader.client.ok(MARK, { c: news, m: last });
    expect((await rail(reader))[server.id]).toEqual([true, 0]);
    const { lastMessageId } = (await reader.client.ok(STATES, { s: server.id })).server.channels.find((c: any) => c.id === news);
    await reader.client.ok(MARK, { c: news, m: lastMessageId });
    expect((await rail(reader))[server.id]).toEqual([false, 0]);

    // A public server looked at from outside: nothing is the visitor's to read.
    const visitor = await signUp(api, 'rsvisitor');
    const seen = (await visitor.client.ok('query($s: ID!) { server(id: $s) { hasUnread mentionCount } }', { s: server.id })).server;
    expect(seen).toEqual({ hasUnread: false, mentionCount: 0 });
  });

  it('marks a whole server read for the caller: every text channel they can see, up to its newest message, and no other', async () => {
    const { server, general, news, staff } = await threeTextChannels();
    const [reader, other] = [await signUp(api, 'rsall'), await signUp(api, 'rsother')];
    for (const user of [reader, other]) await joinServer(user, server.id);
    for (const [c, t] of [
      [general, 'hello @rsall'],
      [news, 'news'],
      [staff, 'staff only'],
    ])
      await owner.client.ok(SEND, { c, t: t!.replace('@rsall', `@${reader.username}`) });
    const newest = (await owner.client.ok(SEND, { c: news, t: 'more news' })).sendMessage.id;
    const MARK_SERVER =
      'mutation($s: ID!) { markServerRead(serverId: $s) { id hasUnread mentionCount channels { id lastReadMessageId } } }';

    const marked = (await reader.client.ok(MARK_SERVER, { s: server.id })).markServerRead;
    expect(marked).toMatchObject({ id: server.id, hasUnread: false, mentionCount: 0 });
    expect(marked.channels.find((c: any) => c.id === news).lastReadMessageId).toBe(newest);
    expect(marked.channels.map((c: any) => c.id)).not.toContain(staff);
    // Only the caller's markers, and none for the channel they cannot see.
    const markers = await sql(api, 'select user_id, channel_id from read_states where channel_id in (?, ?, ?)', [general, news, staff]);
    expect(markers.map((m) => String(m.channel_id)).sort()).toEqual([general, news].sort());
    expect(markers.every((m) => String(m.user_id) === reader.id)).toBe(true);
    expect((await other.client.ok('query($s: ID!) { server(id: $s) { hasUnread mentionCount } }', { s: server.id })).server).toEqual({
      hasUnread: true,
      mentionCount: 0,
    });

    // A visitor is no member; a malformed id changes nothing either.
    const visitor = await signUp(api, 'rsallvisitor');
    expect((await visitor.client.errorOf(MARK_SERVER, { s: server.id })).code).toBe('NOT_FOUND');
    expectMalformedIdRefused(await reader.client.errorOf(MARK_SERVER, { s: 'nope' }), 'serverId');
    expect((await reader.client.as(undefined).errorOf(MARK_SERVER, { s: server.id })).code).toBe('UNAUTHENTICATED');
  });
});
