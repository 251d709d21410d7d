import { listApiUsers } from '@/lib/api/list-api-users';
import { jsonResponse, withApiAccount } from '@/lib/api/respond';

/** GET /api/v1/users: the users of the API account's own company. Needs users:read. */
export function GET(request: Request) {
  return withApiAccount(request, { permission: 'users:read' }, async ({ db, principal }) =>
    jsonResponse(200, { users: await listApiUsers(db, principal.user) }),
  );
}
