import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../app.js';
import { createServer, signUp, startTestApi, type TestUser } from '../../../test/harness.js';
import {
  CHANNEL_FIELDS,
  assignRole,
  auditLog,
  changesOf,
  channelPermissions,
  createRole,
  expectBadInput,
  expectForbidden,
  expectMalformedIdRefused,
  expectNullOrNotFound,
  joinServer,
  rankedServer,
  sql,
  until,
  visibleChannelIds,
  eventually,
} from '../../../test/fixtures.js';
import { settle, subscribe, wsClient } from '../../../test/ws-client.js';

const CREATE = `mutation($input: CreateChannelInput!) { createChannel(input: $input) { ${CHANNEL_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateChannelInput!) { updateChannel(id: $id, input: $input) { ${CHANNEL_FIELDS} } }`;
const DELETE = 'mutation($id: ID!) { deleteChannel(id: $id) }';
const GET = `query($id: ID!) { channel(id: $id) { ${CHANNEL_FIELDS} server { id } } }`;
const SET_OVERWRITE = `mutation($c: ID!, $i: OverwriteInput!) { setChannelOverwrite(channelId: $c, input: $i) { ${CHANNEL_FIELDS} } }`;
const REMOVE_OVERWRITE = `mutation($c: ID!, $t: OverwriteTarget!, $id: ID!) { removeChannelOverwrite(channelId: $c, targetType: $t, targetId: $id) { ${CHANNEL_FIELDS} } }`;

const REORDER = 'mutation($s: ID!, $ids: [ID!]!) { reorderChannels(serverId: $s, channelIds: $ids) { id position } }';

const DEFAULTS = ['VIEW_CHANNEL', 'SEND_MESSAGES', 'READ_MESSAGE_HISTORY', 'CREATE_INVITE', 'JOIN_VOICE', 'SPEAK', 'ADD_REACTIONS'];

