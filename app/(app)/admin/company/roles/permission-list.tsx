import { PERMISSION_LABELS, readPermissions } from '@/lib/roles/permissions';

/** A role's permissions in words, for the table: "See users, Manage users’ two-factor authentication". */
export function permissionWords(permissions: readonly string[]): string {
  const held = readPermissions(permissions);
  return held.length === 0 ? 'Their own account only' : held.map((p) => PERMISSION_LABELS[p].label).join(', ');
}

/** A role's permissions with what each allows, for a role that cannot be changed here. */
export function PermissionList({ permissions }: { permissions: readonly string[] }) {
  const held = readPermissions(permissions);
  if (held.length === 0)
    return (
      <p className="text-sm text-slate-700" data-testid="role-permissions">
        Their own account only (Account › Security).
      </p>
    );
  return (
    <ul className="space-y-2" data-testid="role-permissions">
      {held.map((p) => (
        <li key={p} className="text-sm">
          <span className="font-medium text-slate-800">{PERMISSION_LABELS[p].label}</span>
          <span className="block text-xs text-slate-600">{PERMISSION_LABELS[p].description}</span>
        </li>
      ))}
    </ul>
  );
}
