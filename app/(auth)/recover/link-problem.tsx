import Link from 'next/link';
import { AuthCard } from '@/components/auth-card';

/** An emailed link that can no longer do its job: say why and where to go. */
export function LinkProblem({ message }: { message: string }) {
  return (
    <AuthCard title="This link can’t be used" subtitle={<span data-testid="link-problem">{message}</span>}>
      <Link href="/login" className="font-medium text-indigo-700 hover:underline">
        Go to sign-in
      </Link>
    </AuthCard>
  );
}
