import { requireUser } from '@/lib/auth/guards';
import { clientIp } from '@/lib/auth/request-info';
import { isSameOrigin } from '@/lib/auth/same-origin';
import { getDb } from '@/lib/db/client';
import { checkDuoSetup } from '@/lib/twofactor/check-duo-setup';

/**
 * The Duo Setup page's poll: is the phone of the signed-in user's own enrolment activated yet? Only
 * the session says whose enrolment; nothing in the request can name another. POST, because the
 * answer "activated" also makes Duo the user's method.
 */
export async function POST(request: Request) {
  if (!isSameOrigin(request)) return Response.json({ error: 'Cross-site request refused.' }, { status: 403 });
  const { user, session } = await requireUser();
  const result = await checkDuoSetup(getDb(), {
    companyId: user.companyId,
    userId: user.id,
    actorUserId: user.id,
    sessionId: session.id,
    ip: await clientIp(),
  });
  return Response.json(result.ok ? result.data : { error: result.error }, {
    status: result.ok ? 200 : result.retryAfterSeconds ? 429 : 409,
    headers: { 'Cache-Control': 'no-store' },
  });
}
