'use client';

import type { InputHTMLAttributes } from 'react';
import { useFieldError, useFieldValue } from './action-form';

type FieldProps = InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  name: string;
  error?: string;
  hint?: string;
};

/**
 * A labelled input with its hint and error, wired up for screen readers. Inside an ActionForm it
 * takes its error (and, after a post without JavaScript, what was typed, over any saved value) from the
 * form's last answer.
 */
export function Field({ label, name, error, hint, id, className, defaultValue, ...input }: FieldProps) {
  const formError = useFieldError(name);
  const returned = useFieldValue(name);
  const message = error ?? formError;
  const inputId = id ?? `field-${name}`;
  const describedBy = [hint && `${inputId}-hint`, message && `${inputId}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={inputId} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={inputId}
        name={name}
        aria-invalid={message ? true : undefined}
        aria-describedby={describedBy}
        defaultValue={
          'value' in input ? undefined : ((input.type === 'password' ? undefined : returned) ?? defaultValue)
        }
        className={`block w-full rounded-md border bg-white px-3 py-2 text-slate-900 shadow-sm focus:outline-none focus:ring-2 focus:ring-indigo-500 ${
          message ? 'border-red-500' : 'border-slate-300'
        } ${className ?? ''}`}
        {...input}
      />
      {hint && (
        <p id={`${inputId}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      )}
      {message && (
        <p id={`${inputId}-error`} className="text-sm text-red-700">
          {message}
        </p>
      )}
    </div>
  );
}
