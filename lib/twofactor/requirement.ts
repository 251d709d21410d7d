import type { DbOrTx } from '../db/client';
import type { User } from '../db/schema';
import { findTotpCredential } from './totp-credential';

export type SecondFactorMethod = 'totp' | 'backup';
export type Requirement = { required: false } | { required: true; methods: SecondFactorMethod[] };

/** Which second factors a user must pass after their password, and by which methods. */
export async function secondFactorRequirement(db: DbOrTx, user: User): Promise<Requirement> {
  const credential = await findTotpCredential(db, user.id);
  if (credential?.confirmedAt) return { required: true, methods: ['totp', 'backup'] };
  return { required: false };
}
