'use client';

import { useFieldError, useFieldValue } from '@/components/action-form';

export type RoleOption = { id: string; name: string; summary: string; assignable: boolean };

/**
 * The role of a user, chosen from the company's roles (Company › Roles). A role with permissions the
 * admin's own role lacks is shown but cannot be chosen; the server refuses it anyway.
 */
export function RoleSelect({ id, roles, initial }: { id: string; roles: RoleOption[]; initial: string }) {
  const error = useFieldError('role');
  const returned = useFieldValue('role');
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        Role
      </label>
      <select
        id={id}
        name="role"
        defaultValue={returned ?? initial}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={`block w-full rounded-md border bg-white px-3 py-2 ${error ? 'border-red-500' : 'border-slate-300'}`}
      >
        {roles.map((role) => (
          <option key={role.id} value={role.id} disabled={!role.assignable && role.id !== initial}>
            {role.name} ({role.summary}){role.assignable ? '' : ': needs permissions you don’t hold'}
          </option>
        ))}
      </select>
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
