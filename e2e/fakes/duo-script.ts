import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, send } from './duo-http';
import type { DuoWorld, FakeUser, PushOutcome } from './duo-world';

/** Answers to come, for outage tests: rate limits, slowness, server errors (each for the next N requests). */
export type DuoFaults = {
  rateLimit?: { count: number; retryAfter?: string };
  delay?: { ms: number; count: number };
  fail?: { count: number; status: number };
};

/** What the fake was asked, for tests (never the Authorization header). */
export type Logged = { method: string; path: string; params: Record<string, string>; status: number; code?: number };

/** What tests can make the fake Duo do, in-process or through /_duo/* (serveDuoScript). */
export function createDuoScript({
  world,
  faults,
  requests,
}: {
  world: DuoWorld;
  faults: DuoFaults;
  requests: Logged[];
}) {
  return {
    reset() {
      world.reset();
      requests.length = 0;
      delete faults.rateLimit;
      delete faults.delay;
      delete faults.fail;
    },
    upsertUser: (user: Partial<FakeUser> & { username: string }) => world.upsertUser(user),
    findUser: (username: string) => world.users.get(username),
    /** The person's answer to this user's pushes and calls: pending ones and the next ones. */
    pushOutcome(input: { username: string; outcome: PushOutcome; delayMs?: number }) {
      const user = world.upsertUser({ username: input.username });
      user.push = { outcome: input.outcome, delayMs: input.delayMs ?? 0 };
      world.decideFor(input.username, input.outcome, input.delayMs ?? 0);
    },
    /** The phone scans the activation code (by code, or the newest enrolment of a username). */
    activate(input: { activation_code?: string; username?: string }): boolean {
      const user = input.username === undefined ? undefined : world.users.get(input.username);
      const enrollment = [...world.enrollments.values()]
        .reverse()
        .find((e) => e.activation_code === input.activation_code || (user && e.user_id === user.user_id));
      if (enrollment) world.activate(enrollment);
      return Boolean(enrollment);
    },
    faults: (next: DuoFaults) => Object.assign(faults, next),
    requests: () => [...requests],
    setPushTimeout: (ms: number) => (world.pushTimeoutMs = ms),
  };
}

export type DuoScript = ReturnType<typeof createDuoScript>;

/** Test scripting under /_duo (JSON in, JSON out). */
export async function serveDuoScript(
  script: DuoScript,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const input = req.method === 'POST' ? JSON.parse((await readBody(req)) || '{}') : {};
  const route = `${req.method} ${url.pathname}`;
  if (route === 'POST /_duo/reset') {
    script.reset();
    return send(res, 200, { ok: true });
  }
  if (route === 'POST /_duo/users') return send(res, 200, script.upsertUser(input));
  if (route === 'GET /_duo/users') {
    const user = script.findUser(url.searchParams.get('username') ?? '');
    return user ? send(res, 200, user) : send(res, 404, { message: 'No such user' });
  }
  if (route === 'POST /_duo/push-outcome') {
    script.pushOutcome(input);
    return send(res, 200, { ok: true });
  }
  if (route === 'POST /_duo/activate') {
    return script.activate(input) ? send(res, 200, { ok: true }) : send(res, 404, { message: 'No such enrolment' });
  }
  if (route === 'POST /_duo/faults') {
    script.faults(input);
    return send(res, 200, { ok: true });
  }
  if (route === 'GET /_duo/requests') return send(res, 200, script.requests());
  return send(res, 404, { message: 'Not found' });
}
