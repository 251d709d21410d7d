import { Field } from '@/components/field';
import { can, getCurrentSession } from '@/lib/auth/guards';
import type { User } from '@/lib/db/schema';
import { EMAIL_MAX_LENGTH } from '@/lib/limits';
import { deleteUserAction, setAccessAction } from './access-actions';
import { StepForm } from './step-form';

const CARD = 'rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6';

/**
 * "Access" on a user's page: deactivate or reactivate them, or delete them once the admin typed
 * their email. Everyone who can open the page sees whether the user is active; the buttons need
 * users:write (and their actions a recent confirmation of the admin).
 */
export async function AccessPanel({ user }: { user: User }) {
  const current = await getCurrentSession();
  const mayChange = current !== null && can(current, 'users:write');
  return (
    <section className={CARD} aria-labelledby="access-title" data-testid="access-panel">
      <h2 id="access-title" className="text-lg font-semibold">
        Access
      </h2>
      <p className="mt-1 text-sm text-slate-700" data-testid="access-status">
        {user.disabled
          ? `${user.name} is deactivated: they cannot sign in, reset their password or use the API.`
          : `${user.name} is active.`}
      </p>
      {mayChange && (
        <div className="mt-4 space-y-6">
          <div className="space-y-2">
            <h3 className="font-medium">{user.disabled ? 'Reactivate' : 'Deactivate'}</h3>
            <p className="text-sm text-slate-600">
              {user.disabled
                ? 'Lets them sign in again with their password and second factor. Links emailed before they were deactivated stay void; they can ask for new ones.'
                : 'For someone who left or should not get in for now. Signs them out everywhere at once, and stops them signing in, resetting their password or using account recovery; links already emailed to them stop working. Their API keys are kept but refused. You can reactivate them later.'}
            </p>
            {/* One form for both states, so its answer stays on screen when the page refreshes. */}
            <StepForm
              action={setAccessAction}
              userId={user.id}
              label={user.disabled ? 'Reactivate user' : 'Deactivate user'}
              button={user.disabled ? 'Reactivate' : 'Deactivate'}
              variant={user.disabled ? 'primary' : 'danger'}
              pendingLabel={user.disabled ? 'Reactivating…' : 'Deactivating…'}
            >
              <input type="hidden" name="disabled" value={user.disabled ? 'false' : 'true'} />
            </StepForm>
          </div>
          <div className="space-y-2 border-t border-slate-200 pt-4">
            <h3 className="font-medium">Delete user</h3>
            <p className="text-sm text-slate-600">
              Removes the account for good, with its sessions, second factors and API keys. Activity keeps their events,
              under their email. This cannot be undone: to keep the account, deactivate it instead.
            </p>
            <StepForm
              action={deleteUserAction}
              userId={user.id}
              label="Delete user"
              button="Delete user"
              variant="danger"
              pendingLabel="Deleting…"
            >
              <Field
                id="delete-confirmation"
                name="confirmation"
                label={`Type their email, ${user.email}, to confirm`}
                maxLength={EMAIL_MAX_LENGTH}
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
                inputMode="email"
                className="max-w-md text-sm"
              />
            </StepForm>
          </div>
        </div>
      )}
    </section>
  );
}
