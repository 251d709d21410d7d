import type { Metadata } from 'next';
import { TableRegion } from '@/components/table-region';
import { EmailText } from '../email-text';
import { describeEvent } from '@/lib/audit/describe-event';
import { listCompanyEvents } from '@/lib/audit/list-company-events';
import { requirePermission } from '@/lib/auth/guards';
import { getDb } from '@/lib/db/client';
import { ACTIVITY_PAGE_SIZE } from '@/lib/limits';

export const metadata: Metadata = { title: 'Activity · Latchkey' };

const when = (d: Date) =>
  d.toLocaleString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
  }) + ' UTC';

/** The company's security events, in plain words: who changed what about sign-in, for whom, and when. */
export default async function ActivityPage() {
  const { company } = await requirePermission('audit:read');
  const events = await listCompanyEvents(getDb(), company.id);
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">Activity</h1>
      <p className="text-sm text-slate-600">
        The latest {ACTIVITY_PAGE_SIZE} security events of {company.name}, newest first. Times are UTC.
      </p>
      <TableRegion label="Activity">
        <table className="w-full text-left text-sm" data-testid="activity">
          <thead className="text-slate-600">
            <tr className="[&>th]:px-3 [&>th]:py-2">
              <th>When</th>
              <th>What</th>
              <th>By</th>
              <th className="hidden sm:table-cell">For</th>
              <th className="hidden sm:table-cell">Address</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => {
              const row = describeEvent(e);
              return (
                <tr key={e.id} className="border-t border-slate-200 align-top [&>td]:px-3 [&>td]:py-2">
                  <td className="text-slate-600 sm:whitespace-nowrap">{when(e.createdAt)}</td>
                  <td data-testid="activity-what">
                    {row.what}
                    {row.detail && (
                      <span className="block text-slate-600" data-testid="activity-detail">
                        {row.detail}
                      </span>
                    )}
                    {row.subject !== '—' && (
                      <span className="block text-slate-600 sm:hidden">
                        For <EmailText value={row.subject} />
                      </span>
                    )}
                  </td>
                  <td className="break-words" data-testid="activity-by">
                    <EmailText value={row.by} />
                  </td>
                  <td className="hidden break-words sm:table-cell" data-testid="activity-for">
                    <EmailText value={row.subject} />
                  </td>
                  <td className="hidden text-slate-600 sm:table-cell" data-testid="activity-address">
                    {row.address}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableRegion>
    </section>
  );
}
