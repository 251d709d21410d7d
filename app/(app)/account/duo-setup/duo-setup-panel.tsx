'use client';

import { useEffect } from 'react';
import { ActionForm } from '@/components/action-form';
import { DUO_SETUP_CHANNEL, DuoActivation, type DuoSetupMessage } from '@/components/duo-activation';
import { SubmitButton } from '@/components/submit-button';
import type { Result } from '@/lib/result';
import type { DuoSetupStarted } from '@/lib/twofactor/start-duo-setup';
import { ReauthPassword } from '../security/reauth-password';
import { startDuoSetupAction } from './actions';

type Pending = { activationUrl: string; expiresAt: string };
const FORM_ID = 'duo-setup-start';
const ACTIVATED = 'Your phone is activated. Duo is now your sign-in method; you can close this tab.';

/** Tells the tab that opened this one that Duo is now the method (it refreshes). */
function Announce({ userId }: { userId: string }) {
  useEffect(() => {
    const channel = new BroadcastChannel(DUO_SETUP_CHANNEL);
    channel.postMessage({ userId, status: 'activated' } satisfies DuoSetupMessage);
    channel.close();
  }, [userId]);
  return null;
}

function Activation({ userId, pending }: { userId: string; pending: Pending }) {
  return (
    <DuoActivation
      userId={userId}
      barcodeSrc="/account/duo-setup/barcode"
      statusUrl="/account/duo-setup/status"
      activatedText={ACTIVATED}
      {...pending}
    />
  );
}

function Started({ userId, state }: { userId: string; state: Result<DuoSetupStarted> | null }) {
  if (!state?.ok) return null;
  if (state.data.state === 'done')
    return (
      <p
        role="status"
        data-testid="duo-setup-status"
        className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800"
      >
        <Announce userId={userId} />
        Duo already knows you, so there is nothing to activate. Duo is now your sign-in method; you can close this tab.
      </p>
    );
  return <Activation userId={userId} pending={{ ...state.data, expiresAt: String(state.data.expiresAt) }} />;
}

/**
 * The Duo Setup tab: a setup in progress is shown again; otherwise it starts at once when the
 * session may make changes without the password, or after the password.
 */
export function DuoSetupPanel({
  userId,
  confirmed,
  pending,
}: {
  userId: string;
  confirmed: boolean;
  pending: Pending | null;
}) {
  useEffect(() => {
    if (!pending && confirmed) (document.getElementById(FORM_ID) as HTMLFormElement | null)?.requestSubmit();
  }, [pending, confirmed]);
  if (pending) return <Activation userId={userId} pending={pending} />;
  return (
    <ActionForm id={FORM_ID} action={startDuoSetupAction} success={null} className="space-y-4" aria-label="Duo Setup">
      {(state) =>
        state?.ok ? (
          <Started userId={userId} state={state} />
        ) : (
          <>
            <ReauthPassword confirmed={confirmed} id="duo-setup-password" />
            <SubmitButton pendingLabel="Asking Duo…">{state ? 'Try again' : 'Start Duo Setup'}</SubmitButton>
          </>
        )
      }
    </ActionForm>
  );
}
