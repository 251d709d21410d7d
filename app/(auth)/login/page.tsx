import Link from 'next/link';
import { redirect } from 'next/navigation';
import type { Metadata } from 'next';
import { AuthCard } from '@/components/auth-card';
import { getCurrentSession } from '@/lib/auth/guards';
import { LoginForm } from './login-form';

export const metadata: Metadata = { title: 'Sign in · Latchkey' };

export default async function LoginPage() {
  if (await getCurrentSession()) redirect('/');
  return (
    <AuthCard
      title="Sign in"
      subtitle="Use the email or username and password of your Latchkey account."
      footer={
        <>
          New to Latchkey?{' '}
          <Link href="/signup" className="font-medium text-indigo-700 hover:underline">
            Create an account for your company
          </Link>
        </>
      }
    >
      <LoginForm />
    </AuthCard>
  );
}
