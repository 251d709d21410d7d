/**
 * "Don't ask again on this browser for N days", shown when the company allows it. Inside a verify
 * form it is sent as `trustBrowser`; the Duo panel controls it (`checked`, `onChange`) and passes
 * it on to whichever of its forms finishes the sign-in.
 */
export function TrustBrowserCheckbox({
  days,
  checked,
  onChange,
}: {
  days: number;
  checked?: boolean;
  onChange?: (checked: boolean) => void;
}) {
  if (days <= 0) return null;
  const controlled = onChange ? { checked: Boolean(checked), onChange: () => onChange(!checked) } : {};
  return (
    <label className="flex min-h-6 items-start gap-2 text-sm text-slate-700">
      <input
        type="checkbox"
        name={onChange ? undefined : 'trustBrowser'}
        className="mt-0.5 h-4 w-4 shrink-0"
        {...controlled}
      />
      <span>
        Don’t ask again on this browser for {days} day{days === 1 ? '' : 's'}
      </span>
    </label>
  );
}
