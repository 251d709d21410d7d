/** One Activity row in the words the admin reads (docs/GLOSSARY.md): no internal names, no raw addresses. */
export type EventDescription = { what: string; detail: string; by: string; subject: string; address: string };

type EventInput = {
  type: string;
  actor: string | null;
  target: string | null;
  /** Who the actor and target were once they were deleted (their ids, and so `actor`/`target`, are null). */
  actorLabel?: string | null;
  targetLabel?: string | null;
  ip: string | null;
  detail: Record<string, unknown>;
};

type Rule = { what: string; detail?: (d: Record<string, unknown>) => string; by?: 'latchkey' | 'anonymous' };

/** Written by Latchkey itself (a provider refused a message): nobody "did" it, least of all the recipient. */
const LATCHKEY = 'Latchkey (automatic)';
/** Written before anyone signed in (a reset or recovery asked for from the sign-in pages). */
const ANONYMOUS = 'Someone not signed in';

const METHODS: Record<string, string> = {
  trusted_browser: 'Trusted browser (second factor not asked)',
  totp: 'Authenticator app',
  backup: 'Backup code',
  otp: 'Sign-in code by SMS/Email',
  duo: 'Duo',
  passkey: 'Passkey or security key',
  password: 'Password',
  recovery: 'Approved account recovery (no second factor, once)',
};
const method = (d: Record<string, unknown>) => (typeof d.method === 'string' ? (METHODS[d.method] ?? '') : '');
const withMethod = (d: Record<string, unknown>) => (method(d) ? `With: ${method(d).toLowerCase()}` : '');

/** Duo's own words for a decision, and its transaction id: "Login request denied. (push, txid …)". */
const duoWords = (d: Record<string, unknown>) =>
  [typeof d.statusMsg === 'string' ? d.statusMsg : '', typeof d.factor === 'string' ? `(${d.factor})` : '']
    .filter(Boolean)
    .join(' ');

type PolicySummary = {
  required?: boolean;
  totp?: boolean;
  duo?: boolean;
  enforcedFrom?: string | null;
  strongMethodsOnly?: boolean;
};
function policy(p: PolicySummary | undefined): string {
  if (!p?.required) return 'Off';
  const from = p.enforcedFrom ? ` from ${p.enforcedFrom.slice(0, 16).replace('T', ' ')} UTC` : '';
  const strong = p.strongMethodsOnly ? ', strong methods only' : '';
  return `On${from} (${['SMS/Email', p.totp && 'authenticator app', p.duo && 'Duo'].filter(Boolean).join(', ')}${strong})`;
}

/**
 * The role a user was given. Rows written before roles per company hold 'admin' or 'member'; newer
 * ones hold the role's name as it was then ("Administrator", or a custom role's name).
 */
/** user.updated: `changed` holds field keys; `to` (newer rows) says what the role and API flag became. */
function userChanges(d: Record<string, unknown>): string {
  const changed = Array.isArray(d.changed) ? (d.changed as string[]) : [];
  const to = (d.to ?? {}) as { role?: string; isApiAccount?: boolean };
  const words = changed.map((key) => {
    if (key === 'name') return 'changed the name';
    if (key === 'mobile') return 'changed the mobile number';
    if (key === 'role') return to.role ? roleGiven(to.role) : 'changed the role';
    if (key === 'isApiAccount')
      return to.isApiAccount === undefined
        ? 'changed the API Account setting'
        : to.isApiAccount
          ? 'marked as API Account'
          : 'no longer an API Account';
    if (key.startsWith('email')) return 'asked to change the email (waits for the new address to confirm)';
    return 'changed other details';
  });
  return words.length === 0 ? 'No changes' : capitalize(words.join('; '));
}

/** The words of user.updated for a role: rows written before custom roles said 'admin' or 'member'. */
function roleGiven(role: string): string {
  if (role === 'admin') return 'made an admin';
  if (role === 'member') return 'made a member';
  return `gave the role “${role}”`;
}

/** role.*: the role's name, and what its permissions became (their words are kept in the row). */
const words = (list: unknown) =>
  Array.isArray(list) && list.length > 0 ? (list as string[]).join(', ').toLowerCase() : '';
const roleName = (d: Record<string, unknown>) => (typeof d.name === 'string' ? `“${d.name}”` : 'A role');
function roleCreated(d: Record<string, unknown>): string {
  return `${roleName(d)}: ${words(d.granted) || 'their own account only'}`;
}
function roleChanges(d: Record<string, unknown>): string {
  const parts = [
    typeof d.renamedFrom === 'string' ? `renamed from “${d.renamedFrom}”` : '',
    words(d.added) && `added ${words(d.added)}`,
    words(d.removed) && `removed ${words(d.removed)}`,
  ].filter(Boolean);
  return parts.length === 0 ? roleName(d) : `${roleName(d)}: ${parts.join('; ')}`;
}

