import type { DuoImage } from '../duo/types';
import type { Result } from '../result';

/** A Duo activation barcode as our own response: never cached (it enrols a phone), or a plain 404. */
export function barcodeResponse(image: Result<DuoImage>): Response {
  if (!image.ok) return new Response(image.error, { status: 404, headers: { 'Cache-Control': 'no-store' } });
  return new Response(Buffer.from(image.data.bytes), {
    headers: {
      'Content-Type': image.data.contentType.startsWith('image/') ? image.data.contentType : 'image/png',
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
