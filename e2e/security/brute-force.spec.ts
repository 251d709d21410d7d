/**
 * Issue #8, attack 5: guessing through HTTP. Parallel challenges for one account cannot together
 * exceed its limit; a correct code or password during a lockout is refused with a message that
 * says when to retry; re-authentication is limited too; and the address an attacker writes in
 * X-Forwarded-For never becomes the address limits count against.
 * "Never more than 100 consecutive failures" needs a clock, not 100 requests: passwords are
 * covered by lib/sign-in/check-password.test.ts, second factors and re-authentication by
 * lib/sign-in/consecutive-failures.attack.test.ts. The lib mechanism of the parallel limit is in
 * lib/sign-in/verify-factor.test.ts and check-password.test.ts.
 */
import { expect, test } from '@playwright/test';
import { sql } from 'drizzle-orm';
import { e2eDb } from '../db';
import {
  PASSWORD_FAILURES_PER_ACCOUNT,
  REAUTH_FAILURES_PER_ACCOUNT,
  SECOND_FACTOR_FAILURES_PER_ACCOUNT,
} from '../../lib/limits';
import {
  Attacker,
  openChallengeFor,
  postPassword,
  resultOf,
  seedVictim,
  sessionIdsOf,
  signInAs,
  type ActionResult,
} from './attacker';

const WHEN = /try again in \d+ (minute|minutes|hours|days)\b/i;
const isLockout = (r: ActionResult | undefined) => Boolean(r && !r.ok && WHEN.test(r.error ?? ''));

test('parallel sign-ins of one account cannot together get more wrong codes checked than its limit', async () => {
  const victim = await seedVictim({ totp: true });
  const attackers = await Promise.all(Array.from({ length: 5 }, () => openChallengeFor(victim.user)));
  // 20 guesses at once, four on each of five sign-ins: each sign-in alone would allow ten.
  const answers = await Promise.all(
    attackers.flatMap((attacker, a) =>
      Array.from({ length: 4 }, (_, i) =>
        attacker.action('verifySecondFactor', { method: 'totp', code: String(100000 + a * 10 + i) }),
      ),
    ),
  );
  const results = answers.map(resultOf);
  expect(results.every((r) => r?.ok === false)).toBe(true);
  expect(results.filter((r) => !isLockout(r))).toHaveLength(SECOND_FACTOR_FAILURES_PER_ACCOUNT);
  expect(results.filter(isLockout)).toHaveLength(20 - SECOND_FACTOR_FAILURES_PER_ACCOUNT);

  // The right code now, on a fresh sign-in: refused, and told when to come back.
  const late = await openChallengeFor(victim.user);
  const right = resultOf(
    await late.action('verifySecondFactor', { method: 'totp', code: await victim.device!.nextCode() }),
  );
  expect(right).toMatchObject({ ok: false, error: expect.stringMatching(/try again in 15 minutes/) });
  expect(late.sessionToken).toBeUndefined();
  expect(await sessionIdsOf(victim.user.id)).toEqual([]);
});

test('a burst of wrong passwords gets no more than the limit checked, and then the right one waits too', async () => {
  // About a dozen wrong passwords and one right one from 127.0.0.1: this test's share of the run's per-IP budget.
  const victim = await seedVictim();
  const burst = PASSWORD_FAILURES_PER_ACCOUNT + 2;
  const answers = await Promise.all(
    Array.from({ length: burst }, (_, i) => postPassword(victim.user.email, `wrong guess number ${i}`)),
  );
  const results = answers.map(({ answer }) => resultOf(answer));
  // A crowd beyond the hash slots may be told "busy" before anything is counted: those were not guesses.
  const checked = results.filter((r) => r?.ok === false && /not right/.test(r.error ?? '')).length;
  const busy = results.filter((r) => r?.ok === false && /busy/.test(r.error ?? '')).length;
  expect(checked).toBeLessThanOrEqual(PASSWORD_FAILURES_PER_ACCOUNT);
  expect(results.filter(isLockout)).toHaveLength(burst - checked - busy);
  // Guess on, one at a time, until the lockout answers (bounded by the limit itself).
  let total = checked;
  for (let i = 0; i < PASSWORD_FAILURES_PER_ACCOUNT + 1 && total <= PASSWORD_FAILURES_PER_ACCOUNT; i++) {
    const r = resultOf((await postPassword(victim.user.email, `late guess ${i}`)).answer);
    if (isLockout(r)) break;
    if (/not right/.test(r?.error ?? '')) total++;
  }
  expect(total).toBe(PASSWORD_FAILURES_PER_ACCOUNT);

  const { attacker, answer } = await postPassword(victim.user.email, victim.password);
  expect(resultOf(answer)).toMatchObject({ ok: false, error: expect.stringMatching(/try again in 15 minutes/) });
  expect(attacker.challengeToken).toBeUndefined();
  expect(attacker.sessionToken).toBeUndefined();
});

test('re-authentication: wrong passwords on a stolen session are limited, and then the right one waits too', async () => {
  const victim = await seedVictim({ totp: true });
  const thief = await signInAs(victim.user);
  for (let i = 0; i < REAUTH_FAILURES_PER_ACCOUNT; i++) {
    const r = resultOf(await thief.action('disableAction', { password: `guess ${i}` }));
    expect(r, `guess ${i}`).toMatchObject({ ok: false, error: expect.stringMatching(/not right/) });
  }
  const right = resultOf(await thief.action('disableAction', { password: victim.password }));
  expect(right).toMatchObject({ ok: false, error: expect.stringMatching(WHEN) });
  const [totp] = (await e2eDb().execute(
    sql`select confirmed_at from totp_credentials where user_id = ${victim.user.id}`,
  )) as unknown as Array<{ confirmed_at: string | null }>;
  expect(totp.confirmed_at).not.toBeNull();
});

test.describe('the client address', () => {
  const SPOOFED = '203.0.113.77';

  test('an X-Forwarded-For the client wrote is not the address limits, sessions or the audit log use', async () => {
    // Without a configured proxy the address is the socket's (scripts/serve.mjs records it): an
    // X-Forwarded-For the client wrote would let per-IP limits be dodged (DESIGN §3).
    const victim = await seedVictim({ totp: true });
    const headers = { 'X-Forwarded-For': SPOOFED };
    // One wrong password: whose address is counted?
    const spoofing = new Attacker();
    await spoofing.action(
      'signInWithPassword',
      { identifier: victim.user.email, password: 'still not it' },
      { headers },
    );
    const keys = (await e2eDb().execute(
      sql`select key from rate_limits where key = ${'pw:ip:' + SPOOFED}`,
    )) as unknown as Array<{ key: string }>;
    expect(keys).toEqual([]);

    // A second factor passed from the "spoofed" address: the session and the audit log record the socket's.
    const holder = await openChallengeFor(victim.user);
    await holder.action('verifySecondFactor', { method: 'totp', code: await victim.device!.nextCode() }, { headers });
    const rows = (await e2eDb().execute(sql`select ip from sessions where user_id = ${victim.user.id}
      union all select ip from audit_events where target_user_id = ${victim.user.id}`)) as unknown as Array<{
      ip: string | null;
    }>;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.ip)).not.toContain(SPOOFED);
  });
});
