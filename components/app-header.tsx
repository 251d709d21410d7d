import Link from 'next/link';
import { HeaderMenu } from './header-menu';
import { NavLinks } from './nav-links';
import { PadlockIcon } from './padlock-icon';

type Props = {
  companyName: string;
  userName: string;
  userEmail: string;
  permissions: readonly string[];
  signOut: () => Promise<void>;
};

const FOCUS = 'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600';

/**
 * The header of every signed-in page: company, navigation, the user's menu and the padlock. It
 * never makes the page wider than the screen: below `md` the navigation moves into the menu and a
 * long company name is cut short, so Sign out and the padlock stay on screen down to 320 px.
 */
export function AppHeader({ companyName, userName, userEmail, permissions, signOut }: Props) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="relative mx-auto flex max-w-5xl items-center gap-2 px-4 py-2 md:gap-6">
        <Link
          href="/"
          className={`flex min-h-10 min-w-0 items-center font-semibold text-slate-900 ${FOCUS}`}
          data-testid="company-name"
        >
          <span className="truncate">{companyName}</span>
        </Link>
        <nav aria-label="Main" className="hidden items-center gap-1 text-sm md:flex">
          <NavLinks
            permissions={permissions}
            className={`flex min-h-10 items-center rounded-md px-2 text-slate-600 hover:bg-slate-100 hover:text-slate-900 aria-[current=page]:font-semibold aria-[current=page]:text-slate-900 ${FOCUS}`}
          />
        </nav>
        <div className="ml-auto flex shrink-0 items-center gap-1">
          <HeaderMenu userName={userName} userEmail={userEmail} permissions={permissions} signOut={signOut} />
          {/* The menu needs JavaScript; without it (or before a page hydrates for good) Sign out is here. */}
          <noscript>
            <form action={signOut}>
              <button
                type="submit"
                className={`flex min-h-10 items-center rounded-md px-3 text-sm text-slate-700 ${FOCUS}`}
              >
                Sign out
              </button>
            </form>
          </noscript>
          <Link
            href="/account/security"
            aria-label="Two-factor authentication and security settings"
            title="Two-factor authentication and security settings"
            className={`flex h-10 w-10 items-center justify-center rounded-md text-slate-600 hover:bg-slate-100 hover:text-indigo-700 ${FOCUS}`}
            data-testid="padlock"
          >
            <PadlockIcon className="h-6 w-6" />
          </Link>
        </div>
      </div>
    </header>
  );
}
