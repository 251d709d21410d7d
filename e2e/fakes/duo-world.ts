import { randomBytes, randomInt } from 'node:crypto';
import type { DuoRefusal } from './duo-signature';

/** What the person does with a push or call: approve, deny, report fraud, or let it time out. */
export type PushOutcome = 'allow' | 'deny' | 'fraud' | 'timeout';

export type FakeDevice = {
  device: string;
  type: 'phone' | 'token';
  name?: string;
  display_name?: string;
  number?: string;
  capabilities: string[];
};

export type FakeUser = {
  user_id: string;
  username: string;
  /** What preauth answers for this user. */
  status: 'auth' | 'allow' | 'deny' | 'enroll';
  status_msg?: string;
  devices: FakeDevice[];
  /** Passcodes that work once each (Duo Mobile, a token, or ones "sent" by SMS). */
  passcodes: string[];
  /** The outcome of this user's next pushes and calls, and how long the person takes. */
  push?: { outcome: PushOutcome; delayMs: number };
};

type Final = { result: 'allow' | 'deny'; status: string; status_msg: string };
export type Transaction = {
  txid: string;
  username: string;
  factor: 'push' | 'phone';
  /** Set once the person has acted (or Duo gave up). */
  final?: Final;
  /** The last status auth_status reported, for the long poll. */
  reported?: string;
  changed: Array<() => void>;
  timer?: NodeJS.Timeout;
};

export type Enrollment = { user_id: string; activation_code: string; expiresAt: number; activated: boolean };

const FINAL: Record<PushOutcome, Final> = {
  allow: { result: 'allow', status: 'allow', status_msg: 'Success. Logging you in...' },
  deny: { result: 'deny', status: 'deny', status_msg: 'Login request denied.' },
  fraud: { result: 'deny', status: 'fraud', status_msg: 'Login request reported as fraudulent.' },
  timeout: { result: 'deny', status: 'timeout', status_msg: 'Login timed out.' },
};

export const PHONE_CAPABILITIES = ['auto', 'push', 'sms', 'phone', 'mobile_otp'];

/** A Duo-style id: a prefix and upper-case letters and digits, 20 characters in all. */
export const duoId = (prefix: string) =>
  prefix +
  Array.from({ length: 20 - prefix.length }, () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'[randomInt(36)]).join('');

export const badRequest = (detail: string, code = 40002): DuoRefusal => ({
  status: 400,
  code,
  message: code === 40001 ? 'Missing required request parameters' : 'Invalid request parameters',
  detail,
});

/** The scripted Duo account: users, their devices and passcodes, enrolments and transactions under way. */
export class DuoWorld {
  users = new Map<string, FakeUser>();
  transactions = new Map<string, Transaction>();
  enrollments = new Map<string, Enrollment>();
  /** Duo Push gives up after this long (60 s at Duo). */
  pushTimeoutMs = 60_000;

  upsertUser(input: Partial<FakeUser> & { username: string }): FakeUser {
    const existing = this.users.get(input.username);
    const status = input.status ?? existing?.status ?? 'auth';
    const user: FakeUser = {
      user_id: input.user_id ?? existing?.user_id ?? duoId('DU'),
      username: input.username,
      status,
      status_msg: input.status_msg ?? existing?.status_msg,
      devices: input.devices ?? existing?.devices ?? (status === 'auth' ? [phone()] : []),
      passcodes: input.passcodes ?? existing?.passcodes ?? [],
      push: input.push ?? existing?.push,
    };
    this.users.set(user.username, user);
    return user;
  }

  findUser(params: { username?: string; user_id?: string }): FakeUser | undefined {
    if (params.username !== undefined) return this.users.get(params.username);
    return [...this.users.values()].find((user) => user.user_id === params.user_id);
  }

  /** Starts a push or call; it ends when the scripted person acts or Duo times it out. */
  startTransaction(user: FakeUser, factor: 'push' | 'phone'): Transaction {
    const txn: Transaction = { txid: randomBytes(16).toString('hex'), username: user.username, factor, changed: [] };
    this.transactions.set(txn.txid, txn);
    if (user.push) this.decideLater(txn, user.push.outcome, user.push.delayMs);
    else this.decideLater(txn, 'timeout', this.pushTimeoutMs);
    return txn;
  }

  /** The person acts on every unfinished transaction of this user after delayMs. */
  decideFor(username: string, outcome: PushOutcome, delayMs: number) {
    for (const txn of this.transactions.values()) {
      if (txn.username === username && !txn.final) this.decideLater(txn, outcome, delayMs);
    }
  }

  private decideLater(txn: Transaction, outcome: PushOutcome, delayMs: number) {
    clearTimeout(txn.timer);
    txn.timer = setTimeout(() => {
      txn.final = FINAL[outcome];
      for (const notify of txn.changed.splice(0)) notify();
    }, delayMs);
    txn.timer.unref();
  }

  /** What auth_status reports now. */
  statusOf(txn: Transaction): { result: string; status: string; status_msg: string } {
    if (txn.final) return txn.final;
    return txn.factor === 'push'
      ? { result: 'waiting', status: 'pushed', status_msg: 'Pushed a login request to your device...' }
      : { result: 'waiting', status: 'calling', status_msg: 'Calling your phone...' };
  }

  /** Waits until the transaction ends or maxMs passes (auth_status's long poll, a synchronous auth). */
  waitForChange(txn: Transaction, maxMs: number): Promise<void> {
    if (txn.final) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, maxMs);
      txn.changed.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** The phone scanned the activation code: the user can now authenticate with Duo Mobile. */
  activate(enrollment: Enrollment) {
    enrollment.activated = true;
    const user = this.findUser({ user_id: enrollment.user_id });
    if (user) this.upsertUser({ username: user.username, status: 'auth', devices: [phone()] });
  }

  reset() {
    for (const txn of this.transactions.values()) clearTimeout(txn.timer);
    this.users.clear();
    this.transactions.clear();
    this.enrollments.clear();
    this.pushTimeoutMs = 60_000;
  }
}

function phone(): FakeDevice {
  return {
    device: duoId('DP'),
    type: 'phone',
    name: 'My iPhone',
    display_name: 'iOS (XXX-XXX-0100)',
    number: 'XXX-XXX-0100',
    capabilities: PHONE_CAPABILITIES,
  };
}