describe('channels', () => {
  let api: RunningApi;
  let owner: TestUser;
  beforeAll(async () => {
    api = await startTestApi();
    owner = await signUp(api, 'chowner');
  });
  afterAll(async () => {
    await api?.close();
  });

  async function serverWithMember(isPrivate = false) {
    const server = await createServer(owner, { isPrivate });
    const member = await signUp(api, 'chmember');
    if (isPrivate) {
      const code = (await owner.client.ok('mutation($s: ID!) { createInvite(serverId: $s) { code } }', { s: server.id })).createInvite.code;
      await member.client.ok('mutation($c: String!) { joinServer(inviteCode: $c) { id } }', { c: code });
    } else {
      await joinServer(member, server.id);
    }
    const everyoneId = server.roles.find((r) => r.isDefault)!.id;
    return { server, member, everyoneId };
  }

  const channelCount = async (serverId: string) => (await sql(api, 'select id from channels where server_id = ?', [serverId])).length;
  const create = async (actor: TestUser, input: Record<string, unknown>) =>
    (await actor.client.ok(CREATE, { input: { type: 'TEXT', ...input } })).createChannel;

  describe('createChannel', () => {
    it('creates a text channel after the existing ones and audits it', async () => {
      const server = await createServer(owner);
      const channel = await create(owner, { serverId: server.id, name: 'Off Topic', description: 'anything goes', slowmodeSeconds: 30 });
      expect(channel).toMatchObject({
        type: 'TEXT',
        name: 'Off Topic',
        slug: 'off-topic',
        description: 'anything goes',
        position: 2,
        isPrivate: false,
        slowmodeSeconds: 30,
        userLimit: 0,
        overwrites: [],
      });
      expect((await owner.client.ok(GET, { id: channel.id })).channel).toMatchObject({ id: channel.id, server: { id: server.id } });
      const [entry] = await auditLog(owner, server.id);
      expect(entry).toMatchObject({ action: 'CHANNEL_CREATE', actor: { id: owner.id }, targetId: channel.id });
      expect(changesOf(entry!)).toEqual({ name: [null, 'Off Topic'], type: [null, 'TEXT'] });
    });

    it('creates a voice channel with a user limit at a given position', async () => {
      const server = await createServer(owner);
      const channel = await create(owner, { serverId: server.id, type: 'VOICE', name: 'Lounge', userLimit: 99, position: 7 });
      expect(channel).toMatchObject({ type: 'VOICE', name: 'Lounge', userLimit: 99, position: 7 });
    });

    it('keeps slugs unique per server, not across servers', async () => {
      const a = await createServer(owner);
      const b = await createServer(owner);
      const first = await create(owner, { serverId: a.id, name: 'Off Topic' });
      const second = await create(owner, { serverId: a.id, name: 'off  topic!' });
      const third = await create(owner, { serverId: a.id, name: 'general' });
      const other = await create(owner, { serverId: b.id, name: 'Off Topic' });
      expect([first.slug, second.slug, third.slug, other.slug]).toEqual(['off-topic', 'off-topic-2', 'general-2', 'off-topic']);
    });

    it('keeps slugs unique when channels of one name are created at once', async () => {
      const server = await createServer(owner);
      const created = await Promise.all(Array.from({ length: 8 }, () => create(owner, { serverId: server.id, name: 'Rush' })));
      expect(new Set(created.map((c) => c.slug)).size).toBe(8);
    });

    it.each([
      ['an empty name', { name: '' }, 'name'],
      ['a blank name', { name: '   ' }, 'name'],
      ['a 101-character name', { name: 'c'.repeat(101) }, 'name'],
      ['a 1025-character description', { description: 'd'.repeat(1025) }, 'description'],
      ['a negative position', { position: -1 }, 'position'],
      ['a slowmode above 6 hours', { slowmodeSeconds: 21_601 }, 'slowmodeSeconds'],
      ['a negative slowmode', { slowmodeSeconds: -1 }, 'slowmodeSeconds'],
      ['a user limit above 99', { userLimit: 100 }, 'userLimit'],
    ])('refuses %s with BAD_USER_INPUT naming the field, creating nothing', async (_label, input, field) => {
      const server = await createServer(owner);
      expectBadInput(await owner.client.errorOf(CREATE, { input: { serverId: server.id, type: 'TEXT', name: 'ok', ...input } }), field);
      expect(await channelCount(server.id)).toBe(2);
      expect(await auditLog(owner, server.id)).toEqual([]);
    });

    it('accepts names of 1 and 100 characters', async () => {
      const server = await createServer(owner);
      expect((await create(owner, { serverId: server.id, name: 'x' })).name).toBe('x');
      expect((await create(owner, { serverId: server.id, name: 'y'.repeat(100) })).name).toBe('y'.repeat(100));
    });

    it('needs MANAGE_CHANNELS; a private server answers outsiders NOT_FOUND', async () => {
      const { server, member } = await serverWithMember();
      expectForbidden(
        await member.client.errorOf(CREATE, { input: { serverId: server.id, type: 'TEXT', name: 'mine' } }),
        'MANAGE_CHANNELS',
      );
      const hidden = await createServer(owner, { isPrivate: true });
      expect((await member.client.errorOf(CREATE, { input: { serverId: hidden.id, type: 'TEXT', name: 'mine' } })).code).toBe('NOT_FOUND');
      expect(await channelCount(server.id)).toBe(2);
    });
  });

  describe('updateChannel and deleteChannel', () => {
    it('updates the given fields, re-slugs on rename and audits the changes', async () => {
      const server = await createServer(owner);
      const channel = await create(owner, { serverId: server.id, name: 'Old Name' });
      const { updateChannel } = await owner.client.ok(UPDATE, {
        id: channel.id,
        input: { name: 'New Name', description: 'desc', slowmodeSeconds: 5, isPrivate: true },
      });
      expect(updateChannel).toMatchObject({
        name: 'New Name',
        slug: 'new-name',
        description: 'desc',
        slowmodeSeconds: 5,
        isPrivate: true,
        position: channel.position,
      });
      const [entry] = await auditLog(owner, server.id);
      expect(entry).toMatchObject({ action: 'CHANNEL_UPDATE', actor: { id: owner.id }, targetId: channel.id });
      expect(changesOf(entry!)).toEqual({
        name: ['Old Name', 'New Name'],
        description: ['', 'desc'],
        slowmodeSeconds: [0, 5],
        isPrivate: [false, true],
      });
    });

    it('takes the slug of the new name even when the old slug starts with it', async () => {
      const server = await createServer(owner);
      const channel = await create(owner, { serverId: server.id, name: 'announcements old' });
      const { updateChannel } = await owner.client.ok(UPDATE, { id: channel.id, input: { name: 'Announcements' } });
      expect(updateChannel.slug).toBe('announcements');
      const general = server.channels.find((c) => c.type === 'TEXT')!;
      const renamed = await owner.client.ok(UPDATE, { id: general.id, input: { name: 'gen' } });
      expect(renamed.updateChannel.slug).toBe('gen');
    });

    it('re-slugs to a free slug when the new name is taken', async () => {
      const server = await createServer(owner);
      const channel = await create(owner, { serverId: server.id, name: 'random' });
      const { updateChannel } = await owner.client.ok(UPDATE, { id: channel.id, input: { name: 'General' } });
      expect(updateChannel).toMatchObject({ name: 'General', slug: 'general-2' });
    });

    it('reorders channels by position', async () => {
      const server = await createServer(owner);
      const text = server.channels.find((c) => c.type === 'TEXT')!;
      const voice = server.channels.find((c) => c.type === 'VOICE')!;
      const extra = await create(owner, { serverId: server.id, name: 'extra' });
      expect(await visibleChannelIds(owner.client, server.id)).toEqual([text.id, voice.id, extra.id]);
      await owner.client.ok(UPDATE, { id: extra.id, input: { position: 0 } });
      await owner.client.ok(UPDATE, { id: text.id, input: { position: 5 } });
      expect(await visibleChannelIds(owner.client, server.id)).toEqual([extra.id, voice.id, text.id]);
    });

    it('refuses bad input naming the field and changes nothing', async () => {
      const server = await createServer(owner);
      const channel = await create(owner, { serverId: server.id, name: 'steady' });
      expectBadInput(await owner.client.errorOf(UPDATE, { id: channel.id, input: { name: '' } }), 'name');
      expectBadInput(await owner.client.errorOf(UPDATE, { id: channel.id, input: { description: 'd'.repeat(1025) } }), 'description');
      expectBadInput(await owner.client.errorOf(UPDATE, { id: channel.id, input: { userLimit: -1 } }), 'userLimit');
      expectBadInput(await owner.client.errorOf(UPDATE, { id: channel.id, input: { slowmodeSeconds: 21_601 } }), 'slowmodeSeconds');
      expectBadInput(await owner.client.errorOf(UPDATE, { id: channel.id, input: { slowmodeSeconds: -1 } }), 'slowmodeSeconds');
      expect((await owner.client.ok(GET, { id: channel.id })).channel).toMatchObject({
        name: 'steady',
        description: '',
        userLimit: 0,
        slowmodeSeconds: 0,
      });
      expect((await auditLog(owner, server.id)).map((e) => e.action)).toEqual(['CHANNEL_CREATE']);
    });

    it('needs MANAGE_CHANNELS to update or delete', async () => {
      const { server, member } = await serverWithMember();
      const general = server.channels[0]!;
      expectForbidden(await member.client.errorOf(UPDATE, { id: general.id, input: { name: 'mine' } }), 'MANAGE_CHANNELS');
      expectForbidden(await member.client.errorOf(DELETE, { id: general.id }), 'MANAGE_CHANNELS');
      expect((await owner.client.ok(GET, { id: general.id })).channel.name).toBe('general');
    });

    it('deletes a channel with its overwrites, and audits it', async () => {
      const { server, member } = await serverWithMember();
      const channel = await create(owner, { serverId: server.id, name: 'doomed' });
      await owner.client.ok(SET_OVERWRITE, {
        c: channel.id,
        i: { targetType: 'MEMBER', targetId: member.id, allow: [], deny: ['SEND_MESSAGES'] },
      });
      expect(await owner.client.ok(DELETE, { id: channel.id })).toEqual({ deleteChannel: true });
      expect((await owner.client.ok(GET, { id: channel.id })).channel).toBeNull();
      expect(await visibleChannelIds(owner.client, server.id)).not.toContain(channel.id);
      expect(await sql(api, 'select 1 from permission_overwrites where channel_id = ?', [channel.id])).toHaveLength(0);
      const [entry] = await auditLog(owner, server.id);
      expect(entry).toMatchObject({ action: 'CHANNEL_DELETE', actor: { id: owner.id }, targetId: channel.id });
      expect(changesOf(entry!)).toEqual({ name: ['doomed', null] });
      expect((await owner.client.errorOf(DELETE, { id: channel.id })).code).toBe('NOT_FOUND');
    });

    it('answers null / NOT_FOUND for unknown and malformed channel ids', async () => {
      const unknown = '123456789012345678';
      expect((await owner.client.ok(GET, { id: unknown })).channel).toBeNull();
      expect((await owner.client.errorOf(UPDATE, { id: unknown, input: { name: 'x' } })).code).toBe('NOT_FOUND');
      expect((await owner.client.errorOf(DELETE, { id: unknown })).code).toBe('NOT_FOUND');
      expectNullOrNotFound(await owner.client.request(GET, { id: 'nope' }), 'channel');
      expectMalformedIdRefused(await owner.client.errorOf(UPDATE, { id: 'nope', input: { name: 'x' } }), 'id');
      expectMalformedIdRefused(await owner.client.errorOf(DELETE, { id: 'nope' }), 'id');
    });
  });

  describe('topic and bitrate', () => {
    const FIELDS = `${CHANNEL_FIELDS} topic bitrate`;
    const CREATE_TB = `mutation($input: CreateChannelInput!) { createChannel(input: $input) { ${FIELDS} } }`;
    const UPDATE_TB = `mutation($id: ID!, $input: UpdateChannelInput!) { updateChannel(id: $id, input: $input) { ${FIELDS} } }`;
    const GET_TB = `query($id: ID!) { channel(id: $id) { ${FIELDS} } }`;
    const createTb = async (input: Record<string, unknown>) => (await owner.client.ok(CREATE_TB, { input })).createChannel;
    const read = async (id: string) => (await owner.client.ok(GET_TB, { id })).channel;

    it('a text channel has no topic until given one; a voice channel starts at 64000 bits/s', async () => {
      const server = await createServer(owner);
      expect(await createTb({ serverId: server.id, type: 'TEXT', name: 'plain' })).toMatchObject({ topic: null, bitrate: 64_000 });
      expect(await createTb({ serverId: server.id, type: 'TEXT', name: 'blank', topic: '   ' })).toMatchObject({ topic: null });
      expect(await createTb({ serverId: server.id, type: 'TEXT', name: 'topical', topic: ' Rules first ' })).toMatchObject({
        topic: 'Rules first',
      });
      expect(await createTb({ serverId: server.id, type: 'VOICE', name: 'talk' })).toMatchObject({ topic: null, bitrate: 64_000 });
      expect(await createTb({ serverId: server.id, type: 'VOICE', name: 'hifi', bitrate: 96_000 })).toMatchObject({ bitrate: 96_000 });
    });

    it('updates them, audits the change, and a blank topic removes it', async () => {
      const server = await createServer(owner);
      const text = await createTb({ serverId: server.id, type: 'TEXT', name: 'news' });
      const voice = await createTb({ serverId: server.id, type: 'VOICE', name: 'radio' });
      expect((await owner.client.ok(UPDATE_TB, { id: text.id, input: { topic: 'Daily news' } })).updateChannel.topic).toBe('Daily news');
      // Null leaves it as it is.
      expect((await owner.client.ok(UPDATE_TB, { id: text.id, input: { name: 'news', topic: null } })).updateChannel.topic).toBe(
        'Daily news',
      );
      expect((await owner.client.ok(UPDATE_TB, { id: voice.id, input: { bitrate: 8_000 } })).updateChannel.bitrate).toBe(8_000);
      expect((await owner.client.ok(UPDATE_TB, { id: text.id, input: { topic: '' } })).updateChannel.topic).toBeNull();
      expect(await read(text.id)).toMatchObject({ topic: null });
      expect(await read(voice.id)).toMatchObject({ bitrate: 8_000 });
      const updates = (await auditLog(owner, server.id)).filter((e) => e.action === 'CHANNEL_UPDATE').map(changesOf);
      // Newest first; the update that left the topic as it was wrote no entry.
      expect(updates).toEqual([{ topic: ['Daily news', null] }, { bitrate: [64_000, 8_000] }, { topic: [null, 'Daily news'] }]);
    });

    it.each([
      ['a 1025-character topic', 'TEXT', { topic: 't'.repeat(1025) }, 'topic'],
      ['a topic on a voice channel', 'VOICE', { topic: 'music' }, 'topic'],
      ['a bitrate of 7999', 'VOICE', { bitrate: 7_999 }, 'bitrate'],
      ['a bitrate of 96001', 'VOICE', { bitrate: 96_001 }, 'bitrate'],
      ['a bitrate on a text channel', 'TEXT', { bitrate: 64_000 }, 'bitrate'],
    ])('refuses %s with BAD_USER_INPUT naming the field, on create and on update, changing nothing', async (_label, type, input, field) => {
      const server = await createServer(owner);
      expectBadInput(await owner.client.errorOf(CREATE_TB, { input: { serverId: server.id, type, name: 'bad', ...input } }), field);
      expect(await channelCount(server.id)).toBe(2);
      const channel = await createTb({ serverId: server.id, type, name: 'steady' });
      expectBadInput(await owner.client.errorOf(UPDATE_TB, { id: channel.id, input: { name: 'moved', ...input } }), field);
      expect(await read(channel.id)).toMatchObject({ name: 'steady', topic: null, bitrate: 64_000 });
      expect((await auditLog(owner, server.id)).map((e) => e.action)).toEqual(['CHANNEL_CREATE']);
    });

    it('accepts the bounds: 8000 and 96000 bits/s, a 1024-character topic', async () => {
      const server = await createServer(owner);
      const voice = await createTb({ serverId: server.id, type: 'VOICE', name: 'bounds', bitrate: 8_000 });
      expect((await owner.client.ok(UPDATE_TB, { id: voice.id, input: { bitrate: 96_000 } })).updateChannel.bitrate).toBe(96_000);
      const text = await createTb({ serverId: server.id, type: 'TEXT', name: 'long', topic: 't'.repeat(1024) });
      expect(text.topic).toHaveLength(1024);
    });

    it('ChannelUpdated carries the new topic and bitrate to serverEvents subscribers', async () => {
      const server = await createServer(owner);
      const text = await createTb({ serverId: server.id, type: 'TEXT', name: 'live' });
      const voice = await createTb({ serverId: server.id, type: 'VOICE', name: 'live-voice' });
      const ws = wsClient(api.url, owner.token);
      const sub = subscribe(
        ws,
        'subscription($s: ID!) { serverEvents(serverId: $s) { ... on ChannelUpdated { channel { id topic bitrate } } } }',
        {
          s: server.id,
        },
      );
      try {
        const heard = (id: string) => sub.events.map((e) => e.serverEvents.channel).filter((c) => c?.id === id);
        // The protocol has no subscribe acknowledgement: change the topic until a change is heard.
        let round = 0;
        await until(async () => {
          round += 1;
          await owner.client.ok(UPDATE_TB, { id: text.id, input: { topic: `Heard ${round}` } });
          return heard(text.id).length > 0;
        }, 'a ChannelUpdated event');
        await owner.client.ok(UPDATE_TB, { id: voice.id, input: { bitrate: 24_000 } });
        await until(() => heard(voice.id).length > 0, 'the bitrate change');
        expect(heard(text.id).at(-1)).toEqual({ id: text.id, topic: expect.stringMatching(/^Heard \d+$/), bitrate: 64_000 });
        expect(heard(voice.id)).toEqual([{ id: voice.id, topic: null, bitrate: 24_000 }]);
      } finally {
        sub.stop();
        await ws.dispose();
      }
    });
  });

  describe('reorderChannels', () => {
    it('puts the channels in the order given at once, audits it once, and a member sees it live', async () => {
      const { server, member } = await serverWithMember();
      const [text, voice] = [server.channels.find((c) => c.type === 'TEXT')!, server.channels.find((c) => c.type === 'VOICE')!];
      const extra = await create(owner, { serverId: server.id, name: 'extra' });
      const watcher = wsClient(api.url, member.token);
      const events = subscribe(
        watcher,
        'subscription($s: ID!) { serverEvents(serverId: $s) { __typename ... on ChannelUpdated { channel { id position } } } }',
        { s: server.id },
      );
      try {
        await settle();
        const { reorderChannels } = await owner.client.ok(REORDER, { s: server.id, ids: [extra.id, text.id, voice.id] });
        expect(reorderChannels).toEqual([
          { id: extra.id, position: 0 },
          { id: text.id, position: 1 },
          { id: voice.id, position: 2 },
        ]);
        expect(await visibleChannelIds(member.client, server.id)).toEqual([extra.id, text.id, voice.id]);
        await eventually(async () => {
          const moved = events.events.filter((e) => e.serverEvents.__typename === 'ChannelUpdated').map((e) => e.serverEvents.channel);
          expect(Object.fromEntries(moved.map((c) => [c.id, c.position]))).toEqual({ [extra.id]: 0, [text.id]: 1, [voice.id]: 2 });
        }, 10_000);
      } finally {
        events.stop();
        await watcher.dispose();
      }
      const entries = (await auditLog(owner, server.id)).filter((e) => e.action === 'CHANNEL_REORDER');
      expect(entries).toHaveLength(1);
      expect(changesOf(entries[0]!)).toEqual({
        order: [
          [text.id, voice.id, extra.id],
          [extra.id, text.id, voice.id],
        ],
      });
    });

    it('orders only the channels the actor can see; hidden ones keep their places', async () => {
      const { server, member } = await serverWithMember();
      const [text, voice] = [server.channels.find((c) => c.type === 'TEXT')!, server.channels.find((c) => c.type === 'VOICE')!];
      const secret = await create(owner, { serverId: server.id, name: 'secret', isPrivate: true });
      const last = await create(owner, { serverId: server.id, name: 'last' });
      const role = await createRole(owner, server.id, { name: 'Arranger', permissions: ['MANAGE_CHANNELS'] });
      await assignRole(owner, server.id, member.id, role.id);

      // The secret channel is not theirs to name.
      expectBadInput(await member.client.errorOf(REORDER, { s: server.id, ids: [last.id, voice.id, secret.id, text.id] }), 'channelIds');
      await member.client.ok(REORDER, { s: server.id, ids: [last.id, voice.id, text.id] });
      expect(await visibleChannelIds(owner.client, server.id)).toEqual([last.id, voice.id, secret.id, text.id]);
    });

    it('refuses a list that is not every visible channel once, and needs MANAGE_CHANNELS', async () => {
      const { server, member } = await serverWithMember();
      const ids = server.channels.map((c) => c.id);
      for (const bad of [[ids[0]!], [ids[0]!, ids[0]!], [...ids, ids[0]!]]) {
        expectBadInput(await owner.client.errorOf(REORDER, { s: server.id, ids: bad }), 'channelIds');
      }
      expectForbidden(await member.client.errorOf(REORDER, { s: server.id, ids: [...ids].reverse() }), 'MANAGE_CHANNELS');
      expect(await visibleChannelIds(owner.client, server.id)).toEqual(ids);
      expect((await auditLog(owner, server.id)).filter((e) => e.action === 'CHANNEL_REORDER')).toHaveLength(0);
    });
  });

  describe('private channels', () => {
    it('are hidden from members without access, and shown after a role overwrite allowing VIEW_CHANNEL', async () => {
      const { server, member } = await serverWithMember();
      const bystander = await signUp(api, 'bystander');
      await joinServer(bystander, server.id);
      const secret = await create(owner, { serverId: server.id, name: 'secret', isPrivate: true });

      expect(await visibleChannelIds(member.client, server.id)).not.toContain(secret.id);
      expect((await member.client.ok(GET, { id: secret.id })).channel).toBeNull();
      expect((await member.client.errorOf(UPDATE, { id: secret.id, input: { name: 'x' } })).code).toBe('NOT_FOUND');
      expect(await visibleChannelIds(owner.client, server.id)).toContain(secret.id);

      const insiders = await createRole(owner, server.id, { name: 'Insiders' });
      await owner.client.ok(SET_OVERWRITE, {
        c: secret.id,
        i: { targetType: 'ROLE', targetId: insiders.id, allow: ['VIEW_CHANNEL'], deny: [] },
      });
      expect((await member.client.ok(GET, { id: secret.id })).channel).toBeNull();
      await assignRole(owner, server.id, member.id, insiders.id);

      expect(await visibleChannelIds(member.client, server.id)).toContain(secret.id);
      expect((await member.client.ok(GET, { id: secret.id })).channel.myPermissions).toEqual(DEFAULTS);
      expect(await visibleChannelIds(bystander.client, server.id)).not.toContain(secret.id);
      expect((await bystander.client.ok(GET, { id: secret.id })).channel).toBeNull();
    });

    it('cannot be opened by an @everyone overwrite allowing VIEW_CHANNEL, but by a member overwrite', async () => {
      const { server, member, everyoneId } = await serverWithMember();
      const secret = await create(owner, { serverId: server.id, name: 'secret', isPrivate: true });
      await owner.client.ok(SET_OVERWRITE, {
        c: secret.id,
        i: { targetType: 'ROLE', targetId: everyoneId, allow: ['VIEW_CHANNEL'], deny: [] },
      });
      expect((await member.client.ok(GET, { id: secret.id })).channel).toBeNull();
      await owner.client.ok(SET_OVERWRITE, {
        c: secret.id,
        i: { targetType: 'MEMBER', targetId: member.id, allow: ['VIEW_CHANNEL'], deny: [] },
      });
      expect((await member.client.ok(GET, { id: secret.id })).channel.id).toBe(secret.id);
    });

    it('stay visible to a non-owner who creates one', async () => {
      const { server, member } = await serverWithMember();
      const role = await createRole(owner, server.id, { name: 'Builder', permissions: ['MANAGE_CHANNELS'] });
      await assignRole(owner, server.id, member.id, role.id);
      const secret = await create(member, { serverId: server.id, name: 'my den', isPrivate: true });
      expect(secret.overwrites).toEqual([{ targetType: 'MEMBER', targetId: member.id, allow: ['VIEW_CHANNEL'], deny: [] }]);
      expect(await visibleChannelIds(member.client, server.id)).toContain(secret.id);
    });

    it('hide again when the granting overwrite is removed', async () => {
      const { server, member } = await serverWithMember();
      const secret = await create(owner, { serverId: server.id, name: 'secret', isPrivate: true });
      await owner.client.ok(SET_OVERWRITE, {
        c: secret.id,
        i: { targetType: 'MEMBER', targetId: member.id, allow: ['VIEW_CHANNEL'], deny: [] },
      });
      expect((await member.client.ok(GET, { id: secret.id })).channel).not.toBeNull();
      const { removeChannelOverwrite } = await owner.client.ok(REMOVE_OVERWRITE, { c: secret.id, t: 'MEMBER', id: member.id });
      expect(removeChannelOverwrite.overwrites).toEqual([]);
      expect((await member.client.ok(GET, { id: secret.id })).channel).toBeNull();
      expect(await visibleChannelIds(member.client, server.id)).not.toContain(secret.id);
    });
  });

  describe('overwrites', () => {
    it('apply @everyone, then roles, then the member: a member overwrite beats a role overwrite', async () => {
      const { server, member, everyoneId } = await serverWithMember();
      const other = await signUp(api, 'other');
      await joinServer(other, server.id);
      const channel = await create(owner, { serverId: server.id, name: 'layered' });
      const role = await createRole(owner, server.id, { name: 'Layer' });
      await assignRole(owner, server.id, member.id, role.id);
      await assignRole(owner, server.id, other.id, role.id);

      await owner.client.ok(SET_OVERWRITE, {
        c: channel.id,
        i: { targetType: 'ROLE', targetId: everyoneId, allow: [], deny: ['SEND_MESSAGES', 'SPEAK'] },
      });
      expect(await channelPermissions(other.client, channel.id)).not.toContain('SEND_MESSAGES');

      await owner.client.ok(SET_OVERWRITE, {
        c: channel.id,
        i: { targetType: 'ROLE', targetId: role.id, allow: ['SEND_MESSAGES', 'MANAGE_MESSAGES'], deny: [] },
      });
      expect(await channelPermissions(other.client, channel.id)).toEqual([
        'VIEW_CHANNEL',
        'SEND_MESSAGES',
        'READ_MESSAGE_HISTORY',
        'MANAGE_MESSAGES',
        'CREATE_INVITE',
        'JOIN_VOICE',
        'ADD_REACTIONS',
      ]);

      await owner.client.ok(SET_OVERWRITE, {
        c: channel.id,
        i: { targetType: 'MEMBER', targetId: member.id, allow: ['SPEAK'], deny: ['SEND_MESSAGES', 'MANAGE_MESSAGES'] },
      });
      expect(await channelPermissions(member.client, channel.id)).toEqual([
        'VIEW_CHANNEL',
        'READ_MESSAGE_HISTORY',
        'CREATE_INVITE',
        'JOIN_VOICE',
        'SPEAK',
        'ADD_REACTIONS',
      ]);
      expect(await channelPermissions(other.client, channel.id)).toContain('SEND_MESSAGES');

      // The server-level view is untouched by channel overwrites.
      const server2 = (await member.client.ok('query($id: ID!) { server(id: $id) { myPermissions } }', { id: server.id })).server;
      expect(server2.myPermissions).toEqual(DEFAULTS);
    });

    it('hide the channel entirely when VIEW_CHANNEL is denied to the member', async () => {
      const { server, member } = await serverWithMember();
      const general = server.channels[0]!;
      await owner.client.ok(SET_OVERWRITE, {
        c: general.id,
        i: { targetType: 'MEMBER', targetId: member.id, allow: [], deny: ['VIEW_CHANNEL'] },
      });
      expect((await member.client.ok(GET, { id: general.id })).channel).toBeNull();
      expect(await visibleChannelIds(member.client, server.id)).not.toContain(general.id);
    });

    it("read by id (a message's channel, a voice state's) as in the server's list: overwrites, topic and all", async () => {
      const { server, member } = await serverWithMember();
      const general = server.channels[0]!;
      const mods = await createRole(owner, server.id, { name: 'Mods' });
      await owner.client.ok(UPDATE, { id: general.id, input: { topic: 'Read me' } });
      await owner.client.ok(SET_OVERWRITE, {
        c: general.id,
        i: { targetType: 'ROLE', targetId: mods.id, allow: ['MANAGE_MESSAGES'], deny: ['ADD_REACTIONS'] },
      });
      await owner.client.ok(SET_OVERWRITE, {
        c: general.id,
        i: { targetType: 'MEMBER', targetId: member.id, allow: [], deny: ['SEND_MESSAGES'] },
      });
      const [listed] = await api.services.channels.listByServer([server.id]);
      const [byId, missing] = await api.services.channels.byIds([general.id, '1']);
      expect(missing).toBeNull();
      expect(byId).toEqual(listed!.find((c) => c.id === general.id));
      expect(byId).toMatchObject({ topic: 'Read me', serverId: server.id, type: 'TEXT' });
      expect(byId!.overwrites).toHaveLength(2);
      expect(byId!.overwrites).toContainEqual({
        targetType: 'ROLE',
        targetId: mods.id,
        allow: ['MANAGE_MESSAGES'],
        deny: ['ADD_REACTIONS'],
      });
    });

    it('replace an existing overwrite of the same target and audit before/after', async () => {
      const { server, member } = await serverWithMember();
      const general = server.channels[0]!;
      await owner.client.ok(SET_OVERWRITE, {
        c: general.id,
        i: { targetType: 'MEMBER', targetId: member.id, allow: [], deny: ['SEND_MESSAGES'] },
      });
      const { setChannelOverwrite } = await owner.client.ok(SET_OVERWRITE, {
        c: general.id,
        i: { targetType: 'MEMBER', targetId: member.id, allow: ['MANAGE_MESSAGES'], deny: [] },
      });
      expect(setChannelOverwrite.overwrites).toEqual([{ targetType: 'MEMBER', targetId: member.id, allow: ['MANAGE_MESSAGES'], deny: [] }]);
      const [latest, first] = await auditLog(owner, server.id);
      expect(latest).toMatchObject({ action: 'CHANNEL_OVERWRITE_SET', actor: { id: owner.id }, targetId: general.id });
      expect(changesOf(latest!)).toEqual({
        target: [null, `MEMBER:${member.id}`],
        allow: [[], ['MANAGE_MESSAGES']],
        deny: [['SEND_MESSAGES'], []],
      });
      expect(first!.action).toBe('CHANNEL_OVERWRITE_SET');

      await owner.client.ok(REMOVE_OVERWRITE, { c: general.id, t: 'MEMBER', id: member.id });
      const [removed] = await auditLog(owner, server.id);
      expect(removed).toMatchObject({ action: 'CHANNEL_OVERWRITE_REMOVE', actor: { id: owner.id }, targetId: general.id });
      expect(changesOf(removed!)).toEqual({ target: [`MEMBER:${member.id}`, null] });
      expect((await owner.client.errorOf(REMOVE_OVERWRITE, { c: general.id, t: 'MEMBER', id: member.id })).code).toBe('NOT_FOUND');
    });

    it('need MANAGE_ROLES, and nobody sets a permission they do not hold', async () => {
      const { server, member } = await serverWithMember();
      const general = server.channels[0]!;
      expectForbidden(
        await member.client.errorOf(SET_OVERWRITE, {
          c: general.id,
          i: { targetType: 'MEMBER', targetId: member.id, allow: ['SEND_MESSAGES'], deny: [] },
        }),
        'MANAGE_ROLES',
      );
      expectForbidden(await member.client.errorOf(REMOVE_OVERWRITE, { c: general.id, t: 'MEMBER', id: member.id }), 'MANAGE_ROLES');

      const role = await createRole(owner, server.id, { name: 'Gatekeeper', permissions: ['MANAGE_ROLES'] });
      await assignRole(owner, server.id, member.id, role.id);
      expectForbidden(
        await member.client.errorOf(SET_OVERWRITE, {
          c: general.id,
          i: { targetType: 'MEMBER', targetId: member.id, allow: ['MANAGE_CHANNELS'], deny: [] },
        }),
        'MANAGE_CHANNELS',
      );
      expectForbidden(
        await member.client.errorOf(SET_OVERWRITE, {
          c: general.id,
          i: { targetType: 'MEMBER', targetId: owner.id, allow: [], deny: ['KICK_MEMBERS'] },
        }),
        'KICK_MEMBERS',
      );
      const ok = await member.client.ok(SET_OVERWRITE, {
        c: general.id,
        i: { targetType: 'MEMBER', targetId: member.id, allow: [], deny: ['SPEAK'] },
      });
      expect(ok.setChannelOverwrite.overwrites).toEqual([{ targetType: 'MEMBER', targetId: member.id, allow: [], deny: ['SPEAK'] }]);
      expect((await auditLog(owner, server.id)).filter((e) => e.action === 'CHANNEL_OVERWRITE_SET')).toHaveLength(1);
    });

    it('of a role or member ranked at or above the actor are out of reach; their own and lower ones are not', async () => {
      const { server, moderator, superior, subordinate, roles } = await rankedServer(api, owner, ['MANAGE_ROLES', 'SEND_MESSAGES']);
      const general = server.channels[0]!;
      const deny = (targetType: string, targetId: string) => ({
        c: general.id,
        i: { targetType, targetId, allow: [], deny: ['SEND_MESSAGES'] },
      });
      await owner.client.ok(SET_OVERWRITE, deny('ROLE', roles.senior.id));
      await owner.client.ok(SET_OVERWRITE, deny('MEMBER', superior.id));
      for (const [type, id] of [
        ['ROLE', roles.senior.id],
        ['ROLE', roles.mod.id],
        ['MEMBER', superior.id],
        ['MEMBER', owner.id],
      ] as const) {
        expectForbidden(await moderator.client.errorOf(SET_OVERWRITE, deny(type, id)), 'MANAGE_ROLES');
      }
      expectForbidden(await moderator.client.errorOf(REMOVE_OVERWRITE, { c: general.id, t: 'ROLE', id: roles.senior.id }), 'MANAGE_ROLES');
      expectForbidden(await moderator.client.errorOf(REMOVE_OVERWRITE, { c: general.id, t: 'MEMBER', id: superior.id }), 'MANAGE_ROLES');

      for (const [type, id] of [
        ['ROLE', roles.junior.id],
        ['MEMBER', subordinate.id],
        ['MEMBER', moderator.id],
      ] as const) {
        await moderator.client.ok(SET_OVERWRITE, deny(type, id));
      }
      await moderator.client.ok(REMOVE_OVERWRITE, { c: general.id, t: 'ROLE', id: roles.junior.id });
      const { channel } = await owner.client.ok(GET, { id: general.id });
      expect(channel.overwrites.map((o: { targetId: string }) => o.targetId).sort()).toEqual(
        [roles.senior.id, superior.id, subordinate.id, moderator.id].sort(),
      );
    });

    it('set at once for one target apply one after the other, none failing', async () => {
      const { server, member } = await serverWithMember();
      const general = server.channels[0]!;
      const denials = ['SEND_MESSAGES', 'SPEAK', 'JOIN_VOICE', 'CREATE_INVITE', 'READ_MESSAGE_HISTORY'];
      const results = await Promise.all(
        denials.map((permission) =>
          owner.client.request(SET_OVERWRITE, {
            c: general.id,
            i: { targetType: 'MEMBER', targetId: member.id, allow: [], deny: [permission] },
          }),
        ),
      );
      expect(results.map((r) => r.errors ?? [])).toEqual(denials.map(() => []));
      expect(await sql(api, 'select 1 from permission_overwrites where channel_id = ?', [general.id])).toHaveLength(1);
      expect((await auditLog(owner, server.id)).filter((e) => e.action === 'CHANNEL_OVERWRITE_SET')).toHaveLength(denials.length);
    });

    it('refuse bad input naming the field and write nothing', async () => {
      const { server, member } = await serverWithMember();
      const elsewhere = await createServer(owner);
      const foreignRole = await createRole(owner, elsewhere.id, { name: 'Foreign' });
      const outsider = await signUp(api, 'outsider');
      const general = server.channels[0]!;
      const cases: [Record<string, unknown>, string][] = [
        [{ targetType: 'ROLE', targetId: foreignRole.id, allow: ['SEND_MESSAGES'], deny: [] }, 'targetId'],
        [{ targetType: 'MEMBER', targetId: outsider.id, allow: ['SEND_MESSAGES'], deny: [] }, 'targetId'],
        [{ targetType: 'MEMBER', targetId: 'abc', allow: [], deny: [] }, 'targetId'],
        [{ targetType: 'ROLE', targetId: '99999999999999999999', allow: [], deny: [] }, 'targetId'],
        [{ targetType: 'MEMBER', targetId: member.id, allow: ['ADMINISTRATOR'], deny: [] }, 'allow'],
        [{ targetType: 'MEMBER', targetId: member.id, allow: ['SPEAK'], deny: ['SPEAK'] }, 'allow'],
      ];
      for (const [input, field] of cases) expectBadInput(await owner.client.errorOf(SET_OVERWRITE, { c: general.id, i: input }), field);
      expect(await sql(api, 'select 1 from permission_overwrites where channel_id = ?', [general.id])).toHaveLength(0);
      expect(await auditLog(owner, server.id)).toEqual([]);
    });
  });
});
