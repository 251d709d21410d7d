import Link from 'next/link';
import type { Metadata } from 'next';
import { AuthCard } from '@/components/auth-card';
import { SignupForm } from './signup-form';

export const metadata: Metadata = { title: 'Create an account · Latchkey' };

export default function SignupPage() {
  return (
    <AuthCard
      title="Create your company’s account"
      subtitle="You will be its first admin and can invite your colleagues afterwards."
      footer={
        <>
          Already have an account?{' '}
          <Link href="/login" className="font-medium text-indigo-700 hover:underline">
            Sign in
          </Link>
        </>
      }
    >
      <SignupForm />
    </AuthCard>
  );
}
