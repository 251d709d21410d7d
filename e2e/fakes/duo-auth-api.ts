import { randomBytes, randomInt } from 'node:crypto';
import type { DuoRefusal } from './duo-signature';
import { badRequest, duoId, type DuoWorld, type FakeUser, type Transaction } from './duo-world';

/** An endpoint's answer: Duo's `response` on success, or a refusal (stat FAIL). */
export type Answer = { response: unknown } | { refusal: DuoRefusal };

type Params = Record<string, string>;
export type AuthApiContext = { world: DuoWorld; host: string; now: number; longPollMs: number };
type Context = AuthApiContext;

/** /auth/v2/check: the keys, the host and the clock are right; Duo's time (Unix seconds). */
export function check(_params: Params, { now }: Context): Answer {
  return { response: { time: Math.floor(now / 1000) } };
}

/** /auth/v2/preauth: may this user authenticate, with which devices, or must they enrol? */
export function preauth(params: Params, { world, host }: Context): Answer {
  if (params.username === undefined && params.user_id === undefined) return { refusal: badRequest('username', 40001) };
  const user = world.findUser(params);
  if (!user || user.status === 'enroll') {
    return {
      response: {
        result: 'enroll',
        status_msg: 'Enroll an authentication device to proceed',
        enroll_portal_url: `https://${host}/portal?code=${randomBytes(8).toString('hex')}`,
      },
    };
  }
  if (user.status === 'allow')
    return { response: { result: 'allow', status_msg: user.status_msg ?? 'Allowing access' } };
  if (user.status === 'deny') return { response: { result: 'deny', status_msg: denial(user) } };
  return { response: { result: 'auth', status_msg: 'Account is active', devices: user.devices } };
}

/** /auth/v2/auth: push, phone call, passcode, SMS passcodes; with async=1 only a txid comes back. */
export async function auth(params: Params, context: Context): Promise<Answer> {
  const { world } = context;
  if (!params.factor) return { refusal: badRequest('factor', 40001) };
  if (params.username === undefined && params.user_id === undefined) return { refusal: badRequest('username', 40001) };
  const user = world.findUser(params);
  if (!user) return { refusal: badRequest(params.username === undefined ? 'user_id' : 'username') };
  const isAsync = params.async === '1' || params.async === 'true';
  const finish = (result: 'allow' | 'deny', status: string, status_msg: string): Answer =>
    isAsync
      ? { response: { txid: finished(world, user, { result, status, status_msg }).txid } }
      : { response: { result, status, status_msg } };

  if (user.status === 'allow') return finish('allow', 'bypass', user.status_msg ?? 'Allowing access');
  if (user.status === 'deny') return finish('deny', 'deny', denial(user));
  if (user.status === 'enroll') return finish('deny', 'deny', 'Enroll an authentication device first.');

  if (params.factor === 'passcode') {
    if (!params.passcode) return { refusal: badRequest('passcode', 40001) };
    const index = user.passcodes.indexOf(params.passcode);
    if (index < 0) return finish('deny', 'deny', 'Incorrect passcode. Please try again.');
    user.passcodes.splice(index, 1); // each passcode works once
    return finish('allow', 'allow', 'Success. Logging you in...');
  }

  const device =
    !params.device || params.device === 'auto' ? user.devices[0] : user.devices.find((d) => d.device === params.device);
  if (!device) return { refusal: badRequest('device') };
  const factor = params.factor === 'auto' ? (device.capabilities.includes('push') ? 'push' : 'phone') : params.factor;
  if (!['push', 'phone', 'sms'].includes(factor) || !device.capabilities.includes(factor)) {
    return { refusal: badRequest('factor') };
  }
  if (factor === 'sms') {
    user.passcodes.push(String(randomInt(1_000_000, 10_000_000)));
    return finish('deny', 'sent', 'New SMS passcodes sent.');
  }
  const txn = world.startTransaction(user, factor as 'push' | 'phone');
  if (isAsync) return { response: { txid: txn.txid } };
  await world.waitForChange(txn, world.pushTimeoutMs + 1_000);
  return { response: world.statusOf(txn) };
}

/** /auth/v2/auth_status: long-polls until the status differs from the last one reported. */
export async function authStatus(params: Params, { world, longPollMs }: Context): Promise<Answer> {
  if (!params.txid) return { refusal: badRequest('txid', 40001) };
  const txn = world.transactions.get(params.txid);
  if (!txn) return { refusal: badRequest('txid') };
  if (txn.reported === world.statusOf(txn).status) await world.waitForChange(txn, longPollMs);
  const status = world.statusOf(txn);
  txn.reported = status.status;
  return { response: status };
}

/** /auth/v2/enroll: a new user and an activation code for Duo Mobile. */
export function enroll(params: Params, { world, host, now }: Context): Answer {
  if (params.username !== undefined && world.users.has(params.username)) return { refusal: badRequest('username') };
  if (params.valid_secs !== undefined && !/^\d+$/.test(params.valid_secs)) return { refusal: badRequest('valid_secs') };
  const user = world.upsertUser({ username: params.username ?? randomBytes(16).toString('hex'), status: 'enroll' });
  const code = randomBytes(24).toString('base64url');
  const validSecs = Number(params.valid_secs ?? 86_400);
  const enrollment = {
    user_id: user.user_id,
    activation_code: `duo://${code}`,
    expiresAt: now + validSecs * 1000,
    activated: false,
  };
  world.enrollments.set(enrollment.activation_code, enrollment);
  return {
    response: {
      activation_barcode: `https://${host}/frame/qr?value=${encodeURIComponent(enrollment.activation_code)}`,
      activation_code: enrollment.activation_code,
      activation_url: `https://${host.replace(/^api-/, 'm-')}/activate/${code}`,
      expiration: Math.floor(enrollment.expiresAt / 1000),
      user_id: user.user_id,
      username: user.username,
    },
  };
}

/** /auth/v2/enroll_status: waiting until the phone scans the code, then success; invalid when expired. */
export function enrollStatus(params: Params, { world, now }: Context): Answer {
  if (!params.user_id) return { refusal: badRequest('user_id', 40001) };
  if (!params.activation_code) return { refusal: badRequest('activation_code', 40001) };
  const enrollment = world.enrollments.get(params.activation_code);
  if (!enrollment || enrollment.user_id !== params.user_id || enrollment.expiresAt < now)
    return { response: 'invalid' };
  return { response: enrollment.activated ? 'success' : 'waiting' };
}

function finished(world: DuoWorld, user: FakeUser, final: NonNullable<Transaction['final']>): Transaction {
  const txn: Transaction = { txid: duoId('TX'), username: user.username, factor: 'push', final, changed: [] };
  world.transactions.set(txn.txid, txn);
  return txn;
}

const denial = (user: FakeUser) => user.status_msg ?? 'Your account is disabled.';
