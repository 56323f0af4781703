'use client';

import { useActionState } from 'react';
import type { Messages } from '../../i18n/messages';
import { createTokenAction, type CreateTokenState } from './actions';

export function CreateTokenForm({
  t,
  users,
}: {
  t: Messages['admin'];
  users: { id: string; label: string }[];
}) {
  const [state, action, pending] = useActionState<CreateTokenState, FormData>(
    createTokenAction,
    {},
  );
  const field = 'mt-1 block w-full rounded-md border border-slate-300 px-3 py-2';

  return (
    <form
      action={action}
      className={`grid gap-3 rounded-lg border border-slate-200 bg-white p-4
        sm:grid-cols-4 sm:items-end`}
    >
      <label className="block text-sm">
        {t.name}
        <input name="name" required maxLength={100} className={field} />
      </label>
      <label className="block text-sm">
        {t.actingAs}
        <select name="userId" className={field}>
          {users.map((user) => (
            <option key={user.id} value={user.id}>
              {user.label}
            </option>
          ))}
        </select>
      </label>
      <label className="block text-sm">
        {t.expiresInDays}
        <input name="expiresInDays" inputMode="numeric" className={field} />
      </label>
      <button
        disabled={pending}
        className="rounded-md bg-lagoon-700 px-4 py-2 font-semibold text-white disabled:opacity-60"
      >
        {t.create}
      </button>
      {state.error && (
        <p role="alert" className="text-sm text-alert sm:col-span-4">
          {state.error === 'invalid' ? t.invalid : t.forbidden}
        </p>
      )}
      {state.token && (
        <div className="rounded-md bg-amber-50 p-3 text-sm sm:col-span-4">
          <p>{t.created}</p>
          <code data-testid="new-token" className="mt-1 block break-all font-mono text-base">
            {state.token}
          </code>
        </div>
      )}
    </form>
  );
}
