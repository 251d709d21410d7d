import { openApiDocument } from '@/lib/api/openapi';
import { API_OPENAPI_MAX_AGE_SECONDS } from '@/lib/limits';

/** GET /api/v1/openapi.json: the API's OpenAPI 3.1 document. Public: it describes, it reveals nothing. */
export function GET() {
  return Response.json(openApiDocument(), {
    headers: { 'Cache-Control': `public, max-age=${API_OPENAPI_MAX_AGE_SECONDS}` },
  });
}
