import { InvitePage } from '@/components/invite/invite-page';

export default async function InviteRoute({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  return <InvitePage code={code} />;
}
