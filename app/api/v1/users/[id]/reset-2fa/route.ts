import { ENDPOINTS } from '@/lib/api/endpoints';
import { failureResponse } from '@/lib/api/failure-response';
import { apiJson, withApiAccount } from '@/lib/api/respond';
import { twoFactorResetSchema } from '@/lib/api/schemas';
import { resetUserTwoFactor } from '@/lib/admin/reset-user-2fa';

type Context = { params: Promise<{ id: string }> };

/**
 * POST /api/v1/users/:id/reset-2fa: removes the user's authenticator and backup codes and signs them
 * out everywhere, as the admin's Reset 2FA does; the user is emailed. Needs users:2fa.
 */
export function POST(request: Request, { params }: Context) {
  return withApiAccount(
    request,
    ENDPOINTS['POST /api/v1/users/{id}/reset-2fa'],
    async ({ db, principal, body, ip }) => {
      const { id } = await params;
      const reset = await resetUserTwoFactor(db, {
        companyId: principal.user.companyId,
        actorUserId: principal.user.id,
        targetUserId: id,
        reason: body.reason || undefined,
        ip,
      });
      return reset.ok
        ? apiJson(twoFactorResetSchema, { reset: true, emailed: reset.data.emailed })
        : failureResponse(reset);
    },
  );
}
