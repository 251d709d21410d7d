/** One full sign-in through a target before any load, so a broken replay fails loudly, not as a fast "success". */
import { generateSync } from 'otplib';
import { PASSWORD } from './config';
import { decodeBody } from './http';
import type { Replayer } from './replay';
import type { VirtualUser } from './seed';

/** Signs `user` in through `target`; with `expectPages`, checks each answer rendered its redirect target. */
export async function signInOnce(
  target: Replayer,
  user: VirtualUser,
  expectPages?: { afterPassword: string; afterCode: string },
): Promise<void> {
  if (expectPages) {
    // A refusal must be told apart from a sign-in (the load tallies refusals by their message).
    const wrong = await target.password({ identifier: user.email, password: `${PASSWORD}!`, ip: user.ip });
    if (wrong.ok || !wrong.reason.startsWith('form error: That email'))
      throw new Error(`A wrong password was not refused as expected: ${wrong.ok ? 'signed in' : wrong.reason}`);
  }
  const first = await target.password({ identifier: user.email, password: PASSWORD, ip: user.ip, keepBody: true });
  if (!first.ok || !first.token)
    throw new Error(`The password step failed in a trial sign-in: ${first.ok || first.reason}`);
  if (expectPages && !decodeBody(first.reply).includes(expectPages.afterPassword))
    throw new Error(`The password step's answer did not render "${expectPages.afterPassword}".`);
  const code = generateSync({ secret: user.secret, epoch: Math.floor(Date.now() / 1000) });
  const second = await target.verify({ token: first.token, code, ip: user.ip, keepBody: true });
  if (!second.ok) throw new Error(`The second-factor step failed in a trial sign-in: ${second.reason}`);
  if (expectPages && !decodeBody(second.reply).includes(expectPages.afterCode))
    throw new Error(
      `The second-factor step's answer did not render "${expectPages.afterCode}":\n${decodeBody(second.reply).slice(0, 3000)}`,
    );
}
