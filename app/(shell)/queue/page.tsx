import { getServerContext } from '@/server/context';
import { getMessages } from '../../i18n/locale';
import { requireUser } from '../../lib/current-user';
import { LiveQueue } from './live-queue';
import { OnCallRoster } from './on-call-roster';

export default async function QueuePage() {
  const user = await requireUser();
  const { locale, t } = await getMessages();
  if (user.role === 'ADMIN') {
    return <p className="rounded-md bg-red-50 p-4 text-alert">{t.common.forbidden}</p>;
  }

  const services = getServerContext();
  const [regions, sites] = await Promise.all([
    services.db.region.findMany({ orderBy: { code: 'asc' }, select: { code: true, name: true } }),
    services.db.site.findMany({
      orderBy: { name: 'asc' },
      select: { id: true, name: true, region: { select: { code: true } } },
    }),
  ]);
  const { amberMinutes, redMinutes } = services.cases.settings;
  const coordinator = user.role === 'COORDINATOR';

  return (
    <section className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold text-lagoon-900">{t.queue.title}</h1>
        <p className="text-sm text-slate-600">{t.queue.help}</p>
      </div>
      <LiveQueue
        t={t}
        regions={regions}
        sites={sites.map((s) => ({ id: s.id, name: s.name, regionCode: s.region.code }))}
        thresholds={{ amber: amberMinutes, red: redMinutes }}
        coordinator={coordinator}
        locale={locale}
        timeZone={user.site.timeZone}
      />
      <OnCallRoster
        t={t}
        regions={regions}
        editable={coordinator}
        locale={locale}
        timeZone={user.site.timeZone}
      />
    </section>
  );
}
