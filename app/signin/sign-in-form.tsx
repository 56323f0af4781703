'use client';

import { useActionState } from 'react';
import type { Messages } from '../i18n/messages';
import { signInAction, type SignInState } from './actions';

const inputClass = [
  'mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base',
  'focus:border-lagoon-600 focus:outline-none focus:ring-2 focus:ring-lagoon-100',
].join(' ');

export function SignInForm({
  t,
  callbackUrl,
  email,
}: {
  t: Messages['signIn'];
  callbackUrl: string;
  /** Prefilled from a sign-in link (the demo prints one per account). */
  email?: string;
}) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signInAction, {});

  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <label className="block">
        <span className="text-sm font-medium text-slate-700">{t.email}</span>
        <input
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={email}
          className={inputClass}
        />
      </label>
      <label className="block">
        <span className="text-sm font-medium text-slate-700">{t.password}</span>
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className={inputClass}
        />
      </label>
      {state.error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-alert">
          {t[state.error]}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className={
          'w-full rounded-md bg-lagoon-700 px-4 py-2.5 font-semibold text-white ' +
          'hover:bg-lagoon-600 disabled:opacity-60'
        }
      >
        {pending ? t.submitting : t.submit}
      </button>
    </form>
  );
}
