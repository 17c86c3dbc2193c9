import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../app.js';
import { joinServer } from '../../../test/fixtures.js';
import { createServer, signUp, startTestApi, type TestUser } from '../../../test/harness.js';
import { ROOMY_LIMITS } from '../../../test/instances.js';

const LIMITS = 'mutation($s: ID!, $i: ServerRateLimitsInput!) { updateServerRateLimits(serverId: $s, input: $i) { channelMessageLimit } }';
const SAY = 'mutation($c: ID!, $t: String!) { sendMessage(channelId: $c, content: $t) { id mentionsHere mentionsEveryone } }';
const EDIT = 'mutation($m: ID!, $t: String!) { editMessage(messageId: $m, content: $t) { id mentionsHere } }';
const HISTORY = 'query($c: ID!) { messages(channelId: $c) { messages { id mentionsHere } } }';
const MENTIONS = 'query($s: ID!) { server(id: $s) { channels { id mentionCount } } }';
const CREATE_CHANNEL = 'mutation($i: CreateChannelInput!) { createChannel(input: $i) { id } }';
const HEARTBEAT = 'mutation { heartbeat }';
const SET_PRESENCE = 'mutation($p: PresenceStatus!) { setPresence(status: $p) { id } }';

describe('@here', () => {
  let api: RunningApi;
  let owner: TestUser;
  let online: TestUser;
  let away: TestUser;
  let offline: TestUser;
  let invisible: TestUser;
  let serverId: string;
  let channelId: string;
  beforeAll(async () => {
    api = await startTestApi();
    owner = await signUp(api, 'hereowner');
    [online, away, offline, invisible] = [
      await signUp(api, 'hereonline'),
      await signUp(api, 'hereaway'),
      await signUp(api, 'hereoffline'),
      await signUp(api, 'hereinvisible'),
    ];
    const server = await createServer(owner, { isPrivate: false });
    serverId = server.id;
    channelId = server.channels.find((c) => c.type === 'TEXT')!.id;
    await owner.client.ok(LIMITS, { s: serverId, i: ROOMY_LIMITS });
    for (const user of [online, away, offline, invisible]) await joinServer(user, serverId);
    // Online by a heartbeat (as a signed-in dashboard is); idle and invisible as chosen; `offline` never beats.
    for (const user of [online, away, invisible]) await user.client.ok(HEARTBEAT);
    await away.client.ok(SET_PRESENCE, { p: 'IDLE' });
    // Choosing OFFLINE while connected is being invisible (Discord's "Invisible").
    await invisible.client.ok(SET_PRESENCE, { p: 'OFFLINE' });
  });
  afterAll(async () => {
    await api?.close();
  });

  const say = async (user: TestUser, t: string, c = channelId) =>
    (await user.client.ok(SAY, { c, t })).sendMessage as { id: string; mentionsHere: boolean; mentionsEveryone: boolean };
  const mentions = async (user: TestUser, c = channelId) =>
    (await user.client.ok(MENTIONS, { s: serverId })).server.channels.find((ch: { id: string }) => ch.id === c)?.mentionCount as number;
  const everyonesMentions = async (c = channelId) => Promise.all([online, away, offline, invisible, owner].map((u) => mentions(u, c)));

  it('mentions the readers shown online when it is sent (idle too), never offline or invisible ones, nor its author', async () => {
    const sent = await say(owner, '@here standup in 5');
    expect(sent).toMatchObject({ mentionsHere: true, mentionsEveryone: false });
    expect(await everyonesMentions()).toEqual([1, 1, 0, 0, 0]);
    // Decided at send: coming online later does not make it theirs.
    await offline.client.ok(HEARTBEAT);
    expect(await mentions(offline)).toBe(0);
    // As sent, from history too.
    const history = (await owner.client.ok(HISTORY, { c: channelId })).messages.messages as { id: string; mentionsHere: boolean }[];
    expect(history.find((m) => m.id === sent.id)?.mentionsHere).toBe(true);
  });

  it('is text without MENTION_EVERYONE, in code, escaped or inside a word; an edit takes it out but never puts it in', async () => {
    const before = await everyonesMentions();
    for (const [user, t] of [
      [online, '@here anyone?'],
      [owner, '`@here` is how you ping'],
      [owner, '\\@here'],
      [owner, 'nowhere@here or @hereafter'],
    ] as const)
      expect((await say(user, t)).mentionsHere, t).toBe(false);
    expect(await everyonesMentions()).toEqual(before);

    const sent = await say(owner, 'Heads up @here');
    expect((await mentions(online)) - before[0]!).toBe(1);
    expect((await owner.client.ok(EDIT, { m: sent.id, t: 'Heads up, all' })).editMessage.mentionsHere).toBe(false);
    expect(await mentions(online)).toBe(before[0]);
    const later = await say(owner, 'quiet');
    expect((await owner.client.ok(EDIT, { m: later.id, t: 'now @here' })).editMessage.mentionsHere).toBe(false);
    expect(await mentions(online)).toBe(before[0]);
  });

  it('mentions only those who can read the channel', async () => {
    const staffOnly = (await owner.client.ok(CREATE_CHANNEL, { i: { serverId, name: 'staff', type: 'TEXT', isPrivate: true } }))
      .createChannel.id as string;
    expect((await say(owner, '@here in private', staffOnly)).mentionsHere).toBe(true);
    // The member cannot see the channel at all; nor does the server's sum count it.
    expect(await mentions(online, staffOnly)).toBeUndefined();
    const rows = await api.services.orm.em
      .fork()
      .getConnection()
      .execute<{ ids: string[] }[]>('select mention_here_user_ids as ids from messages where channel_id = ?', [staffOnly]);
    expect(rows).toEqual([{ ids: [] }]);
  });
});
