import { ENDPOINTS } from '@/lib/api/endpoints';
import { failureResponse } from '@/lib/api/failure-response';
import { inviteApiUser } from '@/lib/api/invite-api-user';
import { listUsersPage } from '@/lib/api/list-users-page';
import { apiJson, withApiAccount } from '@/lib/api/respond';
import { invitationSchema, userListSchema } from '@/lib/api/schemas';
import { ALREADY_IN_COMPANY } from '@/lib/admin/invite-user';

/** GET /api/v1/users: one page of the company's users, filtered. Needs users:read. */
export function GET(request: Request) {
  return withApiAccount(request, ENDPOINTS['GET /api/v1/users'], async ({ db, principal, query }) => {
    const page = await listUsersPage(db, { companyId: principal.user.companyId, viewerId: principal.user.id, query });
    return page.ok ? apiJson(userListSchema, page.data) : failureResponse(page);
  });
}

/** POST /api/v1/users: invite someone (they choose a password from the emailed link). Needs users:write. */
export function POST(request: Request) {
  return withApiAccount(request, ENDPOINTS['POST /api/v1/users'], async ({ db, principal, body, ip }) => {
    const invited = await inviteApiUser(db, {
      ...body,
      companyId: principal.user.companyId,
      actorUserId: principal.user.id,
      ip,
    });
    if (!invited.ok) return failureResponse(invited, { [ALREADY_IN_COMPANY]: { status: 409, code: 'conflict' } });
    return apiJson(invitationSchema, invited.data, 202);
  });
}
