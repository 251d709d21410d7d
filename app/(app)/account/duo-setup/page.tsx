import Link from 'next/link';
import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/guards';
import { getDb } from '@/lib/db/client';
import { isRecentlyConfirmed } from '@/lib/twofactor/confirm-recent';
import { findDuoEnrollment } from '@/lib/twofactor/start-duo-setup';
import { DuoSetupPanel } from './duo-setup-panel';

export const metadata: Metadata = { title: 'Duo Setup · Latchkey' };

const CARD = 'rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6';

/** Duo Setup, opened in a new tab from Account › Security. Rendering only reads; the start is a POST. */
export default async function DuoSetupPage() {
  const { user, company, session } = await requireUser();
  const db = getDb();
  const [pending, confirmed] = await Promise.all([
    company.allowDuo ? findDuoEnrollment(db, user.id) : null,
    isRecentlyConfirmed(db, session.id),
  ]);
  return (
    <div className="max-w-xl space-y-6">
      <h1 className="text-2xl font-semibold">Duo Setup</h1>
      <section className={CARD} aria-labelledby="duo-setup-title">
        <h2 id="duo-setup-title" className="text-lg font-semibold">
          Use Duo to sign in
        </h2>
        {company.allowDuo ? (
          <>
            <p className="mb-4 mt-1 text-sm text-slate-600">
              Latchkey asks Duo about {user.duoUsername ? `“${user.duoUsername}”` : 'your email address'}. If Duo does
              not know you yet, you activate Duo Mobile on your phone here.
            </p>
            <DuoSetupPanel
              userId={user.id}
              confirmed={confirmed}
              pending={pending && { activationUrl: pending.activationUrl, expiresAt: pending.expiresAt.toISOString() }}
            />
          </>
        ) : (
          <p className="mt-1 text-sm text-slate-700">{company.name} does not use Duo.</p>
        )}
      </section>
      <Link href="/account/security" className="inline-block py-1 text-sm text-indigo-700 hover:underline">
        ← Account › Security
      </Link>
    </div>
  );
}
