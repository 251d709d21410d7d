'use client';

import Link from 'next/link';
import { ActionForm } from '@/components/action-form';
import { Field } from '@/components/field';
import { SubmitButton } from '@/components/submit-button';
import { startRecoveryAction, type RecoverState } from './actions';

type Props = {
  /** The user's security question, or null when they set none (then no answer is asked). */
  question: string | null;
  linkLifetime: string;
  signInLifetime: string;
  button: string;
};

type Sent = Extract<RecoverState, { ok: true }>['data'];

const announce = (d: Sent) =>
  d.awaiting === 'email' ? `We sent a link to ${d.maskedEmail}.` : 'Your request was sent to your administrators.';

/** Asks for help: with the security answer when there is one; what happens next depends on the path. */
export function RecoverForm({ question, linkLifetime, signInLifetime, button }: Props) {
  return (
    <ActionForm action={startRecoveryAction} success={announce} className="space-y-4" aria-label="Ask for help">
      {(state) => {
        if (state?.ok)
          return <NextSteps sent={state.data} linkLifetime={linkLifetime} signInLifetime={signInLifetime} />;
        if (state?.restart) {
          return (
            <Link href="/login" className="block text-center font-medium text-indigo-700 hover:underline">
              Sign in again
            </Link>
          );
        }
        return (
          <>
            {question && (
              <>
                <p
                  className="rounded-md bg-slate-100 px-3 py-2 font-medium text-slate-900"
                  data-testid="recovery-question"
                  id="recovery-question"
                >
                  {question}
                </p>
                <Field
                  label="Your answer"
                  name="answer"
                  autoComplete="off"
                  spellCheck={false}
                  hint="Case and extra spaces don’t matter."
                  required
                  autoFocus
                />
              </>
            )}
            <SubmitButton className="w-full" pendingLabel="Sending…">
              {button}
            </SubmitButton>
          </>
        );
      }}
    </ActionForm>
  );
}

function NextSteps({
  sent,
  linkLifetime,
  signInLifetime,
}: {
  sent: Sent;
  linkLifetime: string;
  signInLifetime: string;
}) {
  return (
    <div className="space-y-3 text-sm text-slate-700" data-testid="recovery-sent">
      {sent.awaiting === 'email' ? (
        <>
          <p>Open it within {linkLifetime} to send your request to your company’s administrators.</p>
          <p>
            An administrator will then check who you are, for example by calling you, before resetting two-factor
            authentication. After that, sign in with your password: that once, you won’t be asked for a second factor.
          </p>
        </>
      ) : (
        <>
          <p>
            An administrator will check who you are, for example by calling you, before approving it. We don’t email you
            a link to confirm: your sign-in codes go to that inbox.
          </p>
          <p>
            Once it is approved, sign in with your password within {signInLifetime}: that once, you won’t be asked for a
            code.
          </p>
        </>
      )}
    </div>
  );
}
