import Link from 'next/link';
import { redirect } from 'next/navigation';
import type { Metadata } from 'next';
import { AuthCard } from '@/components/auth-card';
import { FormMessage } from '@/components/form-message';
import { getCurrentSession } from '@/lib/auth/guards';
import { LoginForm } from './login-form';

export const metadata: Metadata = { title: 'Sign in · Latchkey' };

const NOTICES: Record<string, string> = {
  'password-reset': 'Your password is changed. Sign in with the new one.',
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ notice?: string }> }) {
  if (await getCurrentSession()) redirect('/');
  const { notice } = await searchParams;
  return (
    <AuthCard
      title="Sign in"
      subtitle="Use the email or username and password of your Latchkey account."
      footer={
        <>
          <Link href="/forgot-password" className="mb-3 block font-medium text-indigo-700 hover:underline">
            Forgot your password?
          </Link>
          New to Latchkey?{' '}
          <Link href="/signup" className="font-medium text-indigo-700 hover:underline">
            Create an account for your company
          </Link>
        </>
      }
    >
      {notice && NOTICES[notice] && (
        <div className="mb-4">
          <FormMessage success={NOTICES[notice]} />
        </div>
      )}
      <LoginForm />
    </AuthCard>
  );
}
