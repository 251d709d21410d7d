import { jsonResponse, withApiAccount } from '@/lib/api/respond';

/** GET /api/v1/me: the API account itself. Any API account. */
export function GET(request: Request) {
  return withApiAccount(request, {}, async ({ principal: { user, role } }) =>
    jsonResponse(200, {
      id: user.id,
      name: user.name,
      email: user.email,
      role: role.name,
      permissions: role.permissions,
      companyId: user.companyId,
    }),
  );
}
