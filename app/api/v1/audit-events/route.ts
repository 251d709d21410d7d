import { ENDPOINTS } from '@/lib/api/endpoints';
import { failureResponse } from '@/lib/api/failure-response';
import { listAuditEventsPage } from '@/lib/api/list-audit-events';
import { apiJson, withApiAccount } from '@/lib/api/respond';
import { auditEventListSchema } from '@/lib/api/schemas';

/** GET /api/v1/audit-events: the company's security events, newest first. Needs audit:read. */
export function GET(request: Request) {
  return withApiAccount(request, ENDPOINTS['GET /api/v1/audit-events'], async ({ db, principal, query }) => {
    const page = await listAuditEventsPage(db, { companyId: principal.user.companyId, query });
    return page.ok ? apiJson(auditEventListSchema, page.data) : failureResponse(page);
  });
}
