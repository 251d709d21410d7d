import type { Metadata } from 'next';
import { companyTwoFactorSettings, describeCompanyStatus } from '@/lib/admin/describe-company-policy';
import { describeSessionLimits } from '@/lib/admin/set-company-session-limits';
import { countTwoFactorImpact, describeTwoFactorImpact } from '@/lib/admin/two-factor-impact';
import { requireRecentReauth } from '@/lib/auth/guards';
import { getDb } from '@/lib/db/client';
import { SessionLimitsForm } from './session-limits-form';
import { TwoFactorSection } from './two-factor-dialog';

export const metadata: Metadata = { title: 'Company · Latchkey' };

const CARD = 'rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6';

/** Company settings: both sections can weaken sign-in (2FA off, longer sessions), so the admin confirms first. */
export default async function CompanyPage() {
  const { company } = await requireRecentReauth('/admin/company', 'company:write');
  const limits = { idleMinutes: company.sessionIdleMinutes, lifetimeHours: company.sessionLifetimeHours };
  // Only needed for the warning of turning it on.
  const impact = company.twoFactorRequired
    ? []
    : describeTwoFactorImpact(await countTwoFactorImpact(getDb(), company.id));
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold [overflow-wrap:anywhere]">Company › {company.name}</h1>
      <section className={CARD} aria-labelledby="company-2fa">
        <TwoFactorSection
          settings={companyTwoFactorSettings(company)}
          status={describeCompanyStatus(company)}
          impact={impact}
        />
      </section>
      <section className={CARD} aria-labelledby="company-sessions">
        <h2 id="company-sessions" className="text-lg font-semibold">
          Sessions
        </h2>
        <p data-testid="company-sessions-status" className="mb-4 mt-1 text-sm text-slate-600">
          {describeSessionLimits(limits)}
        </p>
        <SessionLimitsForm
          initial={{ idleMinutes: String(limits.idleMinutes), lifetimeHours: String(limits.lifetimeHours) }}
        />
      </section>
    </div>
  );
}
