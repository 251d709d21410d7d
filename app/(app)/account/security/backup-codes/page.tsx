import Link from 'next/link';
import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/guards';

export const metadata: Metadata = { title: 'Backup codes · Latchkey' };

/** Backup codes are shown once, right after they are created; this address cannot show them again. */
export default async function BackupCodesPage() {
  await requireUser();
  return (
    <section className="max-w-xl space-y-4">
      <h1 className="text-2xl font-semibold">Backup codes can’t be shown again</h1>
      <p className="text-slate-700">
        For your security, backup codes are shown only once, when they are created. If you did not save them, create a
        new set: the old codes will stop working.
      </p>
      <Link
        href="/account/security#regenerate"
        className="inline-block rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white"
      >
        Regenerate Recovery Codes
      </Link>
    </section>
  );
}
