import { getDb } from '@/lib/db/client';
import { checkReadiness } from '@/lib/health/readiness';

/**
 * Readiness for load balancers: 200 when the database answers and is migrated, else 503 with a
 * short reason, so traffic goes to other instances. No auth; nothing here is secret.
 */
export const dynamic = 'force-dynamic';

export async function GET() {
  const result = process.env.DATABASE_URL
    ? await checkReadiness(getDb())
    : ({ ready: false, reason: 'DATABASE_URL is not set.' } as const);
  const headers = { 'Cache-Control': 'no-store' };
  if (result.ready) return Response.json({ status: 'ready' }, { headers });
  return Response.json({ status: 'unavailable', reason: result.reason }, { status: 503, headers });
}
