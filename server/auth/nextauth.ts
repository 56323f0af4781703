import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { getServerContext } from '../context';
import { signInWithPassword } from './sign-in';
import { CLIENT_IP_HEADER } from './client-ip';

class RateLimited extends CredentialsSignin {
  code = 'rate_limited';
}

/**
 * Auth.js for the pages: e-mail and password, a signed JWT in an HTTP-only cookie. The same
 * cookie authenticates socket.io and DICOMweb requests (server/auth/session-cookie.ts).
 */
export const { handlers, auth, signIn, signOut } = NextAuth({
  // The custom server sits behind whatever host name the hospital gives it.
  trustHost: true,
  session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
  pages: { signIn: '/signin' },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(credentials, request) {
        const { db, loginLimiter } = getServerContext();
        const ip = request.headers.get(CLIENT_IP_HEADER) ?? 'unknown';
        const result = await signInWithPassword({ db, limiter: loginLimiter }, credentials, ip);
        if (!result.ok) {
          if (result.reason === 'rate-limited') throw new RateLimited();
          return null;
        }
        return { id: result.user.id, email: result.user.email, name: result.user.name };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) token.uid = user.id;
      return token;
    },
    session({ session, token }) {
      if (typeof token.uid === 'string') session.user.id = token.uid;
      return session;
    },
  },
});
