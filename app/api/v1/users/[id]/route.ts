import { ENDPOINTS } from '@/lib/api/endpoints';
import { failureResponse } from '@/lib/api/failure-response';
import { findApiUser } from '@/lib/api/list-api-users';
import { apiJson, notFound, withApiAccount } from '@/lib/api/respond';
import { userSchema, userUpdateSchema } from '@/lib/api/schemas';
import { updateApiUser } from '@/lib/api/update-api-user';
import { NO_LONGER_ALLOWED } from '@/lib/admin/offboarding-checks';
import { LAST_ADMINISTRATOR } from '@/lib/roles/last-administrator';

type Context = { params: Promise<{ id: string }> };

/** GET /api/v1/users/:id: one user of the company; another company's (or a malformed) id is 404. Needs users:read. */
export function GET(request: Request, { params }: Context) {
  return withApiAccount(request, ENDPOINTS['GET /api/v1/users/{id}'], async ({ db, principal }) => {
    const { id } = await params;
    const user = await findApiUser(db, {
      companyId: principal.user.companyId,
      viewerId: principal.user.id,
      userId: id,
    });
    return user ? apiJson(userSchema, user) : notFound();
  });
}

/** PATCH /api/v1/users/:id: change a user's name, role or mobile, or deactivate or reactivate them. Needs users:write. */
export function PATCH(request: Request, { params }: Context) {
  return withApiAccount(request, ENDPOINTS['PATCH /api/v1/users/{id}'], async ({ db, principal, body, ip }) => {
    const { id } = await params;
    const updated = await updateApiUser(db, {
      companyId: principal.user.companyId,
      actorUserId: principal.user.id,
      targetUserId: id,
      changes: body,
      ip,
    });
    if (!updated.ok)
      return failureResponse(updated, {
        [LAST_ADMINISTRATOR]: { status: 409, code: 'conflict' },
        [NO_LONGER_ALLOWED]: { status: 403, code: 'forbidden' },
      });
    return apiJson(userUpdateSchema, updated.data);
  });
}
