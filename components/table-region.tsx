import type { ReactNode } from 'react';

/**
 * The one wrapper for a data table: on a narrow screen the table scrolls inside this region, never
 * the page, and the region takes keyboard focus so the hidden columns can be reached (axe
 * scrollable-region-focusable). It is positioned, so `sr-only` cells inside cannot widen the page. Hide secondary columns below `sm` with `hidden sm:table-cell`.
 */
export function TableRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      className="relative max-w-full overflow-x-auto rounded-lg border border-slate-200 bg-white focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
    >
      {children}
    </div>
  );
}
