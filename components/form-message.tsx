/** The one message a form shows after it was sent: an error or a confirmation. */
export function FormMessage({ error, success }: { error?: string | null; success?: string | null }) {
  if (error) {
    return (
      <div
        role="alert"
        data-testid="form-error"
        className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
      >
        {error}
      </div>
    );
  }
  if (success) {
    return (
      <div
        role="status"
        data-testid="form-success"
        className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800"
      >
        {success}
      </div>
    );
  }
  return null;
}
