import type { Metadata } from 'next';
import { describeEventDetail, EVENT_LABELS, listCompanyEvents } from '@/lib/audit/list-company-events';
import { requireCompanyAdmin } from '@/lib/auth/guards';
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

/** The company's security events: who changed what about sign-in, and when. */
export default async function ActivityPage() {
  const { company } = await requireCompanyAdmin();
  const events = await listCompanyEvents(getDb(), company.id);
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">Activity</h1>
      <p className="text-sm text-slate-600">
        The latest {ACTIVITY_PAGE_SIZE} security events of {company.name}, newest first. Times are UTC.
      </p>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm" data-testid="activity">
          <thead className="text-slate-500">
            <tr>
              <th className="py-2 pr-4">When</th>
              <th className="pr-4">What</th>
              <th className="pr-4">Details</th>
              <th className="pr-4">By</th>
              <th className="pr-4">For</th>
              <th>Address</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id} className="border-t border-slate-200 align-top">
                <td className="whitespace-nowrap py-2 pr-4 text-slate-600">{when(e.createdAt)}</td>
                <td className="pr-4">{EVENT_LABELS[e.type] ?? e.type}</td>
                <td className="pr-4 text-slate-600">{describeEventDetail(e.type, e.detail)}</td>
                <td className="pr-4">{e.actor ?? e.target ?? '—'}</td>
                <td className="pr-4">{e.actor && e.target && e.target !== e.actor ? e.target : '—'}</td>
                <td className="text-slate-500">{e.ip ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
