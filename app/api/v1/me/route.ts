import { ENDPOINTS } from '@/lib/api/endpoints';
import { apiJson, withApiAccount } from '@/lib/api/respond';
import { meSchema } from '@/lib/api/schemas';
import { readPermissions } from '@/lib/roles/permissions';

/** GET /api/v1/me: the API account itself, its role and what the role allows. Any API account. */
export function GET(request: Request) {
  return withApiAccount(request, ENDPOINTS['GET /api/v1/me'], async ({ principal: { user, role, via } }) =>
    apiJson(meSchema, {
      id: user.id,
      name: user.name,
      email: user.email,
      role: role.name,
      roleId: role.id,
      permissions: readPermissions(role.permissions),
      companyId: user.companyId,
      via,
    }),
  );
}
