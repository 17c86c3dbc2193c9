import { SessionGate } from '@/components/session/session-gate';

export default function HomePage() {
  return <SessionGate />;
}
