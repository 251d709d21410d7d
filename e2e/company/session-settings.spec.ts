import { expect, test } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { companies, users } from '../../lib/db/schema';
import { e2eDb } from '../db';
import { signUpNewCompany } from '../helpers';
import { accessibilityProblems, confirmIdentity, expireConfirmations, openConfirmed } from '../admin/helpers';

const companyOf = async (email: string) => {
  const [row] = await e2eDb()
    .select({ idle: companies.sessionIdleMinutes, lifetime: companies.sessionLifetimeHours })
    .from(companies)
    .innerJoin(users, eq(users.companyId, companies.id))
    .where(eq(users.email, email));
  return row;
};

test('an admin sets how long sessions last, within the bounds the page states', async ({ page }) => {
  const admin = await signUpNewCompany(page);
  await openConfirmed(page, '/admin/company');
  expect(await accessibilityProblems(page)).toEqual([]);
  const section = page.getByRole('region', { name: 'Sessions' });
  await expect(section.getByTestId('company-sessions-status')).toHaveText(
    'Sessions end after 30 minutes without activity, and 12 hours after sign-in.',
  );
  await expect(section).toContainText('From 5 to 120 minutes; the default is 30.');
  await expect(section).toContainText('From 1 to 24 hours; the default is 12.');
  const idle = section.getByLabel('Idle timeout (minutes)');
  const lifetime = section.getByLabel('Maximum session length (hours)');
  const save = section.getByRole('button', { name: 'Save session settings' });

  // Outside the bounds (the browser's own checks are off: the server decides), nothing is saved.
  // The cases alternate fields, so each answer is told apart from the one before.
  for (const [i, l, field] of [
    ['4', '12', 'idle'],
    ['30', '25', 'lifetime'],
    ['121', '12', 'idle'],
    ['30', '0', 'lifetime'],
    ['', '12', 'idle'],
    ['30', '1.5', 'lifetime'],
  ] as const) {
    await idle.fill(i);
    await lifetime.fill(l);
    await save.click();
    const [wrong, right] = field === 'idle' ? [idle, lifetime] : [lifetime, idle];
    await expect(wrong, `${i} min / ${l} h`).toHaveAttribute('aria-invalid', 'true');
    await expect(right, `${i} min / ${l} h`).not.toHaveAttribute('aria-invalid');
    expect(await companyOf(admin.email)).toEqual({ idle: 30, lifetime: 12 });
  }

  await idle.fill('15');
  await lifetime.fill('8');
  await save.click();
  await expect(section.getByTestId('form-success')).toContainText('Saved');
  await expect(section.getByTestId('company-sessions-status')).toHaveText(
    'Sessions end after 15 minutes without activity, and 8 hours after sign-in.',
  );
  expect(await companyOf(admin.email)).toEqual({ idle: 15, lifetime: 8 });

  // Lengthening them is a weakening: after the confirmation window it asks again.
  await expireConfirmations(admin.email);
  await idle.fill('120');
  await lifetime.fill('24');
  await save.click();
  await expect(page).toHaveURL(/\/admin\/confirm\?next=%2Fadmin%2Fcompany$/);
  expect(await companyOf(admin.email)).toEqual({ idle: 15, lifetime: 8 });
  await confirmIdentity(page);
  await section.getByLabel('Idle timeout (minutes)').fill('120');
  await section.getByLabel('Maximum session length (hours)').fill('24');
  await save.click();
  await expect(section.getByTestId('company-sessions-status')).toHaveText(
    'Sessions end after 120 minutes without activity, and 24 hours after sign-in.',
  );

  await page.getByRole('link', { name: 'Activity' }).click();
  const rows = page.getByTestId('activity').getByRole('row').filter({ hasText: 'Changed how long sessions last' });
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText('Idle timeout 15 → 120 minutes; maximum session length 8 → 24 hours');
});
