import { describe, expect, it } from 'vitest';
import { createServer, signUp, type TestUser } from '../../../test/harness.js';
import { DELETE, EDIT, SET_OVERWRITE, messagesWorld } from '../../../test/messages-world.js';

const SEARCH = `query($s: ID!, $q: String!, $c: ID, $u: ID, $b: ID, $l: Int) {
  searchMessages(serverId: $s, query: $q, channelId: $c, authorId: $u, before: $b, limit: $l) {
    messages { id content channel { id } author { id } } hasMore } }`;

interface Found {
  messages: { id: string; content: string; channel: { id: string }; author: { id: string } }[];
  hasMore: boolean;
}

describe('message search', () => {
  const kit = messagesWorld();
  const { world, send, addChannel, apis, on } = kit;

  const search = async (user: TestUser, serverId: string, query: string, args: { c?: string; u?: string; b?: string; l?: number } = {}) =>
    (await user.client.ok(SEARCH, { s: serverId, q: query, c: args.c ?? null, u: args.u ?? null, b: args.b ?? null, l: args.l }))
      .searchMessages as Found;
  const contents = (found: Found) => found.messages.map((m) => m.content);
  type World = Awaited<ReturnType<typeof world>>;
  const deny = (w: World, c: string, permission: string) =>
    w.owner.client.ok(SET_OVERWRITE, { c, i: { targetType: 'ROLE', targetId: w.everyoneRoleId, allow: [], deny: [permission] } });

  it('finds whole words in any case, newest first, with phrases, exclusions, "or", filters and pages', async () => {
    const w = await world(1);
    const [member] = w.members as [TestUser];
    const other = await addChannel(w, { name: 'other' });
    await send(w.owner.client, w.channelId, 'The release is on Friday');
    await send(member.client, w.channelId, 'friday release notes are ready');
    await send(member.client, other, 'Release candidate, not Friday');
    await send(w.owner.client, w.channelId, 'released fridays'); // not the same words
    await send(w.owner.client, w.channelId, 'nothing to see');

    expect(contents(await search(member, w.serverId, 'RELEASE friday'))).toEqual([
      'Release candidate, not Friday',
      'friday release notes are ready',
      'The release is on Friday',
    ]);
    expect(contents(await search(member, w.serverId, '"release notes"'))).toEqual(['friday release notes are ready']);
    expect(contents(await search(member, w.serverId, 'release -candidate -notes'))).toEqual(['The release is on Friday']);
    expect(contents(await search(member, w.serverId, 'candidate or notes'))).toEqual([
      'Release candidate, not Friday',
      'friday release notes are ready',
    ]);
    expect(contents(await search(member, w.serverId, 'release', { c: other }))).toEqual(['Release candidate, not Friday']);
    expect(contents(await search(member, w.serverId, 'release', { u: w.owner.id }))).toEqual(['The release is on Friday']);

    const first = await search(member, w.serverId, 'friday', { l: 2 });
    expect(first.hasMore).toBe(true);
    const next = await search(member, w.serverId, 'friday', { l: 2, b: first.messages[1]!.id });
    expect(next).toMatchObject({ hasMore: false });
    expect(contents(next)).toEqual(['The release is on Friday']);

    // An edit is found by its new words, not its old ones; a deleted message is gone.
    const edited = (await search(member, w.serverId, 'notes')).messages[0]!;
    await member.client.ok(EDIT, { m: edited.id, t: 'changelog is ready' });
    expect(contents(await search(member, w.serverId, 'notes'))).toEqual([]);
    expect(contents(await search(member, w.serverId, 'changelog'))).toEqual(['changelog is ready']);
    await member.client.ok(DELETE, { m: edited.id });
    expect(contents(await search(member, w.serverId, 'changelog'))).toEqual([]);
  });

  it('searches only channels whose history the caller may read, and only the server asked', async () => {
    const w = await world(1);
    const [member] = w.members as [TestUser];
    const hidden = await addChannel(w, { name: 'staff' });
    const noHistory = await addChannel(w, { name: 'drop-box' });
    await send(w.owner.client, w.channelId, 'secret word in the open');
    await send(w.owner.client, hidden, 'secret word for staff');
    await send(w.owner.client, noHistory, 'secret word dropped');
    const elsewhere = await createServer(w.owner);
    await send(w.owner.client, elsewhere.channels.find((c) => c.type === 'TEXT')!.id, 'secret word elsewhere');

    await deny(w, hidden, 'VIEW_CHANNEL');
    await deny(w, noHistory, 'READ_MESSAGE_HISTORY');

    expect(contents(await search(member, w.serverId, 'secret'))).toEqual(['secret word in the open']);
    expect(contents(await search(w.owner, w.serverId, 'secret'))).toEqual([
      'secret word dropped',
      'secret word for staff',
      'secret word in the open',
    ]);
    // A hidden channel is not found; a channel without history is found but yields nothing.
    expect((await member.client.errorOf(SEARCH, { s: w.serverId, q: 'secret', c: hidden })).code).toBe('NOT_FOUND');
    expect(contents(await search(member, w.serverId, 'secret', { c: noHistory }))).toEqual([]);
    // Someone who is not a member of a (public) server reads none of its channels.
    const stranger = await signUp(apis().a, 'searcher');
    expect(await search(stranger, elsewhere.id, 'secret')).toEqual({ messages: [], hasMore: false });
  });

  it('narrows by from: and in: written among the words, and by them alone', async () => {
    const w = await world(2);
    const [alice, bob] = w.members as [TestUser, TestUser];
    const notes = await addChannel(w, { name: 'Release Notes' });
    const staff = await addChannel(w, { name: 'staff' });
    await deny(w, staff, 'VIEW_CHANNEL');
    await send(alice.client, w.channelId, 'ship it today');
    await send(bob.client, w.channelId, 'ship it tomorrow');
    await send(alice.client, notes, 'ship the notes');
    await send(w.owner.client, staff, 'ship the staff plans');
    const from = (user: TestUser) => `from:${user.username.toUpperCase()}`;

    expect(contents(await search(bob, w.serverId, `ship ${from(alice)}`))).toEqual(['ship the notes', 'ship it today']);
    expect(contents(await search(bob, w.serverId, from(alice)))).toEqual(['ship the notes', 'ship it today']);
    expect(contents(await search(bob, w.serverId, `${from(alice)} ship ${from(bob)} -notes`))).toEqual([
      'ship it tomorrow',
      'ship it today',
    ]);
    expect(contents(await search(bob, w.serverId, 'in:"release notes"'))).toEqual(['ship the notes']);
    expect(contents(await search(w.owner, w.serverId, 'ship in:#STAFF'))).toEqual(['ship the staff plans']);
    // A channel hidden from the caller, or a name nobody has, narrows to nothing rather than failing.
    expect(await search(bob, w.serverId, 'ship in:#staff')).toEqual({ messages: [], hasMore: false });
    expect(await search(bob, w.serverId, 'from:nobody_by_that_name')).toEqual({ messages: [], hasMore: false });
    // With the arguments, both must hold.
    expect(contents(await search(bob, w.serverId, from(alice), { u: bob.id }))).toEqual([]);
    expect(contents(await search(bob, w.serverId, from(alice), { u: alice.id, c: notes }))).toEqual(['ship the notes']);
    expect(contents(await search(bob, w.serverId, 'ship in:"release notes"', { c: w.channelId }))).toEqual([]);
  });

  it('refuses a query with no word, too long, and limits or ids out of range', async () => {
    const w = await world(0);
    for (const q of ['', '   ', '!!! ???', 'in:"" ...', 'x'.repeat(201)])
      expect(await w.owner.client.errorOf(SEARCH, { s: w.serverId, q })).toMatchObject({
        code: 'BAD_USER_INPUT',
        extensions: { field: 'query' },
      });
    for (const l of [0, 51])
      expect((await w.owner.client.errorOf(SEARCH, { s: w.serverId, q: 'hi', l })).extensions).toMatchObject({ field: 'limit' });
    expect((await w.owner.client.errorOf(SEARCH, { s: w.serverId, q: 'hi', u: 'me' })).extensions).toMatchObject({ field: 'authorId' });
    // Syntax a person might type is read as words, never an error.
    expect(await search(w.owner, w.serverId, 'a & b | !c (d) "unclosed')).toEqual({ messages: [], hasMore: false });
  });

  it('limits how often a member searches a server, across processes', async () => {
    const w = await world(1);
    const [member] = w.members as [TestUser];
    const { a, b } = apis();
    // 20 in the window, alternating processes: all answered.
    for (let i = 0; i < 20; i += 1) await on(i % 2 ? b : a, member).ok(SEARCH, { s: w.serverId, q: `word${i}` });
    const refused = await member.client.errorOf(SEARCH, { s: w.serverId, q: 'one more' });
    expect(refused).toMatchObject({ code: 'RATE_LIMITED', extensions: { scope: 'server' } });
    expect(refused.extensions.retryAfterMs).toBeGreaterThan(0);
    expect(refused.extensions.retryAfterMs).toBeLessThanOrEqual(10_000);
    // Others are not held back by it.
    await w.owner.client.ok(SEARCH, { s: w.serverId, q: 'owner' });
  });
});
