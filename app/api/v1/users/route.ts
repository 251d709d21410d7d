import { listUsers } from '@/lib/admin/list-users';
import { jsonResponse, withApiAccount } from '@/lib/api/respond';

/** GET /api/v1/users: the users of the API account's own company. Admin-role API accounts only. */
export function GET(request: Request) {
  return withApiAccount(request, { role: 'admin' }, async ({ db, user }) => {
    const rows = await listUsers(db, { companyId: user.companyId });
    return jsonResponse(200, {
      users: rows.map((u) => ({
        id: u.id,
        name: u.name,
        email: u.email,
        role: u.role,
        isApiAccount: u.isApiAccount,
        twoFactor: u.totp === 'on' ? 'totp' : 'none',
        lastSignInAt: u.lastSignInAt,
      })),
    });
  });
}
