import { getDb } from '@/lib/db/client';
import type { Session } from '@/lib/db/schema';
import { describeUserAgent } from '@/lib/sessions/describe-user-agent';
import { listActiveSessions } from '@/lib/sessions/list-sessions';
import { ActionForm } from '@/components/action-form';
import { SubmitButton } from '@/components/submit-button';
import { endSessionsAction } from './sessions-actions';
import { TrustedBrowsersList } from './trusted-browsers-list';

const when = (d: Date) =>
  d.toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }) +
  ' UTC';

/** An IPv4 address as people write it, not in its IPv6-mapped form ("::ffff:127.0.0.1"). */
const plainAddress = (ip: string) => ip.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');

/** Where the user is signed in, with a way to end any session but this one. */
export async function SessionsSection({
  userId,
  currentSessionId,
  className,
}: {
  userId: string;
  currentSessionId: string;
  className: string;
}) {
  const sessions = await listActiveSessions(getDb(), userId);
  const others = sessions.filter((s) => s.id !== currentSessionId);
  return (
    <section className={className} aria-labelledby="sessions-title">
      <h2 id="sessions-title" className="text-lg font-semibold">
        Where you’re signed in
      </h2>
      <ActionForm
        action={endSessionsAction}
        success="Signed out."
        className="mt-4"
        aria-label="Sign out other sessions"
      >
        <ul className="divide-y divide-slate-100" data-testid="sessions">
          {sessions.map((s: Session) => (
            <li key={s.id} className="flex items-center justify-between gap-4 py-2 text-sm">
              <span>
                <span className="font-medium">{describeUserAgent(s.userAgent)}</span>
                <span className="text-slate-500">
                  {' '}
                  · {s.ip ? plainAddress(s.ip) : 'unknown address'} · since {when(s.createdAt)}
                  {s.secondFactorAt ? ' · signed in with 2FA' : ''}
                </span>
              </span>
              {s.id === currentSessionId ? (
                <span className="text-xs font-medium text-green-700">This device</span>
              ) : (
                <SubmitButton name="sessionId" value={s.id} variant="secondary" pendingLabel="Signing out…">
                  Sign out
                </SubmitButton>
              )}
            </li>
          ))}
        </ul>
        {others.length > 1 && (
          <SubmitButton variant="secondary" pendingLabel="Signing out…" className="mt-4">
            Sign out all other sessions
          </SubmitButton>
        )}
      </ActionForm>
      <TrustedBrowsersList userId={userId} />
    </section>
  );
}
