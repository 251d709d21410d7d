/**
 * What a role may do. Every page, server action and API endpoint names the one permission it
 * needs; nothing asks "is this an admin". A user's own account (Account › Security, their
 * sessions) needs no permission: every role, Member included, has it.
 */
export const PERMISSIONS = [
  'users:read',
  'users:write',
  'users:2fa',
  'company:read',
  'company:write',
  'audit:read',
  'api-keys:manage',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

/** How each permission reads on the Roles page (the glossary's words). */
export const PERMISSION_LABELS: Record<Permission, { label: string; description: string }> = {
  'users:read': { label: 'See users', description: 'Open the Users list and each user’s page.' },
  'users:write': {
    label: 'Manage users',
    description: 'Invite, edit, deactivate and delete users, and give them a role.',
  },
  'users:2fa': {
    label: 'Manage users’ two-factor authentication',
    description: 'Configure or reset a user’s second factor and approve recovery requests.',
  },
  'company:read': { label: 'See company settings', description: 'Open Company, its 2F Authentication and roles.' },
  'company:write': {
    label: 'Change company settings',
    description: 'Configure 2F Authentication, session limits and roles.',
  },
  'audit:read': { label: 'See activity', description: 'Open the Activity log.' },
  'api-keys:manage': {
    label: 'Manage API Accounts',
    description: 'Rotate API Account passwords, create and revoke API keys, set allowed addresses.',
  },
};

/** The roles every company has. They cannot be edited or deleted; custom roles can. */
export const BUILT_IN_ROLES = {
  administrator: { name: 'Administrator', permissions: [...PERMISSIONS] as Permission[] },
  member: { name: 'Member', permissions: [] as Permission[] },
  auditor: { name: 'Auditor', permissions: ['users:read', 'company:read', 'audit:read'] as Permission[] },
} as const;

export type BuiltInRole = keyof typeof BUILT_IN_ROLES;

export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && (PERMISSIONS as readonly string[]).includes(value);
}

/** Stored permissions, read defensively: anything unknown is dropped, never granted. */
export function readPermissions(stored: readonly string[] | null | undefined): Permission[] {
  return PERMISSIONS.filter((p) => stored?.includes(p));
}

export function hasPermission(held: readonly string[], needed: Permission): boolean {
  return held.includes(needed);
}

/**
 * True when `held` covers every permission in `wanted`: nobody may hand out (to a role or a user)
 * a permission they do not hold themselves.
 */
export function coversPermissions(held: readonly string[], wanted: readonly string[]): boolean {
  return wanted.every((p) => held.includes(p));
}

/** The permissions in `wanted` that `held` lacks, for the message that names them. */
export function missingPermissions(held: readonly string[], wanted: readonly string[]): Permission[] {
  return readPermissions(wanted).filter((p) => !held.includes(p));
}
