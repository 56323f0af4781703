import Link from 'next/link';

import { requireUser } from '@/app/lib/current-user';
import { getLocale } from '@/app/i18n/locale';
import { sessionMessages } from '@/app/i18n/session-messages';
import { SessionScreen } from './session-screen';

export const dynamic = 'force-dynamic';

/**
 * The synchronized viewer session of a case. Whether this user may join is decided by the
 * case API and the session server (participants only); the page itself only needs a user.
 */
export default async function CaseSessionPage({ params }: { params: Promise<{ caseId: string }> }) {
  await requireUser();
  const { caseId } = await params;
  const locale = await getLocale();

  return (
    <section className="space-y-2">
      <Link href={`/cases/${caseId}`} className="text-sm text-lagoon-600 hover:underline">
        {sessionMessages[locale].session.backToCase}
      </Link>
      <SessionScreen caseId={caseId} locale={locale} />
    </section>
  );
}
