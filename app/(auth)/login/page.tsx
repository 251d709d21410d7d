import Link from 'next/link';
import { redirect } from 'next/navigation';
import type { Metadata } from 'next';
import { AuthCard } from '@/components/auth-card';
import { FormMessage } from '@/components/form-message';
import { getCurrentSession } from '@/lib/auth/guards';
import type { SessionEnd } from '@/lib/sessions/sessions';
import { LoginForm } from './login-form';

export const metadata: Metadata = { title: 'Sign in · Latchkey' };

const NOTICES: Record<string, string> = {
  'password-reset': 'Your password is changed. Sign in with the new one.',
};

/** Why the last session ended, when the app sent the user here because of it. */
const ENDED: Record<SessionEnd, string> = {
  idle: 'You were signed out after a while without activity, to protect your account. Sign in again to continue.',
  expired: 'Your session reached the time limit your company sets. Sign in again to continue.',
  ended: 'You were signed out: your session was ended on another device or after a security change. Sign in again.',
};

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ notice?: string; ended?: string }>;
}) {
  if (await getCurrentSession()) redirect('/');
  const search = await searchParams;
  const notice = search.notice && NOTICES[search.notice] ? NOTICES[search.notice] : ENDED[search.ended as SessionEnd];
  return (
    <AuthCard
      title="Sign in"
      subtitle="Use the email or username and password of your Latchkey account."
      footer={
        <>
          <p className="mb-2">
            <Link href="/forgot-password" className="font-medium text-indigo-700 hover:underline">
              Forgot your password?
            </Link>
          </p>
          <p>
            New to Latchkey?{' '}
            <Link href="/signup" className="font-medium text-indigo-700 hover:underline">
              Create an account for your company
            </Link>
          </p>
        </>
      }
    >
      {notice && (
        <div className="mb-4">
          <FormMessage success={notice} />
        </div>
      )}
      <LoginForm />
    </AuthCard>
  );
}
