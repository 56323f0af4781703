import { getMessages } from '../../../i18n/locale';
import { requireUser } from '../../../lib/current-user';
import { OPENING_ROLES } from '../../../lib/case-permissions';
import { NewCaseForm } from './new-case-form';

export default async function NewCasePage() {
  const user = await requireUser();
  const { t } = await getMessages();
  if (!OPENING_ROLES.includes(user.role)) {
    return <p className="rounded-md bg-red-50 p-4 text-alert">{t.newCase.forbidden}</p>;
  }

  return (
    <section className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-bold text-lagoon-900">{t.newCase.title}</h1>
      <p className="text-sm text-slate-600">{user.site.name}</p>
      <NewCaseForm t={t.newCase} priorities={t.priority} sexes={t.sex} failed={t.common.failed} />
    </section>
  );
}
