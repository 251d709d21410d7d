'use client';

import type { ButtonHTMLAttributes } from 'react';
import { useFormStatus } from 'react-dom';
import { useFormPending } from './action-form';

type Props = ButtonHTMLAttributes<HTMLButtonElement> & {
  pendingLabel?: string;
  variant?: 'primary' | 'danger' | 'secondary';
};

const VARIANTS = {
  primary: 'bg-indigo-600 text-white hover:bg-indigo-700 focus-visible:outline-indigo-600',
  danger: 'bg-red-600 text-white hover:bg-red-700 focus-visible:outline-red-600',
  secondary:
    'bg-white text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 focus-visible:outline-slate-600',
};

/** A submit button that shows its form is working and cannot be double-submitted. */
export function SubmitButton({ children, pendingLabel, variant = 'primary', className, disabled, ...rest }: Props) {
  // An ActionForm sends through a transition, which useFormStatus does not see.
  const status = useFormStatus();
  const formPending = useFormPending();
  const pending = status.pending || formPending;
  return (
    <button
      type="submit"
      disabled={pending || disabled}
      aria-disabled={pending || disabled}
      className={`inline-flex justify-center rounded-md px-4 py-2 text-sm font-semibold shadow-sm focus-visible:outline-2 focus-visible:outline-offset-2 disabled:cursor-not-allowed disabled:opacity-60 ${VARIANTS[variant]} ${className ?? ''}`}
      {...rest}
    >
      {pending ? (pendingLabel ?? 'Working…') : children}
    </button>
  );
}
