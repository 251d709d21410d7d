import { ENDPOINTS } from '@/lib/api/endpoints';
import { getCompanyTwoFactor, putCompanyTwoFactor } from '@/lib/api/company-two-factor';
import { failureResponse } from '@/lib/api/failure-response';
import { apiError, apiJson, withApiAccount } from '@/lib/api/respond';
import { companyTwoFactorSchema } from '@/lib/api/schemas';

/** GET /api/v1/company/two-factor: the company's 2F Authentication settings. Needs company:read. */
export function GET(request: Request) {
  return withApiAccount(request, ENDPOINTS['GET /api/v1/company/two-factor'], async ({ db, principal }) =>
    apiJson(companyTwoFactorSchema, await getCompanyTwoFactor(db, principal.user.companyId)),
  );
}

/** PUT /api/v1/company/two-factor: what the Configure dialog saves, by the same rules. Needs company:write. */
export function PUT(request: Request) {
  return withApiAccount(request, ENDPOINTS['PUT /api/v1/company/two-factor'], async ({ db, principal, body, ip }) => {
    const saved = await putCompanyTwoFactor(db, {
      companyId: principal.user.companyId,
      actorUserId: principal.user.id,
      settings: body,
      ip,
    });
    if (saved.ok) return apiJson(companyTwoFactorSchema, saved.data);
    // Duo refused nothing we sent, but could not say yes (its clock, its trouble, its rate limit).
    if (!saved.fieldErrors || Object.keys(saved.fieldErrors).length === 0)
      return apiError(502, 'duo_unavailable', saved.error);
    return failureResponse(saved);
  });
}
