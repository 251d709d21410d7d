import { getDb } from '@/lib/db/client';
import type { Session } from '@/lib/db/schema';
import { describeUserAgent } from '@/lib/sessions/describe-user-agent';
import { listActiveSessions } from '@/lib/sessions/list-sessions';
import { SubmitButton } from '@/components/submit-button';
import { endSessionsAction } from './sessions-actions';

const when = (d: Date) =>
  d.toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }) +
  ' UTC';

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
      <ul className="mt-4 divide-y divide-slate-100" data-testid="sessions">
        {sessions.map((s: Session) => (
          <li key={s.id} className="flex items-center justify-between gap-4 py-2 text-sm">
            <span>
              <span className="font-medium">{describeUserAgent(s.userAgent)}</span>
              <span className="text-slate-500">
                {' '}
                · {s.ip ?? 'unknown address'} · since {when(s.createdAt)}
                {s.secondFactorAt ? ' · two-factor checked' : ''}
              </span>
            </span>
            {s.id === currentSessionId ? (
              <span className="text-xs font-medium text-green-700">This device</span>
            ) : (
              <form action={endSessionsAction}>
                <input type="hidden" name="sessionId" value={s.id} />
                <SubmitButton variant="secondary" pendingLabel="Signing out…">
                  Sign out
                </SubmitButton>
              </form>
            )}
          </li>
        ))}
      </ul>
      {others.length > 1 && (
        <form action={endSessionsAction} className="mt-4">
          <SubmitButton variant="secondary" pendingLabel="Signing out…">
            Sign out all other sessions
          </SubmitButton>
        </form>
      )}
    </section>
  );
}
