import { DiscoverView } from '@/components/servers/discover-view';

export default function DiscoverPage() {
  return <DiscoverView />;
}
