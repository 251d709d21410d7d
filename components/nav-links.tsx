'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const LINKS = [
  { href: '/account/security', label: 'Security', admin: false },
  { href: '/admin/company', label: 'Company', admin: true },
  { href: '/admin/users', label: 'Users', admin: true },
  { href: '/admin/activity', label: 'Activity', admin: true },
];

/**
 * The main navigation's links, marked with aria-current on the section the user is in. The header
 * shows them in a row on wide screens and inside its menu on narrow ones (`className` styles each).
 */
export function NavLinks({ isAdmin, className }: { isAdmin: boolean; className: string }) {
  const pathname = usePathname();
  return LINKS.filter((link) => isAdmin || !link.admin).map((link) => {
    const current = pathname === link.href || pathname.startsWith(`${link.href}/`);
    return (
      <Link key={link.href} href={link.href} aria-current={current ? 'page' : undefined} className={className}>
        {link.label}
      </Link>
    );
  });
}
