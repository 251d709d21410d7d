import Link from 'next/link';
import type { Metadata } from 'next';
import { AuthCard } from '@/components/auth-card';
import { formatDuration } from '@/lib/format-duration';
import { SIGNUP_LINK_LIFETIME_MS } from '@/lib/limits';
import { SignupForm } from './signup-form';

export const metadata: Metadata = { title: 'Create an account · Latchkey' };

export default function SignupPage() {
  return (
    <AuthCard
      title="Create your company’s account"
      subtitle="You will be its first admin and can invite your colleagues afterwards. First we email you a link to confirm your address."
      footer={
        <>
          Already have an account?{' '}
          <Link href="/login" className="font-medium text-indigo-700 hover:underline">
            Sign in
          </Link>
        </>
      }
    >
      <SignupForm linkLifetime={formatDuration(SIGNUP_LINK_LIFETIME_MS)} />
    </AuthCard>
  );
}
