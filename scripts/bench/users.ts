/**
 * Hands out virtual users. A TOTP code is accepted once per user and 30-second step, so each
 * second-factor job takes a user nobody has verified as in the current step; a password job may
 * take anyone (a correct password; the challenge it opens is simply left to expire).
 */
import { generateSync } from 'otplib';
import type { Db } from '../../lib/db/client';
import { openChallenge } from './lib-calls';
import type { VirtualUser } from './seed';

const step = () => Math.floor(Date.now() / 30_000);

export type VerifyJob = { user: VirtualUser; token: string };

export class UserPool {
  private verifyCursor = 0;
  private passwordCursor = 0;
  private readonly lastStep = new Map<number, number>();

  constructor(readonly users: VirtualUser[]) {}

  get remainingForVerify(): number {
    return this.users.length - this.verifyCursor;
  }

  /** The next user for a password sign-in (round robin over everyone). */
  nextForPassword(): VirtualUser {
    const user = this.users[this.passwordCursor];
    this.passwordCursor = (this.passwordCursor + 1) % this.users.length;
    return user;
  }

  /**
   * Opens a challenge for each of the next `count` users (never used for a second factor in this
   * run), as the password step would have, so that a scenario then measures only the verify step.
   */
  async openChallenges(db: Db, count: number): Promise<VerifyJob[]> {
    const chosen = this.users.slice(this.verifyCursor, this.verifyCursor + count);
    this.verifyCursor += chosen.length;
    const jobs: VerifyJob[] = new Array(chosen.length);
    let next = 0;
    const opener = async () => {
      while (next < chosen.length) {
        const i = next++;
        jobs[i] = { user: chosen[i], token: await openChallenge(db, { userId: chosen[i].id, ip: chosen[i].ip }) };
      }
    };
    await Promise.all(Array.from({ length: 8 }, opener));
    return jobs;
  }

  /** The user's current code; throws if this user already used the current step (a replay would fail). */
  codeFor(user: VirtualUser): string {
    const now = step();
    if ((this.lastStep.get(user.index) ?? -1) >= now) throw new Error(`user ${user.index} already verified this step`);
    this.lastStep.set(user.index, now);
    return generateSync({ secret: user.secret, epoch: Math.floor(Date.now() / 1000) });
  }
}
