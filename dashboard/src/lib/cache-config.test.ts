import { gql } from 'urql';
import { describe, expect, it, vi } from 'vitest';
import { ChannelActivitySubscription, ServerEventsSubscription } from '@/components/channels/channels.operations';
import { unreadState } from '@/components/channels/unread';
import { cachedApi, operationName } from '@/test/cached-api';

const ME = { __typename: 'User', id: '7', username: 'ann' };

// What the sidebar holds of the reader and of a channel they are not reading.
const SidebarQuery = gql`
  query MentionCountSidebar {
    me {
      id
      username
    }
    server(id: "1") {
      id
      channels {
        id
        type
        lastMessageId
        lastReadMessageId
        mentionCount
      }
    }
  }
`;

const MyPresenceQuery = gql`
  query MyPresence {
    me {
      id
      presence
    }
  }
`;

/** A reader's sidebar with one unread channel ('9') and its live activity stream. */
async function liveSidebar(me: () => object) {
  // Without a schema (as in the app) graphcache warns while it matches the event union's fragments by their fields.
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  const channel = { __typename: 'Channel', id: '9', type: 'TEXT', lastMessageId: '100', lastReadMessageId: '100', mentionCount: 0 };
  const { client, push } = cachedApi(
    () => ({ me: me(), server: { __typename: 'Server', id: '1', channels: [channel] } }),
    ['ChannelActivity'],
  );
  await client.query(SidebarQuery, {}).toPromise();
  const stream = client.subscription(ChannelActivitySubscription, { channelId: '9' }).subscribe(() => undefined);
  const channels = () => client.readQuery(SidebarQuery, {})?.data?.server.channels as (typeof channel)[];
  return {
    client,
    channels,
    mentionCount: () => channels()[0]!.mentionCount,
    /** A new message in '9', marked (or not) by the API as mentioning everyone or those online. */
    created: (id: string, authorId: string, content: string, marks: { everyone?: boolean; here?: boolean }) =>
      push({
        __typename: 'MessageCreated',
        message: {
          __typename: 'Message',
          id,
          content,
          mentionsEveryone: marks.everyone ?? false,
          mentionsHere: marks.here ?? false,
          author: { __typename: 'User', id: authorId },
          replyTo: null,
          channel: { __typename: 'Channel', id: '9' },
        },
      }),
    stop: () => {
      stream.unsubscribe();
      warn.mockRestore();
    },
  };
}

