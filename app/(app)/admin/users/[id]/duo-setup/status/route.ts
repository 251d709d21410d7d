import { adminDuoTarget } from '@/lib/auth/admin-duo-target';
import { clientIp } from '@/lib/auth/request-info';
import { isSameOrigin } from '@/lib/auth/same-origin';
import { checkUserDuoSetup } from '@/lib/admin/user-duo-setup';
import { getDb } from '@/lib/db/client';

/** The admin's page polls the Duo Setup it started for a user of their company. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  if (!isSameOrigin(request)) return Response.json({ error: 'Cross-site request refused.' }, { status: 403 });
  const target = await adminDuoTarget((await params).id);
  if (!target) return Response.json({ error: 'No such user in your company.' }, { status: 404 });
  const result = await checkUserDuoSetup(getDb(), { ...target, ip: await clientIp() });
  return Response.json(result.ok ? result.data : { error: result.error }, {
    status: result.ok ? 200 : result.retryAfterSeconds ? 429 : 409,
    headers: { 'Cache-Control': 'no-store' },
  });
}
