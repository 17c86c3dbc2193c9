import { ServerHome } from '@/components/channels/server-home';

export default async function ServerPage({ params }: { params: Promise<{ serverId: string }> }) {
  const { serverId } = await params;
  return <ServerHome serverId={serverId} />;
}
