import { HomeView } from '@/components/app/home-view';

export default function HomePage() {
  return <HomeView />;
}
