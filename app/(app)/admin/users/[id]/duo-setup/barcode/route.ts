import { adminDuoTarget } from '@/lib/auth/admin-duo-target';
import { barcodeResponse } from '@/lib/auth/barcode-response';
import { getDb } from '@/lib/db/client';
import { duoSetupBarcode } from '@/lib/twofactor/check-duo-setup';

/** The activation barcode of a Duo Setup an admin started for a user of their company, from our origin. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const target = await adminDuoTarget((await params).id);
  if (!target) return new Response('No such user in your company.', { status: 404 });
  return barcodeResponse(await duoSetupBarcode(getDb(), target));
}
