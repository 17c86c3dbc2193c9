import { SettingsPage } from '@/components/admin/settings-page';

export default async function ServerSettingsPage({ params }: { params: Promise<{ serverId: string }> }) {
  const { serverId } = await params;
  return <SettingsPage serverId={serverId} />;
}
