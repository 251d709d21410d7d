import type { Metadata } from 'next';
import { requireCompanyAdmin } from '@/lib/auth/guards';
import { RecoveryRequests } from '../users/recovery-requests';

export const metadata: Metadata = { title: 'Recovery requests · Latchkey' };

/** Admin-only: the recovery requests on their own, until the Users page renders them too. */
export default async function RecoveryPage() {
  const { company } = await requireCompanyAdmin();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Account recovery</h1>
      <RecoveryRequests companyId={company.id} />
    </div>
  );
}
