import { getMessages } from '../i18n/locale';
import { requireUser } from '../lib/current-user';

export default async function HomePage() {
  const user = await requireUser();
  const { t } = await getMessages();

  return (
    <section className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold text-lagoon-900">
          {t.home.welcome}, {user.name}
        </h1>
        <p className="mt-1 text-slate-600">{t.home[user.role]}</p>
      </div>
      <dl className="grid max-w-xl grid-cols-1 gap-4 sm:grid-cols-2">
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <dt className="text-xs uppercase tracking-wide text-slate-500">{t.home.site}</dt>
          <dd className="mt-1 font-medium">{user.site.name}</dd>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <dt className="text-xs uppercase tracking-wide text-slate-500">{t.home.region}</dt>
          <dd className="mt-1 font-medium">{user.site.region.name}</dd>
        </div>
      </dl>
    </section>
  );
}
