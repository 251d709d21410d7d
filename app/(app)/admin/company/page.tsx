import type { Metadata } from 'next';
import { describeCompanyPolicy } from '@/lib/admin/describe-company-policy';
import { describeSessionLimits } from '@/lib/admin/set-company-session-limits';
import { requireRecentReauth } from '@/lib/auth/guards';
import { SessionLimitsForm } from './session-limits-form';
import { TwoFactorDialog } from './two-factor-dialog';

export const metadata: Metadata = { title: 'Company · Latchkey' };

const CARD = 'rounded-xl border border-slate-200 bg-white p-6 shadow-sm';

/** Company settings: both sections can weaken sign-in (2FA off, longer sessions), so the admin confirms first. */
export default async function CompanyPage() {
  const { company } = await requireRecentReauth('/admin/company');
  const limits = { idleMinutes: company.sessionIdleMinutes, lifetimeHours: company.sessionLifetimeHours };
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">Company › {company.name}</h1>
      <section className={CARD} aria-labelledby="company-2fa">
        <div className="flex items-start justify-between gap-4">
          <div>
            <h2 id="company-2fa" className="text-lg font-semibold">
              2F Authentication
            </h2>
            <p data-testid="company-2fa-status" className="mt-1 text-sm text-slate-600">
              {company.twoFactorRequired
                ? `On: ${describeCompanyPolicy(company)}.`
                : 'Off: only users who set up an authenticator app themselves use a second factor.'}
            </p>
          </div>
          <TwoFactorDialog
            settings={{
              enabled: company.twoFactorRequired,
              allowTotp: company.allowTotp,
              allowDuo: company.allowDuo,
              integrationKey: company.duoIntegrationKey ?? '',
              apiHost: company.duoApiHost ?? '',
              hasSecretKey: Boolean(company.duoSecretKeyEncrypted),
            }}
          />
        </div>
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
