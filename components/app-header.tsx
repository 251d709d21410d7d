import Link from 'next/link';
import { PadlockIcon } from './padlock-icon';

type Props = {
  companyName: string;
  userName: string;
  userEmail: string;
  isAdmin: boolean;
  signOut: () => Promise<void>;
};

/** The header of every signed-in page: company, navigation, the user's menu and the padlock. */
export function AppHeader({ companyName, userName, userEmail, isAdmin, signOut }: Props) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-5xl items-center gap-6 px-4 py-3">
        <Link href="/" className="font-semibold text-slate-900" data-testid="company-name">
          {companyName}
        </Link>
        <nav aria-label="Main" className="flex gap-4 text-sm text-slate-600">
          <Link href="/account/security" className="hover:text-slate-900">
            Security
          </Link>
          {isAdmin && (
            <>
              <Link href="/admin/company" className="hover:text-slate-900">
                Company
              </Link>
              <Link href="/admin/users" className="hover:text-slate-900">
                Users
              </Link>
              <Link href="/admin/activity" className="hover:text-slate-900">
                Activity
              </Link>
            </>
          )}
        </nav>
        <div className="ml-auto flex items-center gap-3">
          <details className="relative">
            <summary
              className="cursor-pointer list-none rounded-md px-2 py-1 text-sm text-slate-700 hover:bg-slate-100"
              data-testid="user-menu"
            >
              {userName} <span aria-hidden="true">▾</span>
            </summary>
            <div className="absolute right-0 z-10 mt-2 w-64 rounded-md border border-slate-200 bg-white p-3 shadow-lg">
              <p className="truncate text-sm text-slate-500">{userEmail}</p>
              <Link href="/account/security" className="mt-2 block rounded px-2 py-1 text-sm hover:bg-slate-100">
                Account security
              </Link>
              <form action={signOut}>
                <button type="submit" className="mt-1 w-full rounded px-2 py-1 text-left text-sm hover:bg-slate-100">
                  Sign out
                </button>
              </form>
            </div>
          </details>
          <Link
            href="/account/security"
            aria-label="Two-factor and security settings"
            title="Two-factor and security settings"
            className="rounded-md p-1.5 text-slate-600 hover:bg-slate-100 hover:text-indigo-700"
            data-testid="padlock"
          >
            <PadlockIcon className="h-6 w-6" />
          </Link>
        </div>
      </div>
    </header>
  );
}
