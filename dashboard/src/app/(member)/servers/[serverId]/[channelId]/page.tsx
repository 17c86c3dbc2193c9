import { ChannelPage } from '@/components/chat/channel-page';

export default async function ChannelRoute({ params }: { params: Promise<{ serverId: string; channelId: string }> }) {
  const { serverId, channelId } = await params;
  return <ChannelPage key={channelId} serverId={serverId} channelId={channelId} />;
}
