import NextAuth, { CredentialsSignin, type DefaultSession } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { after } from 'next/server';
import { getDb } from '../db/client';
import { revokeSession } from '../sessions/sessions';
import { notifyBackupCodeUsed } from '../sign-in/notify-backup-code-used';
import { redeemChallenge } from '../sign-in/redeem-challenge';
import { SESSION_LIFETIME_MAX_HOURS } from '../limits';
import { clientIpFrom } from '../net/client-ip';

declare module 'next-auth' {
  interface Session {
    sid?: string;
    user: DefaultSession['user'];
  }
  interface User {
    sessionId?: string;
  }
}

declare module '@auth/core/jwt' {
  interface JWT {
    sid?: string;
  }
}

/**
 * Auth.js issues the cookie; our `sessions` table decides whether it is still good. The only
 * credential Auth.js ever sees is a passed login challenge: the password and second factor were
 * checked before, by the sign-in actions, and the challenge is consumed here exactly once.
 */
export const { handlers, auth, signIn, signOut } = NextAuth({
  // The cookie may live as long as any company allows; the session row decides (idle and absolute).
  session: { strategy: 'jwt', maxAge: SESSION_LIFETIME_MAX_HOURS * 3600 },
  pages: { signIn: '/login' },
  providers: [
    Credentials({
      credentials: { ticket: {} },
      async authorize(credentials, request) {
        const ticket = typeof credentials?.ticket === 'string' ? credentials.ticket : '';
        if (!ticket) throw new CredentialsSignin();
        // One statement deletes the challenge and creates the session: it cannot be exchanged twice.
        const redeemed = await redeemChallenge(getDb(), {
          token: ticket,
          userAgent: request.headers.get('user-agent'),
          ip: clientIpFrom(request.headers),
        });
        if (!redeemed) throw new CredentialsSignin();
        if (redeemed.method === 'backup') after(() => notifyBackupCodeUsed(getDb(), redeemed.userId));
        return { id: redeemed.userId, sessionId: redeemed.sessionId };
      },
    }),
  ],
  events: {
    // Auth.js's own sign-out endpoint clears the cookie; the row must go too, or a copied JWT lives on.
    async signOut(message) {
      const sid = 'token' in message ? message.token?.sid : undefined;
      if (sid) await revokeSession(getDb(), sid);
    },
  },
  callbacks: {
    jwt({ token, user }) {
      if (user?.sessionId) token.sid = user.sessionId;
      return token;
    },
    session({ session, token }) {
      session.sid = token.sid;
      return session;
    },
  },
});
