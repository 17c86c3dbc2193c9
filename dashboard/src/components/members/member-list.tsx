'use client';

import { useQuery } from 'urql';
import { ErrorState, LoadingState } from '@/components/ui/states';
import { graphql, getFragmentData } from '@/gql';
import type { MemberRowFragment } from '@/gql/graphql';
import { apiErrorOf } from '@/lib/api-errors';
import { ServerMembersQuery } from './members.operations';
import { PresenceDot } from './presence-dot';

export const MemberRowFragmentDoc = graphql(`
  fragment MemberRow on Member {
    nickname
    user {
      id
      displayName
      presence
      isBot
    }
    roles {
      id
      name
      color
      position
    }
  }
`);

/** The server's members, online first, each name in the colour of their highest coloured role. */
export function MemberList({ serverId }: { serverId: string }) {
  const [{ data, error, fetching }, refetch] = useQuery({ query: ServerMembersQuery, variables: { serverId } });
  if (!data && fetching) return <LoadingState label="Loading members…" />;
  if (!data?.server) return <ErrorState error={apiErrorOf(error)} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  const members = data.server.members.map((ref) => getFragmentData(MemberRowFragmentDoc, ref));
  const online = members.filter((m) => m.user.presence !== 'OFFLINE');
  const offline = members.filter((m) => m.user.presence === 'OFFLINE');
  return (
    <aside className="member-list" aria-label="Members">
      <MemberGroup title={`Online — ${online.length}`} members={online} />
      <MemberGroup title={`Offline — ${offline.length}`} members={offline} />
    </aside>
  );
}

function MemberGroup({ title, members }: { title: string; members: MemberRowFragment[] }) {
  if (members.length === 0) return null;
  const sorted = [...members].sort((a, b) => topPosition(b) - topPosition(a) || nameOf(a).localeCompare(nameOf(b)));
  return (
    <section className="member-group">
      <h3 className="group-title">{title}</h3>
      <ul className="member-rows">
        {sorted.map((member) => (
          <li key={member.user.id} className={member.user.presence === 'OFFLINE' ? 'member-row offline' : 'member-row'}>
            <PresenceDot status={member.user.presence} />
            <span className="member-name" style={{ color: colourOf(member) }}>
              {nameOf(member)}
            </span>
            {member.user.isBot && <span className="badge">BOT</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

const nameOf = (m: MemberRowFragment) => m.nickname || m.user.displayName;
const topPosition = (m: MemberRowFragment) => Math.max(0, ...m.roles.map((r) => r.position));

/** Roles without a colour (#000000, Discord's "default") do not colour the name. */
function colourOf(m: MemberRowFragment): string | undefined {
  const coloured = m.roles.filter((r) => /^#[0-9a-f]{6}$/i.test(r.color) && r.color !== '#000000');
  return coloured.sort((a, b) => b.position - a.position)[0]?.color;
}
