import { ActionForm } from '@/components/action-form';
import { SubmitButton } from '@/components/submit-button';
import { getDb } from '@/lib/db/client';
import { describeUserAgent } from '@/lib/sessions/describe-user-agent';
import { listTrustedBrowsers } from '@/lib/sessions/trusted-browsers';
import { forgetTrustedBrowserAction } from './trusted-browsers-actions';

const day = (d: Date) => d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/**
 * The browsers that skip the user's second factor, each with "Forget". The form stays when the
 * last one is forgotten, so its confirmation is still announced.
 */
export async function TrustedBrowsersList({ userId }: { userId: string }) {
  const browsers = await listTrustedBrowsers(getDb(), { userId });
  return (
    <div className="mt-6">
      <h3 className="font-medium">Trusted browsers</h3>
      <p className="text-sm text-slate-600">
        {browsers.length > 0
          ? 'These browsers ask for your password but not your second factor. Forget any you no longer use.'
          : 'No browser skips your second factor.'}
      </p>
      <ActionForm
        action={forgetTrustedBrowserAction}
        success="Forgotten. That browser will ask for your second factor again."
        className="mt-2"
        aria-label="Trusted browsers"
      >
        {browsers.length > 0 && (
          <ul className="divide-y divide-slate-100" data-testid="trusted-browsers">
            {browsers.map((b) => (
              <li key={b.id} className="flex items-center justify-between gap-4 py-2 text-sm">
                <span>
                  <span className="font-medium">{describeUserAgent(b.userAgent)}</span>
                  <span className="text-slate-500">
                    {' '}
                    · added {day(b.createdAt)}
                    {b.lastUsedAt ? ` · last used ${day(b.lastUsedAt)}` : ''} · expires {day(b.expiresAt)}
                  </span>
                </span>
                <SubmitButton name="trustedBrowserId" value={b.id} variant="secondary" pendingLabel="Forgetting…">
                  Forget
                </SubmitButton>
              </li>
            ))}
          </ul>
        )}
      </ActionForm>
    </div>
  );
}
