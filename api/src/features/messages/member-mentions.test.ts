import { describe, expect, it } from 'vitest';
import { signUp } from '../../../test/harness.js';
import { EDIT, messagesWorld } from '../../../test/messages-world.js';
import { MAX_MEMBER_MENTIONS } from './mentions.js';

const MENTIONED = 'mentionedMembers { nickname user { id username displayName } }';
const SAY = `mutation($c: ID!, $t: String!) { sendMessage(channelId: $c, content: $t) { id ${MENTIONED} } }`;
const PAGE = `query($c: ID!) { messages(channelId: $c) { messages { id ${MENTIONED} } } }`;
const NICKNAME = 'mutation($s: ID!, $u: ID!, $n: String) { setNickname(serverId: $s, userId: $u, nickname: $n) { nickname } }';
const EVENTS = `subscription($c: ID!, $s: ID) { channelEvents(channelId: $c, since: $s) { __typename
  ... on MessageCreated { message { id ${MENTIONED} } }
  ... on MessageUpdated { message { id ${MENTIONED} } } } }`;

interface Mentioned {
  nickname: string | null;
  user: { id: string; username: string; displayName: string };
}

describe('Message.mentionedMembers', () => {
  const kit = messagesWorld();
  const { world, listen, fence } = kit;

  it("names the server's members the text mentions by @username or <@id>, each once, in order, live, in history and after an edit", async () => {
    const w = await world(2);
    const [ann, bob] = w.members as [(typeof w.members)[0], (typeof w.members)[0]];
    const stranger = await signUp(kit.apis().a, 'stranger');
    await w.owner.client.ok(NICKNAME, { s: w.serverId, u: ann.id, n: 'Annie' });
    const sub = await listen(kit.apis().b, w.owner, w.channelId, undefined, EVENTS);
    const say = async (t: string) =>
      (await bob.client.ok(SAY, { c: w.channelId, t })).sendMessage as { id: string; mentionedMembers: Mentioned[] };
    const names = (mentioned: Mentioned[]) => mentioned.map((m) => m.user.username);

    const text = `hi @${bob.username} and @${ann.username.toUpperCase()}, <@${ann.id}> and @${bob.username} again; not @${stranger.username}, <@${stranger.id}>, @nobody_here, @everyone, \`@${w.owner.username}\`, \\@${w.owner.username} or mail@${w.owner.username}; <@${w.owner.id}> as bots write it`;
    const sent = await say(text);
    expect(names(sent.mentionedMembers)).toEqual([bob.username, ann.username, w.owner.username]);
    expect(sent.mentionedMembers[1]).toEqual({
      nickname: 'Annie',
      user: { id: ann.id, username: ann.username, displayName: expect.any(String) },
    });
    expect((await say('no names here')).mentionedMembers).toEqual([]);

    const page = (await w.owner.client.ok(PAGE, { c: w.channelId })).messages.messages as { id: string; mentionedMembers: Mentioned[] }[];
    expect(names(page.find((m) => m.id === sent.id)!.mentionedMembers)).toEqual([bob.username, ann.username, w.owner.username]);

    const edited = (await bob.client.ok(EDIT.replace('{ id ', `{ id ${MENTIONED} `), { m: sent.id, t: `now only @${w.owner.username}.` }))
      .editMessage as { mentionedMembers: Mentioned[] };
    expect(names(edited.mentionedMembers)).toEqual([w.owner.username]);

    const events = (await fence(sub, w.owner, w.channelId)).map((e) => e.channelEvents);
    expect(events.map((e) => [e.__typename, names(e.message.mentionedMembers)])).toEqual([
      ['MessageCreated', [bob.username, ann.username, w.owner.username]],
      ['MessageCreated', []],
      ['MessageUpdated', [w.owner.username]],
    ]);
  });

  it(`resolves at most ${MAX_MEMBER_MENTIONS} names; a member who left is no longer listed`, async () => {
    const w = await world(MAX_MEMBER_MENTIONS + 1);
    const say = async (t: string) =>
      (await w.owner.client.ok(SAY, { c: w.channelId, t })).sendMessage as { id: string; mentionedMembers: Mentioned[] };
    const all = w.members.map((m) => m.username);
    const sent = await say(all.map((name) => `@${name}`).join(' '));
    expect(sent.mentionedMembers.map((m) => m.user.username)).toEqual(all.slice(0, MAX_MEMBER_MENTIONS));

    const leaver = w.members[0]!;
    await leaver.client.ok('mutation($s: ID!) { leaveServer(serverId: $s) }', { s: w.serverId });
    const page = (await w.owner.client.ok(PAGE, { c: w.channelId })).messages.messages as { id: string; mentionedMembers: Mentioned[] }[];
    expect(page.find((m) => m.id === sent.id)!.mentionedMembers.map((m) => m.user.username)).toEqual(all.slice(1, MAX_MEMBER_MENTIONS));
  });
});
