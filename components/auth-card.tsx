import type { ReactNode } from 'react';
import { PadlockIcon } from './padlock-icon';

/** The centred card every signed-out page uses. */
export function AuthCard({
  title,
  subtitle,
  children,
  footer,
}: {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-50 px-4 py-8 sm:py-12">
      <div className="w-full max-w-md">
        <p className="mb-6 flex items-center justify-center gap-2 text-lg font-bold tracking-tight text-indigo-700">
          <PadlockIcon className="h-6 w-6" /> Latchkey
        </p>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
          <h1 className="text-xl font-semibold text-slate-900">{title}</h1>
          {subtitle && <div className="mt-1 text-sm text-slate-600">{subtitle}</div>}
          <div className="mt-6">{children}</div>
        </div>
        {/* Links get a 28 px tall target (issue 9: touch targets of at least 24 px). */}
        {footer && (
          <div className="mt-6 text-center text-sm text-slate-600 [&_a]:inline-block [&_a]:py-1">{footer}</div>
        )}
      </div>
    </main>
  );
}
