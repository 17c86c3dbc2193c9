'use client';

import Link from 'next/link';
import { Tabs } from 'radix-ui';
import { useEffect, useRef, useState } from 'react';
import { useQuery } from 'urql';
import { BotsPanel } from '@/components/bots/bots-panel';
import { MyBotsQuery } from '@/components/bots/bots.operations';
import { ErrorState, LoadingState } from '@/components/ui/states';
import { useReadAgain, useReadQueryAgain } from '@/hooks/use-read-again';
import { apiErrorOf } from '@/lib/api-errors';
import { AdminServerQuery } from './admin.operations';
import type { AdminMember, AdminServer } from './admin-types';
import { AuditPanel } from './audit-panel';
import { BansInvitesPanel } from './bans-invites-panel';
import { ModerationQueuePanel } from './moderation-queue-panel';
import { RateLimitsPanel } from './rate-limits-panel';
import { ChannelsPanel } from './channels-panel';
import { ExplainerPanel } from './explainer-panel';
import { can, meIn } from '@/components/permissions/hierarchy';
import { MembersPanel } from './members-panel';
import { OverviewPanel } from './overview-panel';
import { RolesPanel } from './roles-panel';
import './admin.css';

/** The admins' and moderators' pages of one server; each tab shows only what my permissions allow. */
export function SettingsPage({ serverId }: { serverId: string }) {
  const [{ data, error, fetching }, refetch] = useQuery({ query: AdminServerQuery, variables: { serverId } });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  // Each panel reads its own queries again too; the tab, and what is typed in it, stay.
  useReadAgain(serverId, reload);
  const [tab, setTab] = useState('overview');
  const [explained, setExplained] = useState<AdminMember | undefined>();
  const tabList = useRef<HTMLDivElement>(null);
  // A tab opened from elsewhere on the page (a member's "why?") is scrolled into the narrow tab strip.
  useEffect(() => revealActiveTab(tabList.current), [tab]);

  if (!data && fetching) return <LoadingState label="Loading settings…" />;
  if (!data?.server || !data.me)
    return (
      <ErrorState error={apiErrorOf(error) ?? { code: 'NOT_FOUND', message: 'This server does not exist or you are not a member.' }} />
    );
  const server = data.server;
  const me = meIn(server, data.me.id, server.myPermissions);
  const explain = (member: AdminMember) => {
    setExplained(member);
    setTab('permissions');
  };

  const tabs = [
    { id: 'overview', label: 'Overview', shown: can(me, 'MANAGE_SERVER') },
    { id: 'roles', label: 'Roles', shown: can(me, 'MANAGE_ROLES') },
    {
      id: 'channels',
      label: 'Channels',
      // Voice moderators act from each voice channel's participant list there.
      shown: (['MANAGE_CHANNELS', 'MANAGE_ROLES', 'MUTE_MEMBERS', 'DEAFEN_MEMBERS', 'MOVE_MEMBERS'] as const).some((p) => can(me, p)),
    },
    { id: 'members', label: 'Members', shown: true },
    { id: 'permissions', label: 'Permissions explainer', shown: true },
    { id: 'queue', label: 'Moderation queue', shown: can(me, 'MODERATE_MEMBERS') },
    { id: 'bans', label: 'Bans and invites', shown: can(me, 'BAN_MEMBERS') || can(me, 'MANAGE_SERVER') },
    { id: 'limits', label: 'Rate limits', shown: can(me, 'MANAGE_SERVER') },
    // The API reads the audit log to MANAGE_SERVER only.
    { id: 'audit', label: 'Audit log', shown: can(me, 'MANAGE_SERVER') },
    { id: 'bots', label: 'Bots', shown: can(me, 'MANAGE_SERVER') },
  ].filter((t) => t.shown);
  const current = tabs.some((t) => t.id === tab) ? tab : tabs[0]!.id;

  return (
    <div className="settings-page">
      <header className="settings-header">
        <h1>{server.name} — settings</h1>
        <Link href={`/servers/${server.id}`} className="button ghost">
          Back to the server
        </Link>
      </header>
      <Tabs.Root value={current} onValueChange={setTab} className="settings-tabs">
        <Tabs.List ref={tabList} className="settings-tab-list" aria-label="Settings sections">
          {tabs.map((t) => (
            <Tabs.Trigger key={t.id} value={t.id} className="settings-tab">
              {t.label}
            </Tabs.Trigger>
          ))}
        </Tabs.List>
        <Tabs.Content value="overview">
          <OverviewPanel server={server} me={me} onChanged={reload} />
        </Tabs.Content>
        <Tabs.Content value="roles">
          <RolesPanel server={server} me={me} onChanged={reload} />
        </Tabs.Content>
        <Tabs.Content value="channels">
          <ChannelsPanel server={server} me={me} onChanged={reload} />
        </Tabs.Content>
        <Tabs.Content value="members">
          <MembersPanel server={server} me={me} onChanged={reload} onExplain={explain} />
        </Tabs.Content>
        <Tabs.Content value="permissions">
          <ExplainerPanel key={explained?.user.id} server={server} initialMember={explained} />
        </Tabs.Content>
        <Tabs.Content value="queue">
          <ModerationQueuePanel serverId={server.id} />
        </Tabs.Content>
        <Tabs.Content value="bans">
          <BansInvitesPanel serverId={server.id} me={me} />
        </Tabs.Content>
        <Tabs.Content value="limits">
          <RateLimitsPanel serverId={server.id} />
        </Tabs.Content>
        <Tabs.Content value="audit">
          <AuditPanel serverId={server.id} />
        </Tabs.Content>
        <Tabs.Content value="bots">
          <ServerBots server={server} />
        </Tabs.Content>
      </Tabs.Root>
    </div>
  );
}

/** The same panel as My bots, offering this server only: adding one here needs no detour. */
function ServerBots({ server }: { server: AdminServer }) {
  // Which servers a bot is in may have changed unheard here (a bot kicked): its list is read again.
  useReadQueryAgain(server.id, MyBotsQuery, {});
  return (
    <>
      <BotsPanel targets={[server]} />
      <p className="muted">
        Bots are yours, not the server’s: <Link href="/bots">My bots</Link> lists them all and adds them to any server you manage.
      </p>
    </>
  );
}

/** Scrolls the strip sideways only (never the page) so the active tab is fully in view. */
function revealActiveTab(list: HTMLDivElement | null): void {
  const active = list?.querySelector<HTMLElement>('[data-state="active"]');
  if (!list || !active) return;
  const strip = list.getBoundingClientRect();
  const tab = active.getBoundingClientRect();
  if (tab.left < strip.left) list.scrollLeft -= strip.left - tab.left + 8;
  else if (tab.right > strip.right) list.scrollLeft += tab.right - strip.right + 8;
}
