import { getServerContext } from '@/server/context';
import { caseDetail, CaseError } from '@/server/cases/index';
import { getMessages } from '../../../i18n/locale';
import { actorOf, requireUser } from '../../../lib/current-user';
import { CaseView } from './case-view';

export default async function CasePage({ params }: { params: Promise<{ caseId: string }> }) {
  const { caseId } = await params;
  const user = await requireUser();
  const { locale, t } = await getMessages();
  const services = getServerContext();

  let detail;
  try {
    detail = await caseDetail(services.cases, actorOf(user), caseId);
  } catch (error) {
    if (!(error instanceof CaseError)) throw error;
    const text = error.code === 'not-found' ? t.common.notFound : t.common.forbidden;
    return <p className="rounded-md bg-red-50 p-4 text-alert">{text}</p>;
  }
  const regions = await services.db.region.findMany({
    orderBy: { code: 'asc' },
    select: { code: true, name: true },
  });

  return (
    <CaseView
      initial={detail}
      viewer={{ id: user.id, role: user.role }}
      regions={regions}
      locale={locale}
      timeZone={user.site.timeZone}
      t={t}
    />
  );
}
