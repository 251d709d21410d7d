import { formatDuration } from '../format-duration';
import type { DuoFailure, DuoProblem } from './types';

const WHERE_KEYS = 'Duo Admin Panel › Applications › your "Auth API" application';

/**
 * Turns what went wrong with a Duo call into a failure whose message tells an admin what to do.
 * Duo's code, message and detail stay in `duo` for the audit log; the sign-in page chooses its own
 * words for users from `duo.kind` (they cannot fix keys or clocks). Never includes a key.
 */
export function describeDuoFailure(
  problem: DuoProblem,
  more: { skewMs?: number; timeoutMs?: number; retryAfterSeconds?: number; cause?: string } = {},
): DuoFailure {
  const failure = (error: string): DuoFailure => ({
    ok: false,
    error,
    duo: problem,
    ...(more.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: more.retryAfterSeconds }),
  });
  const duoSays = problem.message
    ? ` Duo said: "${problem.message}${problem.detail ? ` (${problem.detail})` : ''}".`
    : '';
  switch (problem.kind) {
    case 'clock':
      return failure(
        `Duo refused the request because this server's clock differs from Duo's` +
          (more.skewMs === undefined ? '' : ` by ${describeSkew(more.skewMs)}`) +
          `. Set this server's clock from a time server (NTP) and try again.`,
      );
    case 'credentials':
      if (problem.code === 40102)
        return failure(
          `Duo does not recognise this Integration Key. Copy it again from ${WHERE_KEYS}, and check that the ` +
            `API hostname is the one shown beside it.`,
        );
      if (problem.code === 40103)
        return failure(
          `Duo rejected the request's signature: the Secret Key does not belong to this Integration Key. ` +
            `Copy the Secret Key again from ${WHERE_KEYS}.`,
        );
      return failure(`Duo rejected the Integration Key or Secret Key: copy both again from ${WHERE_KEYS}.${duoSays}`);
    case 'forbidden':
      return failure(
        `Duo refused access for these keys. Make sure they come from an "Auth API" application (not Admin API ` +
          `or Web SDK) and that the Duo account is active.${duoSays}`,
      );
    case 'unreachable':
      return failure(
        more.cause === 'ENOTFOUND'
          ? `Latchkey could not find ${problem.host}: check the API hostname in ${WHERE_KEYS}.`
          : `Latchkey could not reach ${problem.host}${more.cause ? ` (${more.cause})` : ''}. Check the API ` +
              `hostname, and that this server may make HTTPS connections to it.`,
      );
    case 'timeout':
      return failure(
        `${problem.host} did not answer within ${describeWait(more.timeoutMs ?? 0)}. Duo may be slow or hard ` +
          `to reach from this server; try again in a minute.`,
      );
    case 'rate-limited':
      return failure(
        `Duo is limiting how often Latchkey may call it. Try again in ` +
          `${more.retryAfterSeconds ? formatDuration(more.retryAfterSeconds * 1000) : 'a minute'}.`,
      );
    case 'bad-request':
      return failure(`Duo could not do this.${duoSays}`);
    case 'duo-error':
      return failure(
        `Duo could not handle the request right now${problem.httpStatus ? ` (HTTP ${problem.httpStatus})` : ''}. ` +
          `Try again in a minute; status.duo.com lists outages.${duoSays}`,
      );
    case 'bad-response':
      return failure(`${problem.host} did not answer the way Duo does: check the API hostname.`);
  }
}

/** A timeout in words; tests use sub-second ones. */
const describeWait = (ms: number) => (ms < 1000 ? `${ms} milliseconds` : formatDuration(Math.round(ms / 1000) * 1000));

/** A clock difference in words: "40 seconds", "about 12 minutes", "about 3 hours". */
function describeSkew(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < 120_000) return `${Math.round(abs / 1000)} seconds`;
  if (abs < 2 * 3_600_000) return `about ${Math.round(abs / 60_000)} minutes`;
  return `about ${Math.round(abs / 3_600_000)} hours`;
}
