import { alias } from 'drizzle-orm/pg-core';
import { desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { auditEvents, users } from '../db/schema';
import { ACTIVITY_PAGE_SIZE } from '../limits';

/** What each event type means, for people. Unknown types are shown as they are. */
export const EVENT_LABELS: Record<string, string> = {
  'account.created': 'Created the company account',
  'auth.second_factor_passed': 'Passed a second factor',
  'session.created': 'Signed in',
  'session.ended_by_user': 'Signed out of other sessions',
  'password.changed': 'Changed their password',
  '2fa.enabled': 'Turned on an authenticator app',
  '2fa.disabled': 'Turned off two-factor authentication',
  '2fa.backup_codes_regenerated': 'Created new backup codes',
  '2fa.preferred_method_changed': 'Changed their preferred method',
  '2fa.company_policy_changed': 'Changed the company’s 2F Authentication settings',
  '2fa.enabled_by_admin': 'Set up an authenticator app for a user',
  '2fa.method_set_by_admin': 'Set a user’s sign-in method',
  '2fa.reset_by_admin': 'Reset a user’s two-factor authentication',
  '2fa.setup_started_by_admin': 'Started authenticator setup for a user',
  '2fa.setup_cancelled_by_admin': 'Cancelled authenticator setup for a user',
  'security_question.set': 'Set a security question',
  'otp.delivery_failed': 'A sign-in code could not be sent',
  'email.failed': 'An email could not be sent',
  'user.invited': 'Invited a user',
  'user.reinvited': 'Sent an invitation again',
  'invitation.accepted': 'Accepted an invitation',
  'user.updated': 'Edited a user',
  'user.sign_in_unlocked': 'Unlocked a user’s sign-in',
  'password.reset_requested': 'Asked for a password reset link',
  'password.reset': 'Reset their password by email',
  'recovery.answer_failed': 'Gave a wrong security answer',
  'recovery.started': 'Started account recovery',
  'recovery.email_confirmed': 'Confirmed account recovery by email',
  'recovery.cancelled': 'Cancelled account recovery',
  'recovery.approved': 'Approved account recovery',
  'session.reauthenticated': 'Confirmed it’s them for the admin screens',
  'company.session_limits_changed': 'Changed how long sessions last',
  'user.email_changed': 'Changed a user’s email (the new address confirmed it)',
  'user.email_change_cancelled': 'Cancelled a user’s email change',
};

export type ActivityRow = {
  id: number;
  type: string;
  createdAt: Date;
  ip: string | null;
  actor: string | null;
  target: string | null;
  detail: Record<string, unknown>;
};

/** The newest security events of one company, with who did it and to whom, in one query. */
export async function listCompanyEvents(db: DbOrTx, companyId: string): Promise<ActivityRow[]> {
  const actor = alias(users, 'actor');
  const target = alias(users, 'target');
  return db
    .select({
      id: auditEvents.id,
      type: auditEvents.type,
      createdAt: auditEvents.createdAt,
      ip: auditEvents.ip,
      actor: actor.email,
      target: target.email,
      detail: auditEvents.detail,
    })
    .from(auditEvents)
    .leftJoin(actor, eq(actor.id, auditEvents.actorUserId))
    .leftJoin(target, eq(target.id, auditEvents.targetUserId))
    .where(eq(auditEvents.companyId, companyId))
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .limit(ACTIVITY_PAGE_SIZE);
}

type PolicySummary = { required?: boolean; totp?: boolean; duo?: boolean };
const METHOD_NAMES: Record<string, string> = {
  totp: 'authenticator app',
  backup: 'backup code',
  otp: 'SMS/email code',
  duo: 'Duo',
};

function describePolicy(p: PolicySummary | undefined): string {
  if (!p?.required) return 'Off';
  return `On (${['SMS/Email', p.totp && 'TOTP', p.duo && 'Duo'].filter(Boolean).join(', ')})`;
}

/** The part of an event's detail a person needs: "Off → On (SMS/Email, TOTP)", "backup code"… */
export function describeEventDetail(type: string, detail: Record<string, unknown>): string {
  if (type === '2fa.company_policy_changed') {
    return `${describePolicy(detail.before as PolicySummary)} → ${describePolicy(detail.after as PolicySummary)}`;
  }
  if (typeof detail.method === 'string') return METHOD_NAMES[detail.method] ?? detail.method;
  if (Array.isArray(detail.changed))
    return detail.changed.length > 0 ? `changed: ${detail.changed.join(', ')}` : 'no changes';
  if (typeof detail.count === 'number') return `${detail.count} session${detail.count === 1 ? '' : 's'}`;
  if (typeof detail.reason === 'string') return detail.reason;
  if (typeof detail.channel === 'string') return detail.channel === 'sms' ? 'by SMS' : 'by email';
  return '';
}
