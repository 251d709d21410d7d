/**
 * Signs one user in with a real Chromium (Playwright) and keeps the two server-action requests the
 * page's JavaScript sends: the login form's and the verify form's. The load replays their exact
 * shape (headers, multipart body) with each virtual user's own values.
 */
import { chromium, type Request } from '@playwright/test';
import { generateSync } from 'otplib';
import { BENCH, PASSWORD } from './config';
import type { VirtualUser } from './seed';

export type CapturedRequest = {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: Buffer;
  /** What the browser got back, and every request it sent after the action until the page settled. */
  response: { status: number; headers: Record<string, string> };
  followUps: string[];
};

export type Capture = { login: CapturedRequest; verify: CapturedRequest; browser: string };

const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

async function describe(request: Request): Promise<Omit<CapturedRequest, 'followUps'>> {
  const response = await request.response();
  if (!response) throw new Error(`No response to ${request.method()} ${request.url()}`);
  return {
    url: request.url(),
    method: request.method(),
    headers: await request.allHeaders(),
    body: request.postDataBuffer() ?? Buffer.alloc(0),
    response: { status: response.status(), headers: await response.allHeaders() },
  };
}

export async function captureSignIn(baseUrl: string, user: VirtualUser): Promise<Capture> {
  const browser = await chromium.launch({ executablePath: BENCH.chromium, args: LAUNCH_ARGS });
  try {
    const page = await (await browser.newContext({ baseURL: baseUrl })).newPage();
    const sent: Request[] = [];
    page.on('request', (request) => sent.push(request));
    const isAction = (request: Request) => request.method() === 'POST' && Boolean(request.headers()['next-action']);

    await page.goto('/login');
    await page.waitForLoadState('networkidle');
    sent.length = 0;
    await page.getByLabel('Email or username').fill(user.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/login/verify');
    await page.waitForLoadState('networkidle');
    const loginAction = sent.find(isAction);
    if (!loginAction) throw new Error('The login form sent no server-action request: is JavaScript running?');
    const login = { ...(await describe(loginAction)), followUps: followUps(sent, loginAction) };

    sent.length = 0;
    const code = generateSync({ secret: user.secret, epoch: Math.floor(Date.now() / 1000) });
    await page.getByLabel('Authenticator code').fill(code);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.waitForLoadState('networkidle');
    const verifyAction = sent.find(isAction);
    if (!verifyAction) throw new Error('The verify form sent no server-action request.');
    const verify = { ...(await describe(verifyAction)), followUps: followUps(sent, verifyAction) };
    return { login, verify, browser: `Chromium ${browser.version()}` };
  } finally {
    await browser.close();
  }
}

function followUps(sent: Request[], action: Request): string[] {
  return sent
    .slice(sent.indexOf(action) + 1)
    .map((request) => `${request.method()} ${new URL(request.url()).pathname}`);
}
