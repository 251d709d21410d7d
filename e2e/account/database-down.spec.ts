import { expect, test } from '@playwright/test';
import { DOWN_APP_PORT } from '../config';

const DOWN_URL = `http://127.0.0.1:${DOWN_APP_PORT}`;

test('with the database down, sign-in says what happened and the outage page is a real 503', async ({ page }) => {
  await page.goto(`${DOWN_URL}/login`);
  await page.getByLabel('Email or username').fill('someone@example.com');
  await page.getByLabel('Password').fill('quartz lantern orbit meadow 42');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('form-error')).toContainText("can't reach its database");
  await expect(page.getByLabel('Email or username')).toHaveValue('someone@example.com');

  const response = await page.goto(`${DOWN_URL}/unavailable`);
  expect(response?.status()).toBe(503);
  await expect(page.getByRole('heading')).toHaveText('Latchkey is briefly unavailable');
});

test('with the database down, pages that read it without a guard answer 503, not 500', async ({ request }) => {
  // A challenge cookie makes the two-factor pages read the database; a link page always does.
  const cookie = { Cookie: 'lk_challenge=some-challenge-token' };
  for (const path of [
    '/login/verify',
    '/login/recover',
    '/reset-password/a-token-that-needs-the-database-to-check',
    '/recover/confirm/a-token-that-needs-the-database-to-check',
    '/recover/cancel/a-token-that-needs-the-database-to-check',
    '/invite/a-token-that-needs-the-database-to-check',
  ]) {
    const response = await request.get(`${DOWN_URL}${path}`, { headers: cookie });
    expect(response.status(), path).toBe(503);
    expect(response.url(), path).toMatch(/\/unavailable$/);
  }
});
