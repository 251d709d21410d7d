import { confirmPath } from '@/lib/admin/return-path';
import { getDb } from '@/lib/db/client';
import { listWaitingRecoveryRequests } from '@/lib/recovery/list-recovery-requests';
import { RecoveryRequestList } from './recovery-request-list';

const formatTime = (d: Date) =>
  `${d.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })} UTC`;

/**
 * Users who lost their second factor and passed both checks (security answer and email link).
 * Only an admin's "Reset 2FA", after checking who they are talking to, removes a factor.
 * Render it on an admin-only page: `companyId` must come from the admin's session. Without a recent
 * confirmation (`confirmed`), the Reset 2FA buttons give way to a link to the confirm page.
 */
export async function RecoveryRequests({ companyId, confirmed }: { companyId: string; confirmed: boolean }) {
  const requests = await listWaitingRecoveryRequests(getDb(), { companyId });
  const rows = requests.map((r) => ({
    id: r.id,
    name: r.user.name,
    email: r.user.email,
    answerAt: formatTime(r.answerVerifiedAt),
    emailAt: r.emailVerifiedAt ? formatTime(r.emailVerifiedAt) : null,
    expiresAt: formatTime(r.expiresAt),
    ip: r.ip,
  }));
  return (
    <section
      className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6"
      aria-labelledby="recovery-requests-title"
    >
      <h2 id="recovery-requests-title" className="text-lg font-semibold">
        Recovery requests
      </h2>
      <p className="mb-4 mt-1 text-sm text-slate-600">
        Before you reset someone’s two-factor authentication, make sure it is really them: call them on a number you
        already know, or meet in person. A correct answer and email alone are not proof.
      </p>
      <RecoveryRequestList rows={rows} confirmHref={confirmed ? null : confirmPath('/admin/users')} />
    </section>
  );
}
