import NextAuth, { CredentialsSignin, type DefaultSession } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { getDb } from '../db/client';
import { createSession, revokeSession } from '../sessions/sessions';
import { recordAudit } from '../audit/record';
import { redeemLoginChallenge } from '../sessions/login-challenge';
import { SESSION_LIFETIME_MS } from '../limits';
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
  session: { strategy: 'jwt', maxAge: SESSION_LIFETIME_MS / 1000 },
  pages: { signIn: '/login' },
  providers: [
    Credentials({
      credentials: { ticket: {} },
      async authorize(credentials, request) {
        const ticket = typeof credentials?.ticket === 'string' ? credentials.ticket : '';
        if (!ticket) throw new CredentialsSignin();
        const db = getDb();
        // Delete before issuing the session: a challenge must not be exchanged twice.
        const redeemed = await redeemLoginChallenge(db, ticket);
        if (!redeemed) throw new CredentialsSignin();
        const session = await createSession(db, {
          userId: redeemed.userId,
          secondFactor: redeemed.secondFactor,
          userAgent: request.headers.get('user-agent'),
          ip: clientIpFrom(request.headers),
        });
        await recordAudit(db, {
          type: 'session.created',
          companyId: redeemed.companyId,
          actorUserId: redeemed.userId,
          targetUserId: redeemed.userId,
          detail: { secondFactor: redeemed.secondFactor },
          ip: session.ip,
        });
        return { id: redeemed.userId, sessionId: session.id };
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
