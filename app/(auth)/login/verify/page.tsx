import Link from 'next/link';
import type { Metadata } from 'next';
import { AuthCard } from '@/components/auth-card';
import { readChallengeCookie } from '@/lib/auth/challenge-cookie';
import { getDb } from '@/lib/db/client';
import { findOpenChallenge } from '@/lib/sessions/verify-challenge';
import { VerifyForm } from './verify-form';

export const metadata: Metadata = { title: 'Two-factor check · Latchkey' };

const LINK = 'font-medium text-indigo-700 hover:underline';

export default async function VerifyPage({ searchParams }: { searchParams: Promise<{ method?: string }> }) {
  const token = await readChallengeCookie();
  const open = token ? await findOpenChallenge(getDb(), token) : null;
  if (!open) {
    return (
      <AuthCard title="Sign in again" subtitle="This sign-in has expired or was already completed.">
        <Link href="/login" className={LINK}>
          Go to sign-in
        </Link>
      </AuthCard>
    );
  }
  const method = (await searchParams).method === 'backup' ? 'backup' : 'totp';
  return (
    <AuthCard
      title="Two-factor authentication"
      subtitle={
        method === 'totp'
          ? 'Enter the 6-digit code from your authenticator app.'
          : 'Enter one of your backup codes. Each code works once.'
      }
      footer={
        method === 'totp' ? (
          <Link href="/login/verify?method=backup" className={LINK}>
            Use Backup Code
          </Link>
        ) : (
          <Link href="/login/verify" className={LINK}>
            Use your authenticator app instead
          </Link>
        )
      }
    >
      <VerifyForm key={method} method={method} />
    </AuthCard>
  );
}
