import { NextResponse } from 'next/server';
import { readChallengeCookie } from '@/lib/auth/challenge-cookie';
import { getDb } from '@/lib/db/client';
import { isDatabaseUnavailable } from '@/lib/db/errors';
import { DATABASE_DOWN_MESSAGE } from '@/lib/result';
import { pollDuoPush } from '@/lib/sign-in/duo-push';
import { EXPIRED_MESSAGE } from '@/lib/sign-in/messages';

export const dynamic = 'force-dynamic';

const NO_STORE = { 'Cache-Control': 'no-store' };

/**
 * The status of the Duo Push this sign-in waits for (challenge cookie only: the txid never comes
 * from the browser). Long-polls Duo, so the page asks again as soon as it answers.
 */
export async function GET() {
  const token = await readChallengeCookie();
  if (!token) return NextResponse.json({ ok: false, error: EXPIRED_MESSAGE, restart: true }, { headers: NO_STORE });
  try {
    const result = await pollDuoPush(getDb(), { token });
    const status = !result.ok && result.retryAfterSeconds ? 429 : 200;
    return NextResponse.json(result, { status, headers: NO_STORE });
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    return NextResponse.json({ ok: false, error: DATABASE_DOWN_MESSAGE }, { status: 503, headers: NO_STORE });
  }
}