/** company.session_limits_changed: "idle 30 → 60 minutes", "length 12 → 12 hours"; only what moved. */
function limitChanges(d: Record<string, unknown>): string {
  const changed = Array.isArray(d.changed) ? (d.changed as string[]) : [];
  const words = changed.flatMap((entry) => {
    const m = /^(idle|length) (\d+) → (\d+) (minutes|hours)$/.exec(entry);
    if (!m) return [];
    if (m[2] === m[3]) return [];
    return [`${m[1] === 'idle' ? 'idle timeout' : 'maximum session length'} ${m[2]} → ${m[3]} ${m[4]}`];
  });
  return words.length === 0 ? 'No changes' : capitalize(words.join('; '));
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const quoted = (d: Record<string, unknown>) =>
  d.subject === 'invitation' ? 'The invitation' : typeof d.subject === 'string' ? `“${d.subject}”` : '';

const keyCount = (n: number) => `${n} API key${n === 1 ? '' : 's'}`;
/** An allow-list as Activity shows it: "Any address" when empty. */
const ranges = (list: unknown) =>
  Array.isArray(list) && list.length > 0 ? list.map(String).join(', ') : 'Any address';
/** “Nightly export” (lk_AbCdEfGh…): the name and the shown prefix, never the key. */
const keyName = (d: Record<string, unknown>) =>
  [typeof d.name === 'string' ? `“${d.name}”` : '', typeof d.prefix === 'string' ? `(${d.prefix}…)` : '']
    .filter(Boolean)
    .join(' ');
const expiry = (d: Record<string, unknown>) =>
  typeof d.expiresAt === 'string'
    ? `, expires ${new Date(d.expiresAt).toLocaleDateString('en-GB', { dateStyle: 'medium', timeZone: 'UTC' })}`
    : ', never expires';

/** Every event type the code writes; the test checks the code for types missing here. */
export const EVENT_RULES: Record<string, Rule> = {
  'account.created': { what: 'Created the company account' },
  'session.created': {
    what: 'Signed in',
    detail: (d) => (d.secondFactor ? withMethod(d) || 'With a second factor' : 'With the password only'),
  },
  'auth.second_factor_passed': { what: 'Passed two-factor authentication', detail: withMethod },
  'auth.duo_refused': { what: 'Was refused by Duo at sign-in', detail: duoWords },
  'auth.duo_fraud': { what: 'Reported a Duo Push as fraud at sign-in', detail: duoWords },
  'auth.duo_unavailable': { what: 'Could not use Duo at sign-in (Duo did not answer)', detail: duoWords },
  'session.ended_by_user': {
    what: 'Signed out of their other sessions',
    detail: (d) => (typeof d.count === 'number' ? `${d.count} session${d.count === 1 ? '' : 's'} ended` : ''),
  },
  'session.reauthenticated': { what: 'Confirmed it’s them for sensitive changes', detail: withMethod },
  'password.changed': { what: 'Changed their password' },
  'password.reset_requested': { what: 'Asked for a password reset link', by: 'anonymous' },
  'password.reset': { what: 'Reset their password from the email link' },
  '2fa.enabled': { what: 'Enabled an authenticator app' },
  '2fa.disabled': { what: 'Disabled two-factor authentication' },
  '2fa.backup_codes_regenerated': { what: 'Created new backup codes' },
  '2fa.preferred_method_changed': { what: 'Changed their preferred method', detail: (d) => method(d) },
  '2fa.company_policy_changed': {
    what: 'Changed two-factor authentication for the company',
    detail: (d) => `${policy(d.before as PolicySummary)} → ${policy(d.after as PolicySummary)}`,
  },
  '2fa.setup_started_by_admin': { what: 'Started setting up an authenticator app for a user' },
  '2fa.setup_cancelled_by_admin': { what: 'Cancelled setting up an authenticator app for a user' },
  '2fa.enabled_by_admin': { what: 'Set up an authenticator app for a user' },
  '2fa.duo_setup_started': { what: 'Started Duo Setup (a phone to activate in Duo Mobile)' },
  '2fa.duo_setup_completed': {
    what: 'Finished Duo Setup: Duo is the preferred method',
    detail: (d) => (d.how === 'activated' ? 'Phone activated in Duo Mobile' : 'Duo already knew the user'),
  },
  'user.duo_username_set': {
    what: 'Set a user’s Duo username',
    detail: (d) => (d.to ? `Duo knows them as ${String(d.to)}` : 'Duo knows them by their email'),
  },
  '2fa.method_set_by_admin': { what: 'Chose a user’s sign-in method', detail: (d) => method(d) },
  '2fa.reset_by_admin': {
    what: 'Reset a user’s two-factor authentication',
    detail: (d) => (typeof d.reason === 'string' && d.reason ? `Reason: ${d.reason}` : ''),
  },
  'security_question.set': { what: 'Set their security question' },
  'otp.delivery_failed': {
    what: 'A sign-in code could not be sent',
    detail: (d) => (d.channel === 'sms' ? 'By SMS' : d.channel === 'email' ? 'By email' : ''),
    by: 'latchkey',
  },
  'email.failed': { what: 'An email could not be sent', detail: quoted, by: 'latchkey' },
  'user.invited': {
    what: 'Invited a user',
    detail: (d) =>
      d.role === 'admin'
        ? 'As an admin'
        : d.role === 'member'
          ? 'As a member'
          : typeof d.role === 'string' && d.role
            ? `With the role ${d.role}`
            : '',
  },
  'user.reinvited': { what: 'Sent an invitation again' },
  'invitation.accepted': { what: 'Accepted their invitation' },
  'user.updated': { what: 'Edited a user', detail: userChanges },
  'user.email_changed': { what: 'Changed a user’s email (the new address confirmed it)' },
  'user.email_change_cancelled': { what: 'Cancelled a user’s email change' },
  'user.sign_in_unlocked': {
    what: 'Unlocked a user’s sign-in',
    detail: (d) => (d.cleared === 0 ? 'Nothing was locked' : ''),
  },
  'company.session_limits_changed': { what: 'Changed how long sessions last', detail: limitChanges },
  'role.created': { what: 'Created a role', detail: roleCreated },
  'role.updated': { what: 'Changed a role', detail: roleChanges },
  'role.deleted': { what: 'Deleted a role', detail: roleName },
  'recovery.answer_failed': { what: 'Gave a wrong answer to the security question', by: 'anonymous' },
  'recovery.started': { what: 'Started account recovery', by: 'anonymous' },
  'recovery.email_confirmed': { what: 'Confirmed account recovery from the email link', by: 'anonymous' },
  'recovery.cancelled': { what: 'Cancelled account recovery from the email link', by: 'anonymous' },
  'recovery.approved': { what: 'Approved account recovery' },
  'user.deactivated': {
    what: 'Deactivated a user',
    detail: () => 'Signed out everywhere; can no longer sign in',
  },
  'user.reactivated': { what: 'Reactivated a user' },
  'user.deleted': { what: 'Deleted a user', detail: (d) => (typeof d.name === 'string' ? `Name: ${d.name}` : '') },
  'api_account.marked': {
    what: 'Marked a user as an API Account',
    detail: (d) => (d.generated ? 'With a generated password' : 'With a password the admin chose'),
  },
  'api_account.unmarked': {
    what: 'Turned an API Account back into a regular user',
    detail: (d) => (typeof d.keysRevoked === 'number' && d.keysRevoked > 0 ? `${keyCount(d.keysRevoked)} revoked` : ''),
  },
  'api_account.password_rotated': { what: 'Rotated an API Account’s password' },
  'api_account.allow_list_set': {
    what: 'Changed where an API Account may call from',
    detail: (d) => `${ranges(d.from)} → ${ranges(d.to)}`,
  },
  'api_key.created': { what: 'Created an API key', detail: (d) => `${keyName(d)}${expiry(d)}` },
  'api_key.revoked': { what: 'Revoked an API key', detail: keyName },
  'api.refused_address': {
    what: 'Called the API from an address outside its allow-list (refused)',
    detail: (d) => (d.via === 'key' ? 'With an API key' : d.via === 'password' ? 'With the password' : ''),
  },
  'passkey.added': { what: 'Added a passkey or security key', detail: (d) => passkeyName(d) },
  'passkey.removed': { what: 'Removed a passkey or security key', detail: (d) => passkeyName(d) },
  'passkey.cloned_refused': {
    what: 'Tried to sign in with a passkey or security key that looks copied (refused)',
    detail: (d) =>
      `${passkeyName(d)}: its signature counter went from ${String(d.storedCounter)} back to ${String(d.newCounter)}`,
  },
  'trusted_browser.added': {
    what: 'Trusted a browser: no second factor there',
    detail: (d) => (typeof d.days === 'number' ? `For ${d.days} day${d.days === 1 ? '' : 's'}` : ''),
  },
  'trusted_browser.forgotten': { what: 'Forgot a trusted browser' },
};

function passkeyName(d: Record<string, unknown>): string {
  return typeof d.name === 'string' ? `“${d.name}”` : 'A passkey or security key';
}

/** A deleted user, as Activity names them from the label their events kept. */
export const deletedUser = (label: string) => `deleted user ${label}`;

/** "::ffff:127.0.0.1" (an IPv4 address as IPv6 shows it) is "127.0.0.1" to a person. */
export function plainAddress(ip: string | null): string {
  if (!ip) return '—';
  return ip.replace(/^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i, '$1');
}

/**
 * The one way an Activity row reads: what happened, its details, who did it (never the recipient
 * of a message Latchkey failed to send), for whom, and from which address.
 */
export function describeEvent(event: EventInput): EventDescription {
  const rule = EVENT_RULES[event.type];
  const actor = event.actor ?? (event.actorLabel ? deletedUser(event.actorLabel) : null);
  const target = event.target ?? (event.targetLabel ? deletedUser(event.targetLabel) : null);
  const by = actor ?? (rule?.by === 'latchkey' ? LATCHKEY : rule?.by === 'anonymous' ? ANONYMOUS : '—');
  return {
    what: rule?.what ?? 'Security event',
    detail: rule?.detail?.(event.detail ?? {}) ?? '',
    by,
    subject: target && target !== actor ? target : '—',
    address: plainAddress(event.ip),
  };
}
