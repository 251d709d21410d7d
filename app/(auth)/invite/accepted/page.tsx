import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { AuthCard } from '@/components/auth-card';
import { FormMessage } from '@/components/form-message';
import { LoginForm } from '../../login/login-form';

export const metadata: Metadata = { title: 'Sign in · Latchkey' };

/** Where an accepted invitation lands: the sign-in form, with the address filled in and the confirmation above it. */
export default async function InvitationAcceptedPage() {
  const email = (await cookies()).get('lk_invited')?.value;
  return (
    <AuthCard title="Sign in" subtitle="Use your email and the password you just chose.">
      <div className="mb-4">
        <FormMessage success="Your password is set. Sign in to start using Latchkey." />
      </div>
      <LoginForm identifier={email} />
    </AuthCard>
  );
}
