import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../app.js';
import { createServer, signUp, startTestApi, type TestUser } from '../../test/harness.js';
import { joinServer, until } from '../../test/fixtures.js';
import { subscribe, wsClient, type Subscription } from '../../test/ws-client.js';

const SEND = 'mutation($c: ID!, $t: String!) { sendMessage(channelId: $c, content: $t) { id } }';
const MARK = 'mutation($c: ID!, $m: ID!) { markChannelRead(channelId: $c, messageId: $m) { id } }';
const NICK = 'mutation($s: ID!, $u: ID!, $n: String) { setNickname(serverId: $s, userId: $u, nickname: $n) { nickname } }';
const RENAME_CHANNEL = 'mutation($id: ID!, $n: String!) { updateChannel(id: $id, input: { name: $n }) { id } }';
const RENAME_SERVER = 'mutation($id: ID!, $n: String!) { updateServer(id: $id, input: { name: $n }) { id } }';
const SERVER_EVENTS = `subscription($s: ID!) { serverEvents(serverId: $s) { __typename
  ... on ChannelUpdated { channel { id name lastReadMessageId } }
  ... on ServerUpdated { server { id name myMember { user { id } nickname } } } } }`;

// A live event is executed once for every subscriber who may see the same things (one permission
// view), so a field that answers differently for each caller must not be shared among them: each
// subscriber hears their own read marker and their own membership, never the first subscriber's.
describe('per-caller fields in live events', () => {
  let api: RunningApi;
  const sockets: Client[] = [];
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await Promise.all(sockets.map((s) => s.dispose()));
    await api?.close();
  });

  const listen = (user: TestUser, serverId: string): Subscription<any> => {
    const client = wsClient(api.url, user.token);
    sockets.push(client);
    return subscribe(client, SERVER_EVENTS, { s: serverId });
  };

  it('are answered for each subscriber, though they share a permission view', async () => {
    const owner = await signUp(api, 'personalowner');
    const server = await createServer(owner);
    const channelId = server.channels.find((c) => c.type === 'TEXT')!.id;
    const [ann, bob] = await Promise.all([signUp(api, 'personalann'), signUp(api, 'personalbob')]);
    for (const member of [ann, bob]) await joinServer(member, server.id);
    const first = (await owner.client.ok(SEND, { c: channelId, t: 'one' })).sendMessage.id as string;
    const second = (await owner.client.ok(SEND, { c: channelId, t: 'two' })).sendMessage.id as string;
    await ann.client.ok(MARK, { c: channelId, m: first });
    await bob.client.ok(MARK, { c: channelId, m: second });
    await ann.client.ok(NICK, { s: server.id, u: ann.id, n: 'Annie' });
    await bob.client.ok(NICK, { s: server.id, u: bob.id, n: 'Bobby' });

    const subs = [listen(ann, server.id), listen(bob, server.id)];
    // Both listening: a rename each has heard proves the subscriptions are live.
    for (let probe = 0; !subs.every((s) => s.events.length > 0); probe += 1) {
      expect(probe).toBeLessThan(25);
      await owner.client.ok(RENAME_CHANNEL, { id: channelId, n: `probe-${probe}` });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await owner.client.ok(RENAME_CHANNEL, { id: channelId, n: 'renamed' });
    await owner.client.ok(RENAME_SERVER, { id: server.id, n: 'Renamed Server' });
    const heard = (sub: Subscription<any>, type: string, name: string) =>
      until(
        () =>
          sub.events
            .map((e) => e.serverEvents)
            .find((e) => e.__typename === type && e[type === 'ChannelUpdated' ? 'channel' : 'server'].name === name),
        `${type} ${name}`,
        {
          timeoutMs: 5000,
        },
      );

    const [annChannel, bobChannel] = await Promise.all(subs.map((s) => heard(s, 'ChannelUpdated', 'renamed')));
    expect(annChannel.channel.lastReadMessageId).toBe(first);
    expect(bobChannel.channel.lastReadMessageId).toBe(second);
    const [annServer, bobServer] = await Promise.all(subs.map((s) => heard(s, 'ServerUpdated', 'Renamed Server')));
    expect(annServer.server.myMember).toEqual({ user: { id: ann.id }, nickname: 'Annie' });
    expect(bobServer.server.myMember).toEqual({ user: { id: bob.id }, nickname: 'Bobby' });
    for (const sub of subs) expect(sub.errors).toEqual([]);
  });
});
