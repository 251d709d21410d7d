/**
 * Issue #8, attack 11: sessions. A new session id when a second factor passes (so no cookie from
 * before survives into the stronger session), a revoked or signed-out session refused on its very
 * next request, and idle and absolute expiry checked on the server, with the clock moved through
 * the database (sessions.last_seen_at / created_at) instead of waiting; the sign-in page then says
 * why. The lib mechanism: lib/sessions/sessions.test.ts (lifetimes), e2e/account/sessions.spec.ts
 * (signing another device out from the UI).
 */
import { expect, test } from '@playwright/test';
import { sql } from 'drizzle-orm';
import { e2eDb } from '../db';
import { Attacker, challengesOf, openChallengeFor, seedVictim, sessionIdsOf, signInAs, type Answer } from './attacker';
import { sendsToSignIn } from './surface';

const IDLE = /signed out after a while without activity/;
const EXPIRED = /reached the time limit your company sets/;
const ENDED = /session was ended on another device or after a security change/;

/** The signed-in page answers (not a redirect to sign-in). */
async function expectSignedIn(attacker: Attacker): Promise<void> {
  const answer = await attacker.get('/account/security');
  expect(answer.status, `still signed in (${answer.redirect})`).toBe(200);
}

/** Refused: sent to the sign-in page, which says why. */
async function expectEnded(attacker: Attacker, why: RegExp): Promise<Answer> {
  const answer = await attacker.get('/account/security');
  expect(sendsToSignIn(answer), `${answer.status} → ${answer.redirect}`).toBe(true);
  const page = await attacker.get(answer.redirect!);
  expect(page.text).toMatch(why);
  return answer;
}

async function moveSession(userId: string, change: ReturnType<typeof sql>): Promise<void> {
  await e2eDb().execute(sql`update sessions set ${change} where user_id = ${userId}`);
}

async function companySettings(companyId: string) {
  const [row] = (await e2eDb().execute(
    sql`select session_idle_minutes as idle, session_lifetime_hours as lifetime from companies where id = ${companyId}`,
  )) as unknown as Array<{ idle: number; lifetime: number }>;
  return row;
}

test.describe('a new session when the second factor passes', () => {
  test('a fresh sign-in: one new session row, the challenge consumed', async () => {
    const victim = await seedVictim({ totp: true });
    const holder = await openChallengeFor(victim.user);
    const [challenge] = await challengesOf(victim.user.id);
    await holder.action('verifySecondFactor', { method: 'totp', code: await victim.device!.nextCode() });
    const sessions = await sessionIdsOf(victim.user.id);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).not.toBe(challenge.id);
    expect(await challengesOf(victim.user.id)).toEqual([]);
    await expectSignedIn(holder);
  });

  test('step-up: the password-only session is replaced, and its cookie stops working', async () => {
    const victim = await seedVictim({ totp: true });
    // A session from before the company required 2FA (password only)…
    const before = await signInAs(victim.user, { passwordOnly: true });
    const copied = before.clone();
    const [oldId] = await sessionIdsOf(victim.user.id);
    await e2eDb().execute(sql`update companies set two_factor_required = true where id = ${victim.company.id}`);
    // …is sent to step up, trades itself for a challenge and passes a factor.
    expect((await before.get('/account/security')).redirect).toBe('/login/step-up');
    const stepped = await before.action('stepUpAction', {});
    expect(stepped.redirect).toMatch(/^\/login\/verify\?stepUp=1/);
    await before.action('verifySecondFactor', { method: 'totp', code: await victim.device!.nextCode() });
    const after = await sessionIdsOf(victim.user.id);
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(oldId);
    await expectSignedIn(before);
    // The cookie of the old session, kept by whoever copied it, is worth nothing now.
    await expectEnded(copied, ENDED);
  });
});

test.describe('revoked sessions', () => {
  test('a session ended from another device is refused on its next request, page or action', async () => {
    const victim = await seedVictim();
    const laptop = await signInAs(victim.user);
    const stolen = await signInAs(victim.user);
    await expectSignedIn(stolen);
    await laptop.action('endSessionsAction', {});
    expect(await sessionIdsOf(victim.user.id)).toHaveLength(1);
    await expectEnded(stolen, ENDED);
    // An action with the ended session does not run.
    const action = await stolen.action('setQuestionAction', {
      preset: 'What was your childhood nickname?',
      answer: 'Sparky',
      password: victim.password,
    });
    expect(sendsToSignIn(action)).toBe(true);
    expect(
      (await e2eDb().execute(sql`select 1 from security_questions where user_id = ${victim.user.id}`)).length,
    ).toBe(0);
    await expectSignedIn(laptop);
  });

  test('a copied cookie is worthless after sign-out', async () => {
    const victim = await seedVictim();
    const user = await signInAs(victim.user);
    const copy = user.clone();
    await user.action('signOutAction', {});
    expect(await sessionIdsOf(victim.user.id)).toEqual([]);
    await expectEnded(copy, ENDED);
  });
});

test.describe('expiry, with a controllable clock', () => {
  test('idle: ends after the company’s idle minutes without a request, and not before', async () => {
    const victim = await seedVictim();
    const { idle } = await companySettings(victim.company.id);
    const user = await signInAs(victim.user);
    await moveSession(victim.user.id, sql`last_seen_at = now() - make_interval(mins => ${idle - 1})`);
    await expectSignedIn(user);
    await moveSession(victim.user.id, sql`last_seen_at = now() - make_interval(mins => ${idle + 1})`);
    await expectEnded(user, IDLE);
  });

  test('absolute: ends after the company’s lifetime, however active', async () => {
    const victim = await seedVictim();
    const { lifetime } = await companySettings(victim.company.id);
    const user = await signInAs(victim.user);
    await moveSession(victim.user.id, sql`created_at = now() - make_interval(hours => ${lifetime}, mins => -1)`);
    await expectSignedIn(user);
    await moveSession(victim.user.id, sql`created_at = now() - make_interval(hours => ${lifetime}, mins => 1)`);
    await expectEnded(user, EXPIRED);
  });

  test('a company’s shorter idle time applies to sessions already open', async () => {
    const victim = await seedVictim();
    const user = await signInAs(victim.user);
    await e2eDb().execute(sql`update companies set session_idle_minutes = 5 where id = ${victim.company.id}`);
    await moveSession(victim.user.id, sql`last_seen_at = now() - interval '6 minutes'`);
    await expectEnded(user, IDLE);
  });
});
