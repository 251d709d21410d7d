import { eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { pendingSignUps, users, type User } from '../db/schema';
import { appUrl } from '../app-url';
import { hashPassword } from '../crypto/password';
import { hashToken, newToken } from '../crypto/tokens';
import { formatDuration } from '../format-duration';
import { HOUR_MS, SIGNUP_EMAILS_PER_ADDRESS_PER_HOUR, SIGNUP_LINK_LIFETIME_MS, signupsPerIpPerHour } from '../limits';
import { notifyUser } from '../messaging/notify-user';
import { sendEmail } from '../messaging/send-email';
import { SignUpLinkEmail } from '../messaging/templates/sign-up-link';
import { hitRateLimit, type RateLimitClaim } from '../rate-limit/hit';
import { fail, ok, type Result } from '../result';
import { checkNewPassword } from './check-new-password';
import { normalizeEmail } from './normalize';

export type SignUpRequest = {
  companyName: string;
  name: string;
  email: string;
  username?: string | null;
  password: string;
  ip: string;
  now?: Date;
};

/** Sign-up attempts from one address: each may cost a strength check, a hash and an email. */
export const signUpIpLimit = (ip: string): RateLimitClaim => ({
  key: `signup:ip:${ip}`,
  limit: signupsPerIpPerHour(),
  windowMs: HOUR_MS,
});

/**
 * Step one of sign-up: stores the request (the password already hashed) under the hash of a new
 * token, and emails the address: the link to confirm if the address is free, a note saying it
 * already has an account if not. The answer is the same either way ("check your email"), the
 * same statements run either way, and the email goes after the response, so neither the answer
 * nor its timing says whether an address is known. Nothing exists until the link is confirmed.
 */
export async function requestSignUp(db: Db, input: SignUpRequest): Promise<Result<{ email: string }>> {
  const now = input.now ?? new Date();
  const email = normalizeEmail(input.email);
  // Counted per IP before the strength check and the hash: a flood cannot queue up the CPU.
  const check = await checkNewPassword(db, {
    password: input.password,
    userInputs: [email, input.name, input.companyName, input.username ?? ''],
    countAgainst: [signUpIpLimit(input.ip)],
    now,
  });
  if (!check.ok) {
    if (check.retryAfterSeconds) return check;
    return fail('Please correct the highlighted fields.', { fieldErrors: { password: check.error } });
  }
  const passwordHash = await hashPassword(input.password);
  const perAddress = await hitRateLimit(db, {
    key: `signup:email:${email}`,
    limit: SIGNUP_EMAILS_PER_ADDRESS_PER_HOUR,
    windowMs: HOUR_MS,
    now,
  });
  if (!perAddress.allowed) return ok({ email });
  const [existing] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email))
    .limit(1);
  const token = newToken();
  // Stored even when the address is taken, so both answers do the same work; that row never
  // gets a link and simply expires.
  await db.insert(pendingSignUps).values({
    tokenHash: hashToken(token),
    email,
    companyName: input.companyName.trim(),
    name: input.name.trim(),
    username: input.username || null,
    passwordHash,
    ip: input.ip,
    createdAt: now,
    expiresAt: new Date(now.getTime() + SIGNUP_LINK_LIFETIME_MS),
  });
  await db.delete(pendingSignUps).where(lt(pendingSignUps.expiresAt, now));
  void (existing
    ? sendAlreadyRegistered(db, existing)
    : sendLink(db, { email, name: input.name.trim(), companyName: input.companyName.trim(), token }));
  return ok({ email });
}

async function sendLink(db: Db, input: { email: string; name: string; companyName: string; token: string }) {
  await sendEmail(db, {
    to: input.email,
    subject: 'Confirm your email to create your Latchkey account',
    react: SignUpLinkEmail({
      name: input.name,
      companyName: input.companyName,
      link: appUrl(`/signup/confirm/${input.token}`),
      lifetime: formatDuration(SIGNUP_LINK_LIFETIME_MS),
    }),
  }).catch(() => {
    // Nobody to tell: the requester sees "check your email" whatever happens, and may ask again.
  });
}

async function sendAlreadyRegistered(db: Db, user: User) {
  // Nothing the requester typed goes into this email: it reaches someone who did not ask for it.
  await notifyUser(db, {
    user,
    subject: 'Someone tried to create a Latchkey account with your address',
    paragraphs: [
      'Someone asked to create a new Latchkey company with this email address. It already belongs to your Latchkey account, so nothing was created and your account is unchanged.',
      `To sign in, go to ${appUrl('/login')}. If you forgot your password, you can reset it at ${appUrl('/forgot-password')}.`,
    ],
    footer: 'If this wasn’t you, you can ignore this email.',
  });
}
