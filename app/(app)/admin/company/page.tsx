import Link from 'next/link';
import type { Metadata } from 'next';
import { companyTwoFactorSettings, describeCompanyStatus } from '@/lib/admin/describe-company-policy';
import { describeSessionLimits } from '@/lib/admin/set-company-session-limits';
import { countTwoFactorImpact, describeTwoFactorImpact } from '@/lib/admin/two-factor-impact';
import { can, requirePermission, requireRecentReauth } from '@/lib/auth/guards';
import { getDb } from '@/lib/db/client';
import { listRoles } from '@/lib/roles/assignable-role';
import { SessionLimitsForm } from './session-limits-form';
import { TwoFactorSection } from './two-factor-dialog';

export const metadata: Metadata = { title: 'Company · Latchkey' };

const CARD = 'rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6';

/**
 * Company settings. Anyone whose role holds company:read reads them; only company:write shows the
 * forms, and both can weaken sign-in (2FA off, longer sessions), so then the admin confirms first.
 */
export default async function CompanyPage() {
  const current = await requirePermission('company:read');
  const { company } = current;
  const canChange = can(current, 'company:write');
  if (canChange) await requireRecentReauth('/admin/company', 'company:write');
  const limits = { idleMinutes: company.sessionIdleMinutes, lifetimeHours: company.sessionLifetimeHours };
  // Only needed for the warning of turning it on.
  const impact =
    !canChange || company.twoFactorRequired
      ? []
      : describeTwoFactorImpact(await countTwoFactorImpact(getDb(), company.id));
  const roles = await listRoles(getDb(), company.id);
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold [overflow-wrap:anywhere]">Company › {company.name}</h1>
      {!canChange && (
        <p className="text-sm text-slate-600" data-testid="company-read-only">
          Your role can see these settings but not change them.
        </p>
      )}
      <section className={CARD} aria-labelledby="company-2fa">
        {canChange ? (
          <TwoFactorSection
            settings={companyTwoFactorSettings(company)}
            status={describeCompanyStatus(company)}
            impact={impact}
          />
        ) : (
          <>
            <h2 id="company-2fa" className="text-lg font-semibold">
              2F Authentication
            </h2>
            <p data-testid="company-2fa-status" className="mt-1 text-sm text-slate-600">
              {describeCompanyStatus(company)}
            </p>
          </>
        )}
      </section>
      <section className={CARD} aria-labelledby="company-sessions">
        <h2 id="company-sessions" className="text-lg font-semibold">
          Sessions
        </h2>
        <p data-testid="company-sessions-status" className={`${canChange ? 'mb-4 ' : ''}mt-1 text-sm text-slate-600`}>
          {describeSessionLimits(limits)}
        </p>
        {canChange && (
          <SessionLimitsForm
            initial={{
              idleMinutes: String(limits.idleMinutes),
              lifetimeHours: String(limits.lifetimeHours),
              trustedBrowserDays: String(company.trustedBrowserDays),
            }}
          />
        )}
      </section>
      <section className={CARD} aria-labelledby="company-roles">
        <h2 id="company-roles" className="text-lg font-semibold">
          Roles
        </h2>
        <p className="mb-3 mt-1 text-sm text-slate-600" data-testid="company-roles-summary">
          {roles.length} roles: {roles.map((r) => r.name).join(', ')}. A role says what its users may do.
        </p>
        <Link
          href="/admin/company/roles"
          className="inline-flex min-h-6 items-center text-sm font-medium text-indigo-700 hover:underline"
        >
          {canChange ? 'Manage roles' : 'See roles'}
        </Link>
      </section>
    </div>
  );
}
