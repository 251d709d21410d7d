import { validate } from '@readme/openapi-parser';
import { describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../roles/permissions';
import { ENDPOINTS } from './endpoints';
import { openApiDocument } from './openapi';

type Operation = { operationId: string; 'x-permission'?: string; responses: Record<string, unknown> };
const document = openApiDocument() as unknown as { paths: Record<string, Record<string, Operation>> };

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    expect(openApiDocument().openapi).toBe('3.1.0');
    // The parser dereferences in place: give it a copy.
    const result = await validate(structuredClone(openApiDocument()) as never);
    expect(result.valid ? [] : result.errors).toEqual([]);
  });

  it('lists every endpoint with the permission its handler checks and the refusals every call can get', () => {
    for (const [key, endpoint] of Object.entries(ENDPOINTS)) {
      const [method, path] = key.split(' ');
      const operation = document.paths[path]?.[method.toLowerCase()];
      expect(operation, key).toBeDefined();
      expect(operation['x-permission'] ?? null, key).toBe(endpoint.permission);
      if (endpoint.permission) expect(PERMISSIONS).toContain(endpoint.permission);
      expect(Object.keys(operation.responses), key).toEqual(
        expect.arrayContaining([String(endpoint.status), '401', '403', '429', '503']),
      );
    }
  });

  it('never describes a secret in an answer', () => {
    const text = JSON.stringify(openApiDocument().components);
    for (const secret of ['passwordHash', 'secretEncrypted', 'duoSecretKey', 'codeHash', 'secretHash'])
      expect(text).not.toContain(secret);
  });
});
