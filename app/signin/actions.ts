'use server';

import { AuthError } from 'next-auth';
import { signIn } from '@/server/auth/nextauth';

export type SignInState = { error?: 'invalid' | 'rateLimited' | 'unavailable' };

export async function signInAction(_previous: SignInState, form: FormData): Promise<SignInState> {
  const callbackUrl = String(form.get('callbackUrl') ?? '/');
  try {
    await signIn('credentials', {
      email: form.get('email'),
      password: form.get('password'),
      // Only paths on this site: an open redirect would hand a session to a phishing page.
      redirectTo: callbackUrl.startsWith('/') && !callbackUrl.startsWith('//') ? callbackUrl : '/',
    });
    return {};
  } catch (error) {
    if (error instanceof AuthError) {
      const code = (error as AuthError & { code?: string }).code;
      if (error.type === 'CredentialsSignin')
        return { error: code === 'rate_limited' ? 'rateLimited' : 'invalid' };
      return { error: 'unavailable' };
    }
    // Success ends with a redirect, which Next implements as a thrown value.
    throw error;
  }
}
