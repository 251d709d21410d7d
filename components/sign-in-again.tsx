import Link from 'next/link';
import { AuthCard } from './auth-card';

/** Where a sign-in step ends when its challenge is gone: one clear way back. */
export function SignInAgain({ subtitle }: { subtitle: string }) {
  return (
    <AuthCard title="Sign in again" subtitle={subtitle}>
      <Link href="/login" className="font-medium text-indigo-700 hover:underline">
        Go to sign-in
      </Link>
    </AuthCard>
  );
}
