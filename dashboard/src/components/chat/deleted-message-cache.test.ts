import { gql } from 'urql';
import { describe, expect, it, vi } from 'vitest';
import { ChannelActivitySubscription } from '@/components/channels/channels.operations';
import { cachedApi } from '@/test/cached-api';

const message = (id: string, channelId: string) => ({
  __typename: 'Message',
  id,
  content: `m${id}`,
  channel: { __typename: 'Channel', id: channelId },
});

// What a search panel and a pins panel hold: search results across channels, one channel's pins.
const ShownQuery = gql`
  query Shown {
    searchMessages(serverId: "1", query: "m", limit: 25) {
      hasMore
      messages {
        id
        content
        channel {
          id
        }
      }
    }
    pinnedMessages(channelId: "9") {
      id
      content
      channel {
        id
      }
    }
  }
`;
const DeleteMessage = gql`
  mutation Delete($messageId: ID!) {
    deleteMessage(messageId: $messageId)
  }
`;

describe('a deleted message in the cached lists', () => {
  it('leaves the search results and the pins as its deletion is heard, from any channel the sidebar watches, or made by the reader', async () => {
    // Without a schema (as in the app) graphcache warns while it matches the event union's fragments by their fields.
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { client, push } = cachedApi(
      (op) =>
        op.kind === 'mutation'
          ? { deleteMessage: true }
          : {
              searchMessages: {
                __typename: 'MessageSearchResult',
                hasMore: false,
                messages: [message('103', '9'), message('102', '8'), message('101', '9')],
              },
              pinnedMessages: [message('103', '9'), message('101', '9')],
            },
      ['ChannelActivity'],
    );
    await client.query(ShownQuery, {}).toPromise();
    const shown = () => {
      const data = client.readQuery(ShownQuery, {})?.data as {
        searchMessages: { messages: { id: string }[] };
        pinnedMessages: { id: string }[];
      };
      return { search: data.searchMessages.messages.map((m) => m.id), pins: data.pinnedMessages.map((m) => m.id) };
    };
    expect(shown()).toEqual({ search: ['103', '102', '101'], pins: ['103', '101'] });

    // Deleted by someone else in another channel, heard by the sidebar's watcher of that channel.
    const stream = client.subscription(ChannelActivitySubscription, { channelId: '8' }).subscribe(() => undefined);
    push({ __typename: 'MessageDeleted', messageId: '102' });
    expect(shown()).toEqual({ search: ['103', '101'], pins: ['103', '101'] });
    push({ __typename: 'MessageDeleted', messageId: '103' });
    expect(shown()).toEqual({ search: ['101'], pins: ['101'] });
    stream.unsubscribe();

    // The reader's own deletion, as soon as the API confirms it.
    await client.mutation(DeleteMessage, { messageId: '101' }).toPromise();
    expect(shown()).toEqual({ search: [], pins: [] });
  });
});
