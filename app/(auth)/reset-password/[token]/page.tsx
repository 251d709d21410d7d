import Link from 'next/link';
import type { Metadata } from 'next';
import { AuthCard } from '@/components/auth-card';
import { findPasswordReset } from '@/lib/accounts/reset-password';
import { getDb } from '@/lib/db/client';
import { loadPage } from '@/lib/auth/load-page';
import { formatDuration } from '@/lib/format-duration';
import { PASSWORD_RESET_LIFETIME_MS } from '@/lib/limits';
import { ResetForm } from './reset-form';

export const metadata: Metadata = { title: 'Choose a new password · Latchkey', referrer: 'no-referrer' };

/** Opening the link changes nothing; only submitting the form uses it. */
export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const user = await loadPage(() => findPasswordReset(getDb(), token));
  if (!user) {
    return (
      <AuthCard
        title="This link no longer works"
        subtitle={`Reset links work once, for ${formatDuration(PASSWORD_RESET_LIFETIME_MS)}.`}
      >
        <Link href="/forgot-password" className="font-medium text-indigo-700 hover:underline">
          Ask for a new link
        </Link>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Choose a new password" subtitle={`For ${user.email}. You will be signed out everywhere.`}>
      <ResetForm token={token} email={user.email} />
    </AuthCard>
  );
}
