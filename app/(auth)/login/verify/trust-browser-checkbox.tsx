/** "Don't ask again on this browser for N days": shown inside a verify form when the company allows it. */
export function TrustBrowserCheckbox({ days }: { days: number }) {
  if (days <= 0) return null;
  return (
    <label className="flex min-h-6 items-start gap-2 text-sm text-slate-700">
      <input type="checkbox" name="trustBrowser" className="mt-0.5 h-4 w-4 shrink-0" />
      <span>
        Don’t ask again on this browser for {days} day{days === 1 ? '' : 's'}
      </span>
    </label>
  );
}
