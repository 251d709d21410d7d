import type { Metadata } from 'next';
import { AuthCard } from '@/components/auth-card';
import { FormMessage } from '@/components/form-message';
import { LoginForm } from '../../login/login-form';

export const metadata: Metadata = { title: 'Sign in · Latchkey' };

/** Where an accepted invitation lands: the sign-in form, with the confirmation above it. */
export default function InvitationAcceptedPage() {
  return (
    <AuthCard title="Sign in" subtitle="Use your email and the password you just chose.">
      <div className="mb-4">
        <FormMessage success="Your password is set. Sign in to start using Latchkey." />
      </div>
      <LoginForm />
    </AuthCard>
  );
}
