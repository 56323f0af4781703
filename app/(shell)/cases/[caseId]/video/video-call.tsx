'use client';

import dynamic from 'next/dynamic';
import type { Locale } from '../../../../i18n/messages';

// mediasoup-client and getUserMedia exist in the browser only.
const SessionMedia = dynamic(
  () => import('../../../../media/session-media').then((m) => m.SessionMedia),
  {
    ssr: false,
  },
);

export function VideoCall({ caseId, locale }: { caseId: string; locale: Locale }) {
  return <SessionMedia caseId={caseId} locale={locale} />;
}
