'use client';

import {
  createContext,
  startTransition,
  useActionState,
  useContext,
  useEffect,
  useId,
  useRef,
  useState,
  type FormEvent,
  type FormHTMLAttributes,
  type ReactNode,
} from 'react';
import type { Failure, Result } from '@/lib/result';
import { FormMessage } from './form-message';

/** What the fields of a form read: the failure on show (if any) and whether the form is working. */
type FormContextValue = { failure: Failure | null; pending: boolean };

const FormContext = createContext<FormContextValue | null>(null);

/** Sent when any form of the page is submitted: every other form's message is now stale. */
const SUBMIT_EVENT = 'latchkey:form-submit';

type Action<T> = (previous: Result<T> | null, formData: FormData) => Promise<Result<T>>;

type Props<T> = Omit<FormHTMLAttributes<HTMLFormElement>, 'action' | 'onSubmit' | 'children'> & {
  action: Action<T>;
  /** Announced after a successful submit ("Saved"); a function can name what was done. */
  success?: string | ((data: T) => string | null) | null;
  /** Clear every field after a successful submit (an invitation sent, a password changed). */
  resetOnSuccess?: boolean;
  /** Renders from the form's last answer (the codes of an enabled authenticator), kept until the next one. */
  children: ReactNode | ((state: Result<T> | null) => ReactNode);
};

/**
 * The one form pattern (issue 9): what the user typed or chose survives an error, the error is
 * announced in a summary (role=alert) and focus moves to the first invalid field (or the summary),
 * each field is tied to its message, a success is announced (role=status), and every message is
 * cleared by the next submit of any form on the page. It posts without JavaScript too: the action
 * is the form's `action`, and the server's answer renders the same way.
 */
export function ActionForm<T>({ action, success, resetOnSuccess, children, className, ...rest }: Props<T>) {
  const [state, dispatch, pending] = useActionState<Result<T> | null, FormData>(action, null);
  // The answer on show goes stale when any form of the page is sent again; a new answer is a new
  // object, so it is fresh by itself.
  const [staleAnswer, setStaleAnswer] = useState<Result<T> | null>(null);
  const stale = state !== null && staleAnswer === state;
  const form = useRef<HTMLFormElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  const id = useId();

  useEffect(() => {
    const onSubmitElsewhere = (event: Event) => {
      if ((event as CustomEvent<string>).detail !== id) setStaleAnswer(state);
    };
    window.addEventListener(SUBMIT_EVENT, onSubmitElsewhere);
    return () => window.removeEventListener(SUBMIT_EVENT, onSubmitElsewhere);
  }, [id, state]);

  useEffect(() => {
    if (!state) return;
    if (state.ok) {
      if (resetOnSuccess) form.current?.reset();
      else clearSecrets(form.current);
      return;
    }
    const invalid = form.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    const target = invalid ?? summary.current;
    target?.focus();
    if (invalid instanceof HTMLInputElement && invalid.type !== 'radio' && invalid.type !== 'checkbox')
      invalid.select();
  }, [state, resetOnSuccess]);

  // With JavaScript the form is sent from here, not by React's form action, so React does not
  // reset the fields afterwards: a failed save keeps the user's choice (issue 9 #2).
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    setStaleAnswer(state);
    window.dispatchEvent(new CustomEvent(SUBMIT_EVENT, { detail: id }));
    startTransition(() => dispatch(data));
  }

  const shown = stale || pending ? null : state;
  const failure = shown && !shown.ok ? shown : null;
  const successText = shown?.ok && success ? (typeof success === 'function' ? success(shown.data) : success) : null;
  return (
    <FormContext value={{ failure, pending }}>
      <form ref={form} action={dispatch} onSubmit={submit} noValidate className={className} {...rest}>
        <FormMessage ref={summary} error={failure?.error} fieldErrors={failure?.fieldErrors} success={successText} />
        {typeof children === 'function' ? children(state) : children}
      </form>
    </FormContext>
  );
}

/** Passwords and codes are not kept once they did their job. */
function clearSecrets(form: HTMLFormElement | null) {
  form
    ?.querySelectorAll<HTMLInputElement>('input[type="password"], input[autocomplete="one-time-code"]')
    .forEach((i) => {
      i.value = '';
    });
}

/** The message for one field of the surrounding ActionForm, if it failed. */
export function useFieldError(name: string): string | undefined {
  return useContext(FormContext)?.failure?.fieldErrors?.[name];
}

/** What the user typed, as the server handed it back (a form posted without JavaScript). */
export function useFieldValue(name: string): string | undefined {
  return useContext(FormContext)?.failure?.values?.[name];
}

/** Whether the surrounding ActionForm is being sent. */
export function useFormPending(): boolean {
  return useContext(FormContext)?.pending ?? false;
}
