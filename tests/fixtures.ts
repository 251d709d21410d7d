import { randomBytes } from 'node:crypto';
import type { Db } from '../lib/db/client';
import { signUp } from '../lib/accounts/sign-up';

export const STRONG_PASSWORD = 'quartz lantern orbit meadow 42';

/** A fresh company with its admin, through the same sign-up code the app uses. */
export async function seedAdmin(db: Db, overrides: { email?: string; username?: string } = {}) {
  const email = overrides.email ?? `admin-${randomBytes(4).toString('hex')}@example.com`;
  const result = await signUp(db, { companyName: 'Test Co', name: 'Test Admin', email, username: overrides.username, password: STRONG_PASSWORD });
  if (!result.ok) throw new Error(`seed failed: ${JSON.stringify(result.fieldErrors)}`);
  return result.user;
}
