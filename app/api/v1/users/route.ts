import { listApiUsers } from '@/lib/api/list-api-users';
import { jsonResponse, withApiAccount } from '@/lib/api/respond';

/** GET /api/v1/users: the users of the API account's own company. Admin-role API accounts only. */
export function GET(request: Request) {
  return withApiAccount(request, { role: 'admin' }, async ({ db, user }) =>
    jsonResponse(200, { users: await listApiUsers(db, user) }),
  );
}
