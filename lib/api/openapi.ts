import { z } from 'zod';
import {
  createDocument,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
  type ZodOpenApiResponseObject,
} from 'zod-openapi';
import { API_BODY_MAX_BYTES, API_PAGE_SIZE_DEFAULT, API_PAGE_SIZE_MAX } from '../limits';
import { ENDPOINTS, PATH_PARAMS, type Endpoint } from './endpoints';
import { errorSchema } from './schemas';

const DESCRIPTION = `The HTTP API of Latchkey, for **API accounts** (users an admin marked "API Account").

**Authentication.** HTTP Basic with the API account's email and password, or \`Authorization: Bearer lk_…\`
with one of its API keys. A regular user's password never opens the API. Calls must come over HTTPS.

**Permissions.** Each operation needs the permission it names (the API account's role, read on every call).
Without it the answer is 403 with \`error.permission\`.

**Errors.** Always \`{ "error": { "code", "message", "fields"?, "permission"? } }\`: 400 \`validation_failed\`
(one message per field), \`invalid_json\`; 401 \`unauthorized\`; 403 \`forbidden\`; 404 \`not_found\` (also for another
company's ids); 409 \`conflict\`; 413 \`payload_too_large\` (bodies over ${API_BODY_MAX_BYTES / 1024} KiB); 415
\`unsupported_media_type\`; 429 \`rate_limited\` and 503 \`unavailable\` with \`Retry-After\`.

**Pages.** Lists take \`limit\` (1–${API_PAGE_SIZE_MAX}, default ${API_PAGE_SIZE_DEFAULT}) and answer \`nextCursor\`: pass it
back as \`cursor\` until it is null. Pages stay consistent while rows are added.

Unknown fields in a body are ignored. See docs/api.md for examples.`;

const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
const retryAfter = z.object({
  'Retry-After': z.string().describe('Seconds to wait before trying again.'),
});

/** The refusals of one operation, each in the one error shape. */
function errorResponses(endpoint: Endpoint, hasPathId: boolean): Record<number, ZodOpenApiResponseObject> {
  const error = (description: string) => ({ description, ...json(errorSchema) });
  const responses: Record<number, ZodOpenApiResponseObject> = {};
  if (endpoint.body || endpoint.query)
    responses[400] = error('The input was refused: validation_failed (see `fields`) or invalid_json.');
  responses[401] = {
    ...error('No credentials, or wrong ones, or not an API account.'),
    headers: z.object({ 'WWW-Authenticate': z.string() }),
  };
  responses[403] = error(
    endpoint.permission
      ? `The role lacks ${endpoint.permission} (forbidden), or the call came over HTTP or from another site's page.`
      : 'The call came over HTTP or from another site’s page.',
  );
  if (hasPathId || endpoint.errors?.includes(404)) responses[404] = error('No such user in your company.');
  if (endpoint.errors?.includes(409))
    responses[409] = error('The change conflicts with the company’s users (conflict).');
  if (endpoint.body) {
    responses[413] = error(`The body is larger than ${API_BODY_MAX_BYTES / 1024} KiB.`);
    responses[415] = error('The body is not sent as application/json.');
  }
  responses[429] = { ...error('Too many attempts: wait as Retry-After says.'), headers: retryAfter };
  if (endpoint.errors?.includes(502)) responses[502] = error('Duo could not be asked; nothing was saved.');
  responses[503] = { ...error('The database is unavailable.'), headers: retryAfter };
  return responses;
}

function operation(endpoint: Endpoint, path: string): ZodOpenApiOperationObject {
  const pathParam = Object.entries(PATH_PARAMS).find(([segment]) => path.includes(segment))?.[1];
  return {
    operationId: endpoint.operationId,
    summary: endpoint.summary,
    description: [endpoint.description, endpoint.permission ? `Needs \`${endpoint.permission}\`.` : 'Any API account.']
      .filter(Boolean)
      .join('\n\n'),
    ...(endpoint.permission ? { 'x-permission': endpoint.permission } : {}),
    requestParams: {
      ...(pathParam ? { path: pathParam } : {}),
      ...(endpoint.query ? { query: endpoint.query as z.ZodObject } : {}),
    },
    ...(endpoint.body ? { requestBody: { required: !endpoint.bodyOptional, ...json(endpoint.body) } } : {}),
    responses: {
      [endpoint.status]: { description: endpoint.status === 202 ? 'Accepted.' : 'OK.', ...json(endpoint.answer) },
      ...errorResponses(endpoint, Boolean(pathParam)),
    },
  };
}

function paths(): ZodOpenApiPathsObject {
  const result: ZodOpenApiPathsObject = {
    '/api/v1/openapi.json': {
      get: {
        operationId: 'getOpenApiDocument',
        summary: 'This document',
        description: 'Public: no credentials needed.',
        security: [],
        responses: { 200: { description: 'The OpenAPI 3.1 document.', ...json(z.looseObject({})) } },
      },
    },
  };
  for (const [key, endpoint] of Object.entries(ENDPOINTS) as Array<[string, Endpoint]>) {
    const [method, path] = key.split(' ') as ['GET' | 'POST' | 'PUT' | 'PATCH', string];
    result[path] = { ...result[path], [method.toLowerCase()]: operation(endpoint, path) };
  }
  return result;
}

/** The OpenAPI 3.1 document of /api/v1, from the same schemas and table the handlers use. */
export function buildOpenApiDocument() {
  return createDocument({
    openapi: '3.1.0',
    info: { title: 'Latchkey API', version: '1', description: DESCRIPTION },
    components: {
      securitySchemes: {
        basicAuth: {
          type: 'http',
          scheme: 'basic',
          description: 'The API account’s email (or username) and its password.',
        },
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'lk_…',
          description: 'An API key of the API account (Admin › Users › the account › API keys).',
        },
      },
    },
    security: [{ basicAuth: [] }, { bearerAuth: [] }],
    paths: paths(),
  });
}

let cached: ReturnType<typeof buildOpenApiDocument> | undefined;
/** The document, built once per process (it only changes with a deploy). */
export const openApiDocument = () => (cached ??= buildOpenApiDocument());
