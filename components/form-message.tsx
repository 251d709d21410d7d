import type { Ref } from 'react';
import type { FieldErrors } from '@/lib/result';

type Props = {
  error?: string | null;
  fieldErrors?: FieldErrors;
  success?: string | null;
  ref?: Ref<HTMLDivElement>;
};

/**
 * The one message a form shows after it was sent: an error summary (announced, and focusable so
 * focus can land on it when no single field is to blame) or a confirmation (announced politely).
 * The live regions are always rendered, so a screen reader hears a message that appears in them.
 */
export function FormMessage({ error, fieldErrors, success, ref }: Props) {
  const others = Object.values(fieldErrors ?? {}).filter((m) => m !== error);
  return (
    <>
      <div ref={ref} role="alert" tabIndex={-1} className="outline-none">
        {error ? (
          <div
            data-testid="form-error"
            className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
          >
            <p>{error}</p>
            {others.length > 1 && (
              <ul className="mt-1 list-disc pl-5">
                {others.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            )}
          </div>
        ) : null}
      </div>
      <div role="status">
        {success && !error ? (
          <div
            data-testid="form-success"
            className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800"
          >
            {success}
          </div>
        ) : null}
      </div>
    </>
  );
}
