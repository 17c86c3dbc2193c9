import { MyBotsPage } from '@/components/bots/my-bots-page';

export default function BotsPage() {
  return <MyBotsPage />;
}
