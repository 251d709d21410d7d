import { describe, expect, it } from 'vitest';
import { confirmPath, DEFAULT_RETURN_PATH, safeReturnPath } from './return-path';

describe('where the confirm page returns to', () => {
  it.each(['/admin/users', '/admin/company', '/admin/users/0b0e6c2e-5d0c-4a8a-9a57-5b0b1c9a3f10'])(
    'an admin page of this app: %s',
    (path) => expect(safeReturnPath(path)).toBe(path),
  );

  it.each([
    '//evil.example/admin',
    '/\\evil.example',
    'https://evil.example/admin/users',
    'javascript:alert(1)',
    '/admin/../account/security',
    '/admin/users/%2e%2e/x',
    '/admin/users?next=//evil.example',
    '/admin/users#x',
    '/admin//evil.example',
    '/account/security',
    '/admin/confirm',
    '',
    undefined,
    ['/admin/users'],
  ])('anything else goes to the default page: %s', (next) => expect(safeReturnPath(next)).toBe(DEFAULT_RETURN_PATH));

  it('the confirm page link carries the path encoded', () => {
    expect(confirmPath('/admin/company')).toBe('/admin/confirm?next=%2Fadmin%2Fcompany');
    expect(confirmPath('//evil.example')).toBe('/admin/confirm?next=%2Fadmin%2Fusers');
  });
});
