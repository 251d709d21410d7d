import type { UserStatus } from '@/lib/admin/list-users';

/** The status filter's choices, and each status as the table shows it (in words, never colour alone). */
export const STATUS_FILTERS: { value: UserStatus | ''; label: string }[] = [
  { value: '', label: 'All' },
  { value: 'active', label: 'Active' },
  { value: 'deactivated', label: 'Deactivated' },
  { value: 'invited', label: 'Invited' },
];
export const STATUS_BADGES: Record<UserStatus, { label: string; className: string }> = {
  active: { label: 'Active', className: 'bg-emerald-50 text-emerald-800 ring-emerald-200' },
  deactivated: { label: 'Deactivated', className: 'bg-slate-100 text-slate-700 ring-slate-300' },
  invited: { label: 'Invited', className: 'bg-amber-50 text-amber-900 ring-amber-200' },
};

/**
 * Search and the status filter, sent as GET query parameters (?q=…&status=…), so they work without
 * JavaScript and a filtered list can be bookmarked.
 */
export function UserFilters({ query, status }: { query: string; status: UserStatus | undefined }) {
  return (
    <form role="search" action="/admin/users" className="flex max-w-2xl flex-wrap items-end gap-2">
      <div className="min-w-0 flex-1 basis-56">
        <label htmlFor="user-search" className="sr-only">
          Search users
        </label>
        <input
          id="user-search"
          name="q"
          type="search"
          defaultValue={query}
          placeholder="Search by name, email or username"
          className="block w-full min-w-0 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
        />
      </div>
      <div className="flex items-center gap-2">
        <label htmlFor="user-status" className="text-sm font-medium text-slate-800">
          Status
        </label>
        <select
          id="user-status"
          name="status"
          defaultValue={status ?? ''}
          className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
        >
          {STATUS_FILTERS.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
      </div>
      <button
        type="submit"
        className="rounded-md bg-white px-3 py-2 text-sm font-medium ring-1 ring-slate-300 hover:bg-slate-50"
      >
        Search
      </button>
    </form>
  );
}
