/** Servers as the API answers for them, for the rail's and the sidebar's tests. */

const ME = { __typename: 'User', id: 'u1' };

/** A server as the Shell query lists it: its marks are the API's at that moment. */
export const railServer = (id: string, name: string, hasUnread: boolean, mentionCount: number) => ({
  __typename: 'Server',
  id,
  name,
  icon: null,
  hasUnread,
  mentionCount,
});

export const textChannel = (id: string, lastMessageId: string, lastReadMessageId: string, mentionCount: number) => ({
  __typename: 'Channel',
  id,
  name: id,
  type: 'TEXT',
  position: 0,
  isPrivate: false,
  myPermissions: [],
  slowmodeSeconds: 0,
  topic: null,
  lastMessageId,
  lastReadMessageId,
  mentionCount,
  voiceStates: [],
});

/** The sidebar's query of Book Club: #general (unread, 4 mentions) and #random (unread, 2 mentions). */
export const bookClub = {
  __typename: 'Server',
  id: 's1',
  name: 'Book Club',
  description: '',
  memberCount: 2,
  myPermissions: [],
  owner: ME,
  myMember: { __typename: 'Member', timedOutUntil: null, user: ME, roles: [] },
  roles: [],
  channels: [textChannel('general', '90', '80', 4), textChannel('random', '12', '10', 2)],
};
