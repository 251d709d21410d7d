import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { createTestDatabase } from '../../tests/db';
import { PASSWORD_MAX_LENGTH, PASSWORD_STRENGTH_QUEUE_MAX, PASSWORD_STRENGTH_SCORED_LENGTH } from '../limits';
import { checkNewPassword, newPasswordLimit } from './check-new-password';
import { BUSY_MESSAGE, scorePassword } from './password-strength';

let db: Db;
beforeAll(async () => {
  db = await createTestDatabase();
});

let n = 0;
const check = (password: string, userInputs: string[] = []) =>
  checkNewPassword(db, { password, userInputs, countAgainst: [newPasswordLimit(`unit-${++n}`)] });

describe('checkNewPassword', () => {
  it('asks for at least 12 characters and at most the cap', async () => {
    expect(await check('Tr0ub4dor&3')).toMatchObject({ ok: false, error: 'Use at least 12 characters.' });
    expect(await check('a'.repeat(PASSWORD_MAX_LENGTH + 1))).toMatchObject({
      ok: false,
      error: `Use at most ${PASSWORD_MAX_LENGTH} characters.`,
    });
  });

  it('refuses common passwords with a reason and a suggestion', async () => {
    const result = await check('password1234');
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/too easy to guess/) });
    expect(!result.ok && result.error).toMatch(/commonly used/);
  });

  it('refuses a password made of the user’s own details', async () => {
    expect(await check('ada.lovelace@acme.com', ['ada.lovelace@acme.com'])).toMatchObject({
      ok: false,
      error: expect.stringMatching(/too easy to guess/),
    });
  });

  it('accepts a long passphrase', async () => {
    expect(await check('quartz lantern orbit meadow 42')).toEqual({ ok: true, data: undefined });
  });

  it('scores only the first characters: a weak start is not saved by a long tail', async () => {
    const weakStart = 'password'.repeat(PASSWORD_STRENGTH_SCORED_LENGTH / 8);
    expect(await check(`${weakStart} quartz lantern orbit meadow 42`)).toMatchObject({ ok: false });
  });

  it('turns checks away, rather than queue them without end, when too many wait', async () => {
    const extra = 3;
    const results = await Promise.all(
      Array.from({ length: PASSWORD_STRENGTH_QUEUE_MAX + 1 + extra }, (_, i) =>
        scorePassword(`quartz lantern ${i}`, []),
      ),
    );
    // One is being checked, PASSWORD_STRENGTH_QUEUE_MAX wait their turn, the rest are told to retry.
    expect(results.filter((r) => r.ok)).toHaveLength(PASSWORD_STRENGTH_QUEUE_MAX + 1);
    expect(results.filter((r) => !r.ok)).toEqual(
      Array.from({ length: extra }, () => ({ ok: false, error: BUSY_MESSAGE, retryAfterSeconds: expect.any(Number) })),
    );
  });
});
