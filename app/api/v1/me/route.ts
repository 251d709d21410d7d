import { jsonResponse, withApiAccount } from '@/lib/api/respond';

/** GET /api/v1/me: the API account itself. Any API account. */
export function GET(request: Request) {
  return withApiAccount(request, {}, async ({ user }) =>
    jsonResponse(200, { id: user.id, name: user.name, email: user.email, role: user.role, companyId: user.companyId }),
  );
}
