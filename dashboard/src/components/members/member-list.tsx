'use client';

import { useCallback, useEffect, useMemo, useState } from 'react';
import { useQuery, type CombinedError } from 'urql';
import { ErrorState, LoadingState } from '@/components/ui/states';
import { graphql, getFragmentData } from '@/gql';
import type { MemberRowFragment } from '@/gql/graphql';
import { apiErrorOf } from '@/lib/api-errors';
import { Avatar } from './avatar';
import { memberPagesShown, reloadMemberList, showMoreMembers, useMemberListReload } from './member-list-pages';
import { MEMBER_PAGE, ServerMembersQuery } from './members.operations';

export const MemberRowFragmentDoc = graphql(`
  fragment MemberRow on Member {
    nickname
    user {
      id
      displayName
      avatarUrl
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

/** A page as MemberPage last read it. */
interface LoadedPage {
  members: MemberRowFragment[] | null;
  total: number;
  fetching: boolean;
  error: CombinedError | undefined;
}

/**
 * The server's members, online first, each name in the colour of their highest coloured role. A
 * hundred at first; a larger server's list says how many it shows and grows a hundred at a time.
 */
export function MemberList({ serverId }: { serverId: string }) {
  const [pageCount, setPageCount] = useState(() => memberPagesShown(serverId));
  const [pages, setPages] = useState<Record<number, LoadedPage>>({});
  const report = useCallback((index: number, page: LoadedPage) => setPages((all) => ({ ...all, [index]: page })), []);
  const shown: LoadedPage[] = [];
  for (let i = 0; i < pageCount && pages[i]?.members; i += 1) shown.push(pages[i]!);
  const first = pages[0];
  const members = shown.flatMap((page) => page.members ?? []);
  const online = members.filter((m) => m.user.presence !== 'OFFLINE');
  const offline = members.filter((m) => m.user.presence === 'OFFLINE');
  const last = shown.at(-1);
  const total = first?.total ?? 0;
  return (
    <aside className="member-list" aria-label="Members">
      <MemberPage serverId={serverId} index={0} after={null} pageCount={pageCount} report={report} />
      {!first?.members &&
        (first?.error ? (
          <ErrorState error={apiErrorOf(first.error)} onRetry={() => reloadMemberList(serverId)} />
        ) : (
          <LoadingState label="Loading members…" />
        ))}
      <MemberGroup title={`Online — ${online.length}`} members={online} />
      <MemberGroup title={`Offline — ${offline.length}`} members={offline} />
      {first?.members && members.length < total && (
        <footer className="member-more">
          <p className="muted small">{`Showing ${count(members.length)} of ${count(total)} members.`}</p>
          <button
            type="button"
            className="button ghost"
            disabled={last?.fetching || (last?.members?.length ?? 0) < MEMBER_PAGE}
            onClick={() => setPageCount(showMoreMembers(serverId))}
          >
            Show more members
          </button>
        </footer>
      )}
    </aside>
  );
}

const count = (n: number) => n.toLocaleString('en');

/**
 * Reads page `index` (after the member `after`) and reports it; then the next page, from this one's
 * last member as it is now, while the list shows more: a member joining earlier in the order moves
 * the boundaries, and nobody falls between two pages.
 */
function MemberPage({
  serverId,
  index,
  after,
  pageCount,
  report,
}: {
  serverId: string;
  index: number;
  after: string | null;
  pageCount: number;
  report: (index: number, page: LoadedPage) => void;
}) {
  const [{ data, error, fetching }, refetch] = useQuery({
    query: ServerMembersQuery,
    variables: { serverId, first: MEMBER_PAGE, after },
    requestPolicy: 'cache-and-network',
  });
  useMemberListReload(serverId, () => refetch({ requestPolicy: 'network-only' }));
  const members = useMemo(() => data?.server?.members.map((ref) => getFragmentData(MemberRowFragmentDoc, ref)) ?? null, [data]);
  const total = data?.server?.memberCount ?? 0;
  useEffect(() => report(index, { members, total, fetching, error }), [report, index, members, total, fetching, error]);
  const lastId = members?.at(-1)?.user.id;
  if (!members || !lastId || members.length < MEMBER_PAGE || index + 1 >= pageCount) return null;
  return <MemberPage serverId={serverId} index={index + 1} after={lastId} pageCount={pageCount} report={report} />;
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
            <Avatar user={member.user} size={32} status={member.user.presence} />
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
