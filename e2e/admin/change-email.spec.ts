import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { seedMember } from '../db';
import { PASSWORD, signUpNewCompany, submitPassword, waitForMessage } from '../helpers';
import { openConfirmed } from './helpers';

async function changeEmail(page: Page, userId: string, email: string): Promise<string> {
  await openConfirmed(page, `/admin/users/${userId}`);
  const form = page.getByRole('form', { name: 'Edit user' });
  await form.getByLabel('Email').fill(email);
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByTestId('pending-email-change')).toContainText(email);
  return (await form.getByTestId('form-success').textContent())!;
}

test('an admin changes a user’s email: it applies once the new address confirms, and the user signs in with it', async ({
  page,
  browser,
}) => {
  const admin = await signUpNewCompany(page);
  const member = await seedMember(admin.email);
  const address = `moved-${randomBytes(4).toString('hex')}@example.com`;
  const since = Date.now();
  const answer = await changeEmail(page, member.id, address);
  expect(answer).toContain('applies once someone opens the link we sent to it');

  const link = (await waitForMessage(address, (m) => m.at >= since)).text.match(
    /https?:\/\/\S+\/confirm-email\/[A-Za-z0-9_-]{43}/,
  )![0];
  const inbox = await (await browser.newContext()).newPage();
  await inbox.goto(link);
  await expect(inbox.getByTestId('new-email')).toHaveText(address);
  await inbox.getByRole('button', { name: 'Use this address' }).click();
  await expect(inbox.getByTestId('form-success')).toContainText('your account now uses this address');

  await submitPassword(inbox, member.email, PASSWORD);
  await expect(inbox.getByTestId('form-error')).toBeVisible();
  await submitPassword(inbox, address, PASSWORD);
  await expect(inbox.getByTestId('company-name')).toHaveText(admin.company);
  await inbox.context().close();
});

test('an address that belongs to another company gets the same answer as an unused one', async ({ page, browser }) => {
  const elsewhere = await signUpNewCompany(await (await browser.newContext()).newPage());
  const admin = await signUpNewCompany(page);
  const [first, second] = [await seedMember(admin.email), await seedMember(admin.email)];

  const taken = await changeEmail(page, first.id, elsewhere.email);
  const unused = await changeEmail(page, second.id, `nobody-${randomBytes(4).toString('hex')}@example.com`);
  expect(taken).toBe(unused);
});
