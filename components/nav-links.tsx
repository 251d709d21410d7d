'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { Permission } from '@/lib/roles/permissions';

const LINKS = [
  { href: '/account/security', label: 'Security', needs: null },
  { href: '/admin/company', label: 'Company', needs: 'company:read' },
  { href: '/admin/users', label: 'Users', needs: 'users:read' },
  { href: '/admin/activity', label: 'Activity', needs: 'audit:read' },
] satisfies { href: string; label: string; needs: Permission | null }[];

/**
 * The main navigation's links, marked with aria-current on the section the user is in. The header
 * shows them in a row on wide screens and inside its menu on narrow ones (`className` styles each).
 * Only the sections the user's role may open are shown (each page checks the same permission).
 */
export function NavLinks({ permissions, className }: { permissions: readonly string[]; className: string }) {
  const pathname = usePathname();
  return LINKS.filter((link) => !link.needs || permissions.includes(link.needs)).map((link) => {
    const current = pathname === link.href || pathname.startsWith(`${link.href}/`);
    return (
      <Link key={link.href} href={link.href} aria-current={current ? 'page' : undefined} className={className}>
        {link.label}
      </Link>
    );
  });
}
