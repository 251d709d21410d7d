'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useId, useRef, useState, type MouseEvent } from 'react';
import { NavLinks } from './nav-links';

type Props = { userName: string; userEmail: string; permissions: readonly string[]; signOut: () => Promise<void> };

const FOCUS = 'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600';
const LOOK = `${FOCUS} min-h-10 w-full items-center rounded-md px-3 text-left text-sm text-slate-700 hover:bg-slate-100 hover:text-slate-900 aria-[current=page]:font-semibold aria-[current=page]:text-indigo-700`;
const ITEM = `flex ${LOOK}`;

/**
 * The user's menu: a disclosure button (the user's name on wide screens, "Menu" on narrow ones)
 * that opens a panel with Sign out and, on narrow screens, the main navigation that no longer fits
 * in the header. Escape closes it and gives focus back to the button; following a link, clicking
 * elsewhere or tabbing out of it closes it too.
 */
export function HeaderMenu({ userName, userEmail, permissions, signOut }: Props) {
  const pathname = usePathname();
  // The page the menu was opened on: a new page closes it (links are client-side navigations and
  // the header stays mounted), without an effect that resets state.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const setOpen = (value: boolean) => setOpenOn(value ? pathname : null);
  const container = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpenOn(null);
      button.current?.focus();
    };
    const onPointerDown = (event: PointerEvent) => {
      if (!container.current?.contains(event.target as Node)) setOpenOn(null);
    };
    const onFocusIn = (event: FocusEvent) => {
      if (!container.current?.contains(event.target as Node)) setOpenOn(null);
    };
    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('focusin', onFocusIn);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('focusin', onFocusIn);
    };
  }, [open]);

  // A link to the page already shown does not change the path: close on any link followed.
  const closeOnLink = (event: MouseEvent) => {
    if ((event.target as Element).closest('a')) setOpen(false);
  };

  return (
    <div ref={container}>
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
        className={`${FOCUS} flex min-h-10 items-center gap-2 rounded-md px-3 text-sm text-slate-700 hover:bg-slate-100 hover:text-slate-900`}
        data-testid="user-menu"
      >
        <MenuIcon />
        <span className="md:hidden">Menu</span>
        <span className="hidden max-w-48 truncate md:inline">{userName}</span>
        <span aria-hidden="true" className="hidden md:inline">
          ▾
        </span>
      </button>
      <div
        id={panelId}
        hidden={!open}
        onClick={closeOnLink}
        className="absolute right-2 top-full md:right-4 z-20 w-72 max-w-[calc(100vw-1rem)] rounded-lg border border-slate-200 bg-white p-2 shadow-lg"
        data-testid="user-menu-panel"
      >
        <nav aria-label="Main" className="border-b border-slate-200 pb-2 md:hidden">
          <NavLinks permissions={permissions} className={ITEM} />
        </nav>
        <div className="px-3 pb-1 pt-2">
          <p className="truncate text-sm font-medium text-slate-900">{userName}</p>
          <p className="truncate text-sm text-slate-600">{userEmail}</p>
        </div>
        <Link href="/account/security" className={`${LOOK} hidden md:flex`}>
          Account security
        </Link>
        <form action={signOut}>
          <button type="submit" className={ITEM}>
            Sign out
          </button>
        </form>
      </div>
    </div>
  );
}

function MenuIcon() {
  return (
    <svg className="h-5 w-5 md:hidden" viewBox="0 0 24 24" fill="none" stroke="currentColor" aria-hidden="true">
      <path d="M4 7h16M4 12h16M4 17h16" strokeWidth={1.8} strokeLinecap="round" />
    </svg>
  );
}
