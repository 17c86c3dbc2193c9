import { ServerRail, useServerMarks } from '@/components/servers/server-rail';

type RailProps = Parameters<typeof ServerRail>[0];

/** The rail with its marks from useServerMarks, as the member shell puts them together. */
export function MarkedRail({
  servers,
  selectedId,
  readingChannelId,
}: Pick<RailProps, 'servers' | 'selectedId'> & { readingChannelId?: string }) {
  const marks = useServerMarks(servers, selectedId, readingChannelId);
  return <ServerRail servers={servers} marks={marks} selectedId={selectedId} />;
}
