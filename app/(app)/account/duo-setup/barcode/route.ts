import { requireUser } from '@/lib/auth/guards';
import { getDb } from '@/lib/db/client';
import { duoSetupBarcode } from '@/lib/twofactor/check-duo-setup';
import { barcodeResponse } from '@/lib/auth/barcode-response';

/**
 * The activation barcode of the signed-in user's Duo Setup, fetched from Duo by the server: the
 * page's CSP allows images from our own origin only, and the browser never talks to Duo.
 */
export async function GET() {
  const { user } = await requireUser();
  return barcodeResponse(
    await duoSetupBarcode(getDb(), { companyId: user.companyId, userId: user.id, actorUserId: user.id }),
  );
}