describe('live mention counts', () => {
  it('a new message that mentions everyone counts for every reader but its author, as a mention of them does', async () => {
    const { channels, mentionCount, created, stop } = await liveSidebar(() => ME);

    // The words alone, from someone who may not mention everyone: unread, no mention.
    created('101', '2', '@everyone look', {});
    expect(mentionCount()).toBe(0);
    expect(unreadState(channels(), undefined).unread.has('9')).toBe(true);
    // Allowed (the API marked it), in any words around it; the author's own does not call them.
    created('102', '2', 'Heads up **@everyone**', { everyone: true });
    created('103', '7', '@everyone from me', { everyone: true });
    expect(mentionCount()).toBe(1);
    created('104', '2', 'and @ann too', {});
    expect(mentionCount()).toBe(2);
    // The sidebar's red count, unless it is the channel being read.
    expect(unreadState(channels(), undefined).mentions.get('9')).toBe(2);
    expect(unreadState(channels(), '9').mentions.size).toBe(0);
    stop();
  });

  it('a new message that mentions those online (@here) counts for a reader it reaches live (online), but its author or an invisible reader', async () => {
    let presence = 'ONLINE';
    const { client, channels, mentionCount, created, stop } = await liveSidebar(() => ({ ...ME, presence }));

    // The words alone, from someone who may not mention everyone: unread, no mention.
    created('101', '2', '@here look', {});
    expect(mentionCount()).toBe(0);
    // Allowed (the API marked it); the author's own does not call them.
    created('102', '2', 'Anyone **@here**?', { here: true });
    created('103', '7', '@here from me', { here: true });
    expect(mentionCount()).toBe(1);
    expect(unreadState(channels(), undefined).mentions.get('9')).toBe(1);
    // Invisible shows offline, so the API's @here passed the reader by: not counted live either.
    presence = 'OFFLINE';
    await client.query(MyPresenceQuery, {}, { requestPolicy: 'network-only' }).toPromise();
    created('104', '2', '@here again', { here: true });
    expect(mentionCount()).toBe(1);
    stop();
  });

  it('a message the sidebar already holds (replayed after its query read it) counts nothing again, nor moves the channel back', async () => {
    const { channels, mentionCount, created, stop } = await liveSidebar(() => ME);
    created('100', '2', 'hi @ann', {});
    created('99', '2', 'earlier, @ann', {});
    expect(mentionCount()).toBe(0);
    expect(channels()[0]!.lastMessageId).toBe('100');
    created('101', '2', 'and now @ann', {});
    expect(mentionCount()).toBe(1);
    expect(channels()[0]!.lastMessageId).toBe('101');
    stop();
  });

  it('a message deleted in a channel with mentions has its count asked of the API again; without mentions, nothing is asked', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const world = { mentionCount: 1 };
    const { client, push, sent } = cachedApi(
      (op) =>
        operationName(op) === 'MentionCountSidebar'
          ? {
              me: ME,
              server: {
                __typename: 'Server',
                id: '1',
                channels: [
                  {
                    __typename: 'Channel',
                    id: '9',
                    type: 'TEXT',
                    lastMessageId: '104',
                    lastReadMessageId: '100',
                    mentionCount: world.mentionCount,
                  },
                ],
              },
            }
          : null,
      ['ChannelActivity'],
    );
    const sidebar = async () => (await client.query(SidebarQuery, {}).toPromise()).data?.server.channels[0].mentionCount;
    const asked = () => sent.filter((op) => operationName(op) === 'MentionCountSidebar').length;
    expect(await sidebar()).toBe(1);
    const stream = client.subscription(ChannelActivitySubscription, { channelId: '9' }).subscribe(() => undefined);

    // The message that called Ann is deleted: the API counts none now.
    world.mentionCount = 0;
    push({ __typename: 'MessageDeleted', messageId: '104' });
    expect(await sidebar()).toBe(0);
    expect(asked()).toBe(2);
    // Another deletion, with nothing counted: the cache's answer stands.
    push({ __typename: 'MessageDeleted', messageId: '103' });
    expect(await sidebar()).toBe(0);
    expect(asked()).toBe(2);

    stream.unsubscribe();
    warn.mockRestore();
  });

  it('a new message that mentions a role counts for its holders but its author, by the roles the sidebar read', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const channel = { __typename: 'Channel', id: '9', type: 'TEXT', lastMessageId: '100', lastReadMessageId: '100', mentionCount: 0 };
    const RolesSidebarQuery = gql`
      query RoleMentionSidebar {
        me {
          id
          username
        }
        server(id: "1") {
          id
          myMember {
            roles {
              id
            }
          }
          channels {
            id
            type
            lastMessageId
            lastReadMessageId
            mentionCount
          }
        }
      }
    `;
    const myMember = { __typename: 'Member', roles: [{ __typename: 'Role', id: '12' }] };
    const { client, push } = cachedApi(
      () => ({ me: ME, server: { __typename: 'Server', id: '1', myMember, channels: [channel] } }),
      ['ChannelActivity'],
    );
    await client.query(RolesSidebarQuery, {}).toPromise();
    const stream = client.subscription(ChannelActivitySubscription, { channelId: '9' }).subscribe(() => undefined);
    const created = (id: string, authorId: string, content: string, mentionRoleIds: string[]) =>
      push({
        __typename: 'MessageCreated',
        message: {
          __typename: 'Message',
          id,
          content,
          mentionsEveryone: false,
          mentionsHere: false,
          mentionRoleIds,
          author: { __typename: 'User', id: authorId },
          replyTo: null,
          channel: { __typename: 'Channel', id: '9', server: { __typename: 'Server', id: '1' } },
        },
      });
    const mentionCount = () => (client.readQuery(RolesSidebarQuery, {})?.data?.server.channels as (typeof channel)[])[0]!.mentionCount;

    // The text alone (not mentionable for its author), or a role Ann does not hold: unread, no mention.
    created('101', '2', '<@&12> look', []);
    created('102', '2', '<@&13> look', ['13']);
    expect(mentionCount()).toBe(0);
    // Her role, as the API decided; her own message does not call her.
    created('103', '2', 'Raid: **<@&13> <@&12>**', ['13', '12']);
    created('104', '7', '<@&12> from me', ['12']);
    expect(mentionCount()).toBe(1);

    stream.unsubscribe();
    warn.mockRestore();
  });
});

describe('live display names', () => {
  it('a MemberUpdated event renames the user in every cached view of them, without asking the API', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    // A view the event does not make anyone read again: the pins panel's authors.
    const PinsQuery = gql`
      query PinnedAuthors {
        pinnedMessages(channelId: "9") {
          id
          author {
            id
            displayName
          }
        }
      }
    `;
    const pin = (id: string, authorId: string, displayName: string) => ({
      __typename: 'Message',
      id,
      author: { __typename: 'User', id: authorId, displayName },
    });
    const { client, push, sent } = cachedApi(() => ({ pinnedMessages: [pin('1', '2', 'Bob'), pin('2', '3', 'Cy')] }), ['ServerEvents']);
    await client.query(PinsQuery, {}).toPromise();
    const stream = client.subscription(ServerEventsSubscription, { serverId: '1' }).subscribe(() => undefined);
    const asked = sent.length;
    push({ __typename: 'MemberUpdated', member: { __typename: 'Member', user: { __typename: 'User', id: '2', displayName: 'Bobby' } } });

    const authors = client
      .readQuery(PinsQuery, {})
      ?.data?.pinnedMessages.map((m: { author: { displayName: string } }) => m.author.displayName);
    expect(authors).toEqual(['Bobby', 'Cy']);
    expect(sent.length).toBe(asked);
    stream.unsubscribe();
    warn.mockRestore();
  });
});
