import type { Metadata } from 'next';
import { can, getCurrentTwoFactorStatus, requireUser } from '@/lib/auth/guards';
import { TwoFactorSuggestion } from '@/components/two-factor-suggestion';

export const metadata: Metadata = { title: 'Home · Latchkey' };

export default async function HomePage() {
  const current = await requireUser();
  const { user, company } = current;
  const status = await getCurrentTwoFactorStatus(user.id);
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">Welcome, {user.name}</h1>
        <p className="text-slate-600">You are signed in to {company.name}.</p>
      </div>
      <TwoFactorSuggestion
        user={user}
        company={company}
        status={status}
        canConfigureCompany={can(current, 'company:write')}
      />
    </div>
  );
}
