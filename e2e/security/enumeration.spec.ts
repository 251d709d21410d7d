/**
 * Issue #8, attack 7: telling accounts apart. For each place an attacker can type someone's
 * address, an unknown one and a known one (with a wrong password or answer) must get the same
 * status and the same message. Timing is by design equal (same argon2 work, emails sent after the
 * response) but not asserted: a test must never assert a time (DESIGN §5).
 * lib/sign-in/check-password.test.ts, lib/accounts/password-reset.test.ts and
 * lib/recovery/start-recovery.test.ts check the same at the lib level.
 */
import { expect, test } from '@playwright/test';
import { setSecurityQuestion } from '../../lib/recovery/set-security-question';
import { builtInRoleId } from '../../lib/roles/built-in-roles';
import { e2eDb } from '../db';
import {
  Attacker,
  openChallengeFor,
  postPassword,
  randomEmail,
  resultOf,
  seedVictim,
  signInAs,
  type Answer,
} from './attacker';

/** What an answer tells: its status, where it sends the browser, and its message, with the typed address masked. */
function told(answer: Answer, typed: string) {
  const mask = (v: unknown) =>
    JSON.parse(
      JSON.stringify(v ?? null)
        .split(typed)
        .join('<typed>'),
    );
  const result = resultOf(answer);
  return {
    status: answer.status,
    redirect: mask(answer.redirect),
    ok: result?.ok,
    error: mask(result?.error),
    fieldErrors: mask(result?.fieldErrors),
  };
}

test('sign-in: an unknown address and a wrong password get the same answer', async () => {
  const victim = await seedVictim({ totp: true, username: true });
  const unknown = randomEmail();
  const [a, b, c] = await Promise.all([
    postPassword(unknown, 'some password or other'),
    postPassword(victim.user.email, 'some password or other'),
    postPassword(victim.user.username!, 'some password or other'),
  ]);
  expect(told(b.answer, victim.user.email)).toEqual(told(a.answer, unknown));
  expect(told(c.answer, victim.user.username!)).toEqual(told(a.answer, unknown));
  expect(told(a.answer, unknown)).toMatchObject({ ok: false, error: expect.stringMatching(/not right/) });
});

test('the HTTP API: an unknown account, a wrong password and a regular user’s right password look alike', async () => {
  const victim = await seedVictim();
  const call = (user: string, password: string) =>
    new Attacker().get('/api/v1/me', {
      headers: { Authorization: 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64') },
    });
  const [unknown, wrong, regular] = await Promise.all([
    call(randomEmail(), 'some password or other'),
    call(victim.user.email, 'some password or other'),
    call(victim.user.email, victim.password),
  ]);
  for (const answer of [wrong, regular]) {
    expect(answer.status).toBe(unknown.status);
    expect(answer.text).toBe(unknown.text);
    expect(answer.headers.get('www-authenticate')).toBe(unknown.headers.get('www-authenticate'));
  }
  expect(unknown.status).toBe(401);
});

test('forgot password: a known and an unknown address get the same answer', async () => {
  const victim = await seedVictim();
  const unknown = randomEmail();
  const known = await new Attacker().action('requestResetAction', { email: victim.user.email });
  const other = await new Attacker().action('requestResetAction', { email: unknown });
  expect(told(known, victim.user.email)).toEqual(told(other, unknown));
});

test('recovery: a wrong answer and an account without a question get the same answer', async () => {
  const withQuestion = await seedVictim({ totp: true });
  const without = await seedVictim({ totp: true });
  const set = await setSecurityQuestion(e2eDb(), {
    user: withQuestion.user,
    password: withQuestion.password,
    question: 'What was your childhood nickname?',
    answer: 'Sparky the Brave',
  });
  expect(set.ok).toBe(true);
  const [a, b] = await Promise.all([
    (await openChallengeFor(withQuestion.user)).action('startRecoveryAction', { answer: 'Rex' }),
    (await openChallengeFor(without.user)).action('startRecoveryAction', { answer: 'Rex' }),
  ]);
  expect(told(a, 'Rex')).toEqual(told(b, 'Rex'));
  expect(resultOf(a)?.ok).toBe(false);
});

test('invite: an address of another company gets the same answer as a new one', async () => {
  // DESIGN §3: "answers never reveal whether an address exists in another company".
  const victim = await seedVictim();
  const admin = await signInAs(victim.user);
  const elsewhere = await seedVictim();
  const fresh = randomEmail();
  const role = await builtInRoleId(e2eDb(), victim.company.id, 'member');
  const taken = await admin.action('inviteAction', { name: 'New Hire', email: elsewhere.user.email, role });
  const free = await admin.action('inviteAction', { name: 'New Hire', email: fresh, role });
  // The new address really was invited, so the two answers compared are successes.
  expect(free.redirect).toBe('/admin/users?notice=invited');
  expect(told(taken, elsewhere.user.email)).toEqual(told(free, fresh));
});

test('sign-up: an address already in use gets the same answer as a new one', async () => {
  // Sign-up verifies the address by email: both answers say to check the inbox.
  const victim = await seedVictim();
  const fresh = randomEmail();
  const form = (email: string) => ({
    companyName: 'Curious Ltd',
    name: 'Curious George',
    email,
    username: '',
    password: 'violet harbour compass 1987 kettle',
  });
  const taken = await new Attacker().action('createAccount', form(victim.user.email));
  const free = await new Attacker().action('createAccount', form(fresh));
  expect(told(taken, victim.user.email)).toEqual(told(free, fresh));
});
