import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { WEBAUTHN_CHALLENGE_LIFETIME_MS } from '../limits';

/** The key of a registration ceremony (one per user) or a sign-in's (one per login challenge). */
export const registerKey = (userId: string) => `register:${userId}`;
export const signInKey = (loginChallengeId: string) => `sign-in:${loginChallengeId}`;

/** Keeps the challenge a ceremony must sign; a new one replaces the last for the same key. */
export async function storeWebauthnChallenge(
  db: DbOrTx,
  input: { key: string; challenge: string; now?: Date },
): Promise<void> {
  const expiresAt = new Date((input.now ?? new Date()).getTime() + WEBAUTHN_CHALLENGE_LIFETIME_MS);
  await db.execute(sql`
    insert into webauthn_challenges (key, challenge, expires_at)
    values (${input.key}, ${input.challenge}, ${expiresAt.toISOString()}::timestamptz)
    on conflict (key) do update set challenge = excluded.challenge, expires_at = excluded.expires_at
  `);
}

/**
 * Takes the challenge out (`DELETE … RETURNING`): whatever the answer's fate, a challenge is
 * signed once, so a replayed response finds nothing. Null when none or expired.
 */
export async function takeWebauthnChallenge(db: DbOrTx, input: { key: string; now?: Date }): Promise<string | null> {
  const now = (input.now ?? new Date()).toISOString();
  const rows = (await db.execute(sql`
    delete from webauthn_challenges where key = ${input.key}
    returning challenge, expires_at > ${now}::timestamptz as live
  `)) as unknown as Array<{ challenge: string; live: boolean }>;
  return rows[0]?.live ? rows[0].challenge : null;
}
