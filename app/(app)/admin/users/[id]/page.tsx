import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { Metadata } from 'next';
import { findCompanyUser } from '@/lib/admin/find-company-user';
import { requireCompanyAdmin } from '@/lib/auth/guards';
import { getDb } from '@/lib/db/client';
import { formatDuration } from '@/lib/format-duration';
import { CONSECUTIVE_FAILURES_LIMIT, CONSECUTIVE_FAILURES_WINDOW_MS } from '@/lib/limits';
import { EditUserForm } from './edit-form';
import { resendInviteAction, unlockSignInAction } from './two-factor-actions';
import { StepForm } from './step-form';
import { TwoFactorPanel } from './two-factor-panel';

export const metadata: Metadata = { title: 'Edit user · Latchkey' };

const CARD = 'rounded-xl border border-slate-200 bg-white p-6 shadow-sm';

export default async function EditUserPage({ params }: { params: Promise<{ id: string }> }) {
  const { company, user: admin } = await requireCompanyAdmin();
  const target = await findCompanyUser(getDb(), { companyId: company.id, userId: (await params).id });
  // Another company's user looks exactly like one that does not exist.
  if (!target) notFound();
  const { user } = target;
  return (
    <div className="space-y-8">
      <Link href="/admin/users" className="text-sm text-indigo-700 hover:underline">
        ← Users
      </Link>
      <h1 className="text-2xl font-semibold">{user.name}</h1>
      {!user.passwordHash && (
        <section className={CARD} aria-labelledby="invite-title">
          <h2 id="invite-title" className="text-lg font-semibold">
            Invitation
          </h2>
          <p className="mb-3 mt-1 text-sm text-slate-600">
            {user.name} has not chosen a password yet. A new link replaces the old one.
          </p>
          <StepForm
            action={resendInviteAction}
            userId={user.id}
            label="Send invitation again"
            button="Send invitation again"
            pendingLabel="Sending…"
          />
        </section>
      )}
      <section className={CARD} aria-labelledby="details-title">
        <h2 id="details-title" className="mb-4 text-lg font-semibold">
          Details
        </h2>
        <EditUserForm
          userId={user.id}
          initial={{
            name: user.name,
            email: user.email,
            mobile: user.mobile ?? '',
            role: user.role,
            isApiAccount: user.isApiAccount,
          }}
        />
      </section>
      <section className={CARD} aria-labelledby="configure-title">
        <h2 id="configure-title" className="mb-4 text-lg font-semibold">
          Two-factor authentication
        </h2>
        <TwoFactorPanel target={target} company={company} adminId={admin.id} />
      </section>
      <section className={CARD} aria-labelledby="unlock-title">
        <h2 id="unlock-title" className="text-lg font-semibold">
          Locked out?
        </h2>
        <p className="mb-3 mt-1 text-sm text-slate-600">
          After too many wrong passwords or codes, sign-in pauses (for up to{' '}
          {formatDuration(CONSECUTIVE_FAILURES_WINDOW_MS)} after {CONSECUTIVE_FAILURES_LIMIT} failures in a row).
          Unlocking clears those attempts; it changes no password and no second factor.
        </p>
        <StepForm
          action={unlockSignInAction}
          userId={user.id}
          label="Unlock sign-in"
          button="Unlock sign-in"
          pendingLabel="Unlocking…"
        />
      </section>
    </div>
  );
}
