import Link from 'next/link';
import type { Metadata } from 'next';
import { AuthCard } from '@/components/auth-card';
import { ForgotForm } from './forgot-form';

export const metadata: Metadata = { title: 'Forgot password · Latchkey' };

export default function ForgotPasswordPage() {
  return (
    <AuthCard
      title="Forgot your password?"
      subtitle="We’ll email you a link to choose a new one. Your second factor is still asked for when you sign in."
      footer={
        <Link href="/login" className="font-medium text-indigo-700 hover:underline">
          Back to sign-in
        </Link>
      }
    >
      <ForgotForm />
    </AuthCard>
  );
}
