import { getServerContext } from '@/server/context';
import { getMessages } from '../../i18n/locale';
import { requireUser } from '../../lib/current-user';
import { CreateTokenForm } from './create-token-form';
import { revokeTokenAction } from './actions';

export default async function AdminPage() {
  const user = await requireUser();
  const { locale, t } = await getMessages();
  if (user.role !== 'ADMIN') {
    return <p className="rounded-md bg-red-50 p-4 text-alert">{t.admin.forbidden}</p>;
  }

  const { db } = getServerContext();
  const [tokens, users] = await Promise.all([
    db.apiToken.findMany({
      orderBy: { createdAt: 'desc' },
      include: { user: { select: { email: true } } },
    }),
    db.user.findMany({ orderBy: { email: 'asc' }, include: { site: { select: { name: true } } } }),
  ]);
  const date = (value: Date | null) =>
    value
      ? value.toLocaleString(locale === 'fr' ? 'fr-FR' : 'en-GB', {
          timeZone: 'America/Martinique',
        })
      : t.admin.never;
  const status = (token: (typeof tokens)[number]) =>
    token.revokedAt
      ? t.admin.revoked
      : token.expiresAt && token.expiresAt < new Date()
        ? t.admin.expired
        : t.admin.active;

  return (
    <section className="space-y-6">
      <h1 className="text-2xl font-bold text-lagoon-900">{t.admin.title}</h1>
      <div className="space-y-3">
        <h2 className="text-lg font-semibold">{t.admin.tokens}</h2>
        <p className="text-sm text-slate-600">{t.admin.tokensHelp}</p>
        <CreateTokenForm
          t={t.admin}
          users={users.map((u) => ({
            id: u.id,
            label: `${u.email} (${t.roles[u.role]}, ${u.site.name})`,
          }))}
        />
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-100 text-xs uppercase text-slate-600">
              <tr>
                <th className="px-3 py-2">{t.admin.name}</th>
                <th className="px-3 py-2">{t.admin.prefix}</th>
                <th className="px-3 py-2">{t.admin.actingAs}</th>
                <th className="px-3 py-2">{t.admin.lastUsed}</th>
                <th className="px-3 py-2">{t.admin.status}</th>
                <th className="px-3 py-2" />
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr key={token.id} className="border-t border-slate-100" data-testid="token-row">
                  <td className="px-3 py-2">{token.name}</td>
                  <td className="px-3 py-2 font-mono">{token.prefix}…</td>
                  <td className="px-3 py-2">{token.user.email}</td>
                  <td className="px-3 py-2">{date(token.lastUsedAt)}</td>
                  <td className="px-3 py-2">{status(token)}</td>
                  <td className="px-3 py-2 text-right">
                    {!token.revokedAt && (
                      <form action={revokeTokenAction}>
                        <input type="hidden" name="id" value={token.id} />
                        <button className="rounded border border-alert px-2 py-1 text-alert">
                          {t.admin.revoke}
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}
