'use client';

import type { CaseDetail } from '@/server/cases/case-detail';
import type { Role } from '@/server/db/generated/enums';
import type { Locale, Messages } from '../../../i18n/messages';
import { timeFormatter } from '../../../lib/local-time';
import { mayInvite } from '../../../lib/case-permissions';
import { useLiveCase } from './use-live-case';
import { CaseSummaryCard } from './case-summary-card';
import { StrokeClockPanel } from './stroke-clock-panel';
import { CaseActions } from './case-actions';
import { InvitePanel } from './invite-panel';
import { CaseChat } from './case-chat';
import { CaseTeam } from './case-team';
import { CaseStudies } from './case-studies';
import { CaseTimeline } from './case-timeline';

interface Props {
  initial: CaseDetail;
  viewer: { id: string; role: Role };
  regions: { code: string; name: string }[];
  locale: Locale;
  timeZone: string;
  t: Messages;
}

/**
 * The case page: what to decide first on top (urgency, patient, clocks, the actions open to
 * this viewer), then the conversation, then the record (team, studies, timeline).
 */
export function CaseView({ initial, viewer, regions, locale, timeZone, t }: Props) {
  const { detail, connected, refetch, addMessage } = useLiveCase(initial);
  const format = timeFormatter(locale, timeZone);
  const caseViewer = { role: viewer.role, caseRole: detail.myRole };

  return (
    <div className="space-y-4" data-testid="case-page">
      {!connected && (
        <p role="status" className="rounded-md bg-amber-100 px-3 py-2 text-amber-950">
          {t.common.offline}
        </p>
      )}
      <CaseSummaryCard detail={detail} t={t} format={format} />
      <div className="grid gap-4 lg:grid-cols-[3fr_2fr]">
        <div className="space-y-4">
          <StrokeClockPanel detail={detail} t={t.caseView} />
          <CaseActions detail={detail} viewer={caseViewer} t={t} onDone={() => void refetch()} />
          {mayInvite(caseViewer, detail.status) && (
            <InvitePanel
              caseId={detail.id}
              regions={regions}
              caseRegion={detail.region.code}
              t={t.caseView}
              failed={t.common.failed}
              onDone={() => void refetch()}
              folded={detail.participants.some((p) => p.caseRole === 'SPECIALIST')}
            />
          )}
          <CaseChat
            caseId={detail.id}
            messages={detail.messages}
            me={viewer.id}
            t={t.caseView}
            format={format}
            onPosted={addMessage}
          />
        </div>
        <div className="space-y-4">
          <CaseTeam detail={detail} t={t} format={format} />
          <CaseStudies caseId={detail.id} studies={detail.studies} t={t.caseView} />
          <CaseTimeline timeline={detail.timeline} t={t} format={format} />
        </div>
      </div>
    </div>
  );
}
