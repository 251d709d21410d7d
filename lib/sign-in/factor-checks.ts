import { sql, type SQL } from 'drizzle-orm';
import { safeEqual } from '../crypto/tokens';
import { LOGIN_CODE_LIFETIME_MS, LOGIN_CODE_MAX_TRIES } from '../limits';
import { backupCodeHashCandidates, normalizeBackupCode } from '../twofactor/backup-codes';
import { loginCodeHashCandidates } from '../twofactor/login-code';
import {
  REPLAYED_TOTP_MESSAGE,
  USED_BACKUP_CODE_MESSAGE,
  WRONG_BACKUP_CODE_MESSAGE,
  WRONG_TOTP_MESSAGE,
} from '../twofactor/messages';
import type { ChallengeMethod } from '../twofactor/policy';
import { checkTotp, normalizeOtp } from '../twofactor/totp';
import { readTotpSecret } from '../twofactor/totp-credential';
import type { OpenChallenge } from './find-challenge';

/** What the check-and-consume statement answers about the factor. */
export type FactorRow = { tries: number | null; unused: number | null; known: boolean | null };

/**
 * How one method is checked. `consume(guard)` is the UPDATE that uses the factor up only while
 * `guard` holds (not locked out, challenge still open) and returns `passed` (and the code's
 * `tries`); null when the code is already known to be wrong, so nothing can be consumed.
 * `refuse` ends the check before anything is counted: there is nothing to guess against.
 */
export type FactorCheck =
  | { refuse: string }
  | {
      consume: ((guard: SQL) => SQL) | null;
      columns: SQL;
      failure: (row: FactorRow) => string;
      /** Tries left for this factor alone (a sent code has its own); the message shows the smaller count. */
      triesLeft?: (row: FactorRow) => number | null;
      backupCodesLeft?: (row: FactorRow) => number;
    };

const NO_COLUMNS = sql`null::int as unused, null::boolean as known`;
/** "1 try", "4 tries". */
export const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function checkFactor(open: OpenChallenge, method: ChallengeMethod, code: string, now: Date): FactorCheck {
  // Duo decides its own factors (lib/sign-in/duo-*.ts); a code typed here is never a Duo approval.
  if (method === 'duo') return { refuse: 'Use Duo on this page, or choose another method.' };
  // A passkey is checked by its signature (lib/sign-in/passkey-sign-in.ts), never as a typed code.
  if (method === 'passkey')
    return { refuse: 'Use your passkey or security key on this page, or choose another method.' };
  if (method === 'totp') return checkTotpFactor(open, code, now);
  if (method === 'backup') return checkBackupFactor(open, code, now);
  return checkLoginCodeFactor(open, code, now);
}

function checkTotpFactor({ user, totp }: OpenChallenge, code: string, now: Date): FactorCheck {
  if (!totp?.confirmedAt) return { refuse: 'No authenticator app is set up for this account. Use a backup code.' };
  // The check is pure (microseconds); only a valid code's step is offered to the database.
  const check = checkTotp({ secret: readTotpSecret(totp), code, now });
  return {
    // Consume the step before issuing anything: a code must not be used twice.
    consume: check.valid
      ? (guard) => sql`update totp_credentials set last_used_step = ${check.timeStep}
          where user_id = ${user.id} and confirmed_at is not null
            and (last_used_step is null or last_used_step < ${check.timeStep}) and ${guard}
          returning true as passed, null::int as tries`
      : null,
    columns: NO_COLUMNS,
    failure: () => (check.valid ? REPLAYED_TOTP_MESSAGE : WRONG_TOTP_MESSAGE),
  };
}

function checkBackupFactor({ user }: OpenChallenge, code: string, now: Date): FactorCheck {
  const normalized = normalizeBackupCode(code);
  if (!normalized) return { consume: null, columns: NO_COLUMNS, failure: () => WRONG_BACKUP_CODE_MESSAGE };
  const candidates = sql.join(
    backupCodeHashCandidates(normalized).map((hash) => sql`${hash}`),
    sql`, `,
  );
  const match = sql`user_id = ${user.id} and code_hash in (${candidates})`;
  return {
    // One conditional UPDATE: of any number of concurrent uses of a code, exactly one wins.
    consume: (guard) => sql`update backup_codes set used_at = ${now.toISOString()}::timestamptz
      where ${match} and used_at is null and ${guard} returning true as passed, null::int as tries`,
    columns: sql`(select count(*)::int from backup_codes where user_id = ${user.id} and used_at is null) as unused,
      exists (select 1 from backup_codes where ${match}) as known`,
    failure: (row) => (row.known ? USED_BACKUP_CODE_MESSAGE : WRONG_BACKUP_CODE_MESSAGE),
    // The count was read before this statement's own update.
    backupCodesLeft: (row) => Math.max(0, (row.unused ?? 1) - 1),
  };
}

function checkLoginCodeFactor({ challenge, loginCode }: OpenChallenge, code: string, now: Date): FactorCheck {
  if (!loginCode) return { refuse: 'No code has been sent yet. Choose “Send code”.' };
  if (loginCode.consumedAt) return { refuse: 'This code was already used. Send a new code.' };
  if (loginCode.expiresAt <= now) {
    const minutes = LOGIN_CODE_LIFETIME_MS / 60_000;
    return {
      refuse: `This code has expired: codes are valid for ${count(minutes, 'minute', 'minutes')}. Send a new code.`,
    };
  }
  if (loginCode.attempts >= LOGIN_CODE_MAX_TRIES)
    return { refuse: 'Too many wrong tries for this code. Send a new code.' };
  const digits = normalizeOtp(code);
  const valid =
    digits !== null &&
    loginCodeHashCandidates(challenge.id, digits).some((candidate) => safeEqual(candidate, loginCode.codeHash));
  return {
    // Every try counts against the code's own limit; the hash must still be the one checked (a
    // resend in between replaced it), and a code is consumed once.
    consume: (guard) => sql`update login_codes set attempts = attempts + 1,
        consumed_at = ${valid ? now.toISOString() : null}::timestamptz
      where challenge_id = ${challenge.id} and code_hash = ${loginCode.codeHash} and consumed_at is null
        and expires_at > ${now.toISOString()}::timestamptz and attempts < ${LOGIN_CODE_MAX_TRIES} and ${guard}
      returning consumed_at is not null as passed, attempts as tries`,
    columns: NO_COLUMNS,
    failure: (row) => {
      if (valid || row.tries === null) return 'This code was already used. Send a new code.';
      return LOGIN_CODE_MAX_TRIES - row.tries > 0
        ? 'That code isn’t right. Check the latest message and try again.'
        : 'That code isn’t right, and it has no tries left. Send a new code.';
    },
    triesLeft: (row) => (row.tries === null ? null : LOGIN_CODE_MAX_TRIES - row.tries),
  };
}
