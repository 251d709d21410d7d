import { ENDPOINTS } from '@/lib/api/endpoints';
import { failureResponse } from '@/lib/api/failure-response';
import { findApiUser } from '@/lib/api/list-api-users';
import { apiError, apiJson, notFound, withApiAccount } from '@/lib/api/respond';
import { userSchema, userUpdateSchema } from '@/lib/api/schemas';
import { updateApiUser } from '@/lib/api/update-api-user';
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

/** PATCH /api/v1/users/:id: change a user's name, role or mobile. Needs users:write. */
export function PATCH(request: Request, { params }: Context) {
  return withApiAccount(request, ENDPOINTS['PATCH /api/v1/users/{id}'], async ({ db, principal, body, ip }) => {
    const { id } = await params;
    const { disabled, ...changes } = body;
    // Deactivation arrives with setUserDisabled (lib/admin/set-user-disabled.ts); until then say so.
    if (disabled !== undefined)
      return apiError(400, 'validation_failed', 'Deactivating users through the API is not available yet.', {
        fields: { disabled: 'Not available yet: deactivate the user from Admin › Users.' },
      });
    const updated = await updateApiUser(db, {
      companyId: principal.user.companyId,
      actorUserId: principal.user.id,
      targetUserId: id,
      changes,
      ip,
    });
    if (!updated.ok) return failureResponse(updated, { [LAST_ADMINISTRATOR]: { status: 409, code: 'conflict' } });
    return apiJson(userUpdateSchema, updated.data);
  });
}
