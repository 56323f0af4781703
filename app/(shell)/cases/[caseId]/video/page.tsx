import Link from 'next/link';
import { getLocale } from '../../../../i18n/locale';
import { requireUser } from '../../../../lib/current-user';
import { mediaMessages } from '../../../../media/messages';
import { VideoCall } from './video-call';

/**
 * The call alone, without the image viewer: what a clinician opens on a phone at night, or
 * the emergency physician's bedside tablet pointed at the patient for the NIHSS.
 */
export default async function CaseVideoPage({ params }: { params: Promise<{ caseId: string }> }) {
  await requireUser();
  const { caseId } = await params;
  const locale = await getLocale();

  return (
    <section className="mx-auto max-w-3xl space-y-4">
      <div className="flex items-center justify-between">
        <h1 className="text-xl font-bold text-lagoon-900">{mediaMessages[locale].title}</h1>
        <Link href={`/cases/${caseId}`} className="text-sm text-lagoon-700 underline">
          {locale === 'fr' ? 'Retour au cas' : 'Back to the case'}
        </Link>
      </div>
      <VideoCall caseId={caseId} locale={locale} />
    </section>
  );
}
