import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { Metadata } from 'next';
import { findCompanyUser } from '@/lib/admin/find-company-user';
import { findPendingEmailChange } from '@/lib/admin/pending-email-change';
import { can, requirePermission, requireRecentReauth } from '@/lib/auth/guards';
import { getDb } from '@/lib/db/client';
import type { User } from '@/lib/db/schema';
import { formatDuration } from '@/lib/format-duration';
import { CONSECUTIVE_FAILURES_LIMIT, CONSECUTIVE_FAILURES_WINDOW_MS } from '@/lib/limits';
import { findDuoEnrollment } from '@/lib/twofactor/start-duo-setup';
import { listRoles, roleOptions } from '@/lib/roles/assignable-role';
import type { Permission } from '@/lib/roles/permissions';
import { AccessPanel } from './access-panel';
import { hasPermission } from '@/lib/roles/permissions';
import { ApiAccountPanel } from './api-account-panel';
import { EditUserForm } from './edit-form';
import { cancelEmailChangeAction, resendInviteAction, unlockSignInAction } from './two-factor-actions';
import { StepForm } from './step-form';
import { TwoFactorPanel } from './two-factor-panel';
import { AdminPasskeysList } from './passkeys-list';

export const metadata: Metadata = { title: 'Edit user · Latchkey' };

const CARD = 'rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6';
/** The permissions that let a viewer change something on a user's page; with none of them it only reads. */
const CHANGING: Permission[] = ['users:write', 'users:2fa', 'api-keys:manage'];
const when = (d: Date) =>
  `${d.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })} UTC`;

export default async function EditUserPage({ params }: { params: Promise<{ id: string }> }) {
  const current = await requirePermission('users:read');
  const { company, user: admin, role } = current;
  const target = await findCompanyUser(getDb(), { companyId: company.id, userId: (await params).id });
  // Another company's user looks exactly like one that does not exist.
  if (!target) notFound();
  const { user } = target;
  // The admin's own page changes nothing (see SELF_SERVICE_ONLY); on every other one a viewer who
  // may change something changes who can sign in, so they confirm it's them first. Each part below
  // shows only with its permission, and each action checks it again.
  const self = user.id === admin.id;
  const mayEdit = can(current, 'users:write');
  const mayTwoFactor = can(current, 'users:2fa');
  const changing = CHANGING.find((p) => can(current, p));
  if (!self && changing) await requireRecentReauth(`/admin/users/${user.id}`, changing);
  const pendingEmail = self || !mayEdit ? null : await findPendingEmailChange(getDb(), user.id);
  const duoPending = self || !mayTwoFactor || !company.allowDuo ? null : await findDuoEnrollment(getDb(), user.id);
  const roles = self || !mayEdit ? [] : await roleOptions(getDb(), company.id, role.permissions);
  const roleName = mayEdit ? null : (await listRoles(getDb(), company.id)).find((r) => r.id === user.roleId)?.name;
  return (
    <div className="space-y-8">
      <Link href="/admin/users" className="inline-block py-1 text-sm text-indigo-700 hover:underline">
        ← Users
      </Link>
      <h1 className="text-2xl font-semibold">{user.name}</h1>
      {self && (
        <p
          data-testid="own-account-note"
          id="own-account-note"
          className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900"
        >
          This is your own account. Admins don’t change their own account from the admin screens: use{' '}
          <Link href="/account/security" className="font-semibold underline">
            Account › Security
          </Link>
          , where your password is asked again. For your email, role or API setting, ask another admin.
        </p>
      )}
      {!user.passwordHash && mayEdit && (
        <section className={CARD} aria-labelledby="invite-title">
          <h2 id="invite-title" className="text-lg font-semibold">
            Invitation
          </h2>
          <p className="mb-3 mt-1 text-sm text-slate-600">
            {user.name} has not chosen a password yet. A new link replaces the old one.
          </p>
          <StepForm
            action={resendInviteAction}
            userId={user.id}
            label="Send invitation again"
            button="Send invitation again"
            pendingLabel="Sending…"
          />
        </section>
      )}
      <fieldset
        disabled={self}
        aria-describedby={self ? 'own-account-note' : undefined}
        className="m-0 min-w-0 space-y-8 border-0 p-0 [&_:is(input,select):disabled]:cursor-not-allowed [&_:is(input,select):disabled]:bg-slate-100 [&_:is(input,select):disabled]:text-slate-500"
      >
        <section className={CARD} aria-labelledby="details-title">
          <h2 id="details-title" className="mb-4 text-lg font-semibold">
            Details
          </h2>
          {mayEdit ? (
            <EditUserForm
              userId={user.id}
              roles={roles}
              initial={{
                name: user.name,
                email: user.email,
                mobile: user.mobile ?? '',
                role: user.roleId,
              }}
            />
          ) : (
            <UserDetails user={user} roleName={roleName ?? '—'} />
          )}
          {pendingEmail && (
            <div className="mt-6 space-y-3 border-t border-slate-200 pt-4" data-testid="pending-email-change">
              <p className="text-sm text-slate-700">
                Email change waiting for confirmation: <strong>{pendingEmail.newEmail}</strong> (link valid until{' '}
                {when(pendingEmail.expiresAt)}). Until someone opens it, {user.name} signs in with {user.email}.
              </p>
              <StepForm
                action={cancelEmailChangeAction}
                userId={user.id}
                label="Cancel email change"
                button="Cancel email change"
              />
            </div>
          )}
        </section>
        {hasPermission(role.permissions, 'api-keys:manage') && (
          <ApiAccountPanel user={user} held={role.permissions} readOnly={self} />
        )}
        <section className={CARD} aria-labelledby="configure-title">
          <h2 id="configure-title" className="mb-4 text-lg font-semibold">
            Two-factor authentication
          </h2>
          <TwoFactorPanel
            target={target}
            company={company}
            adminId={admin.id}
            readOnly={self}
            describeOnly={!mayTwoFactor}
            duoPending={duoPending}
          />
          <AdminPasskeysList userId={user.id} allowed={company.allowPasskeys} />
        </section>
        {mayTwoFactor && (
          <section className={CARD} aria-labelledby="unlock-title">
            <h2 id="unlock-title" className="text-lg font-semibold">
              Locked out?
            </h2>
            <p className="mb-3 mt-1 text-sm text-slate-600">
              After too many wrong passwords or codes, sign-in pauses (for up to{' '}
              {formatDuration(CONSECUTIVE_FAILURES_WINDOW_MS)} after {CONSECUTIVE_FAILURES_LIMIT} failures in a row).
              Unlocking clears those attempts; it changes no password and no second factor.
            </p>
            <StepForm
              action={unlockSignInAction}
              userId={user.id}
              label="Unlock sign-in"
              button="Unlock sign-in"
              pendingLabel="Unlocking…"
            />
          </section>
        )}
        <AccessPanel user={user} />
      </fieldset>
    </div>
  );
}

/** A user's details for a viewer who may not edit them (no users:write). */
function UserDetails({ user, roleName }: { user: User; roleName: string }) {
  const rows = [
    ['Name', user.name],
    ['Email', user.email],
    ['Mobile', user.mobile ?? 'None'],
    ['Role', roleName],
    ['API Account', user.isApiAccount ? 'Yes' : 'No'],
  ];
  return (
    <dl className="grid max-w-md grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm" data-testid="user-details">
      {rows.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="text-slate-600">{term}</dt>
          <dd className="break-words text-slate-900">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
