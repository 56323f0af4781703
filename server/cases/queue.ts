import { audit } from '../audit/audit';
import { CLINICAL_ROLES, type Actor } from '../auth/roles';
import type { Prisma } from '../db/generated/client';
import { strokeClocks, waitLevel } from './clocks';
import type { CaseDeps } from './deps';
import { CaseError } from './errors';
import { queueFilterSchema } from './schemas';

const OPEN_STATUSES = ['NEW', 'AWAITING_SPECIALIST', 'IN_CONSULTATION', 'REPORTED'] as const;
const PRIORITY_RANK = { STROKE_ALERT: 0, URGENT: 1, ROUTINE: 2 } as const;

/** Which cases an actor may see in a list, as a database filter (mirrors canReadCase). */
export function visibleCasesFilter(actor: Actor): Prisma.CaseWhereInput {
  if (actor.role === 'COORDINATOR') return {};
  const own: Prisma.CaseWhereInput[] = [{ participants: { some: { userId: actor.userId } } }];
  if (CLINICAL_ROLES.includes(actor.role)) own.push({ siteId: actor.siteId });
  return { OR: own };
}

const summaryInclude = {
  site: {
    select: { id: true, code: true, name: true, region: { select: { code: true, name: true } } },
  },
  patient: { select: { sex: true, birthDate: true } },
  invitations: {
    orderBy: { createdAt: 'desc' },
    take: 1,
    include: { invitee: { select: { id: true, name: true } } },
  },
  participants: { include: { user: { select: { id: true, name: true, role: true } } } },
} satisfies Prisma.CaseInclude;

type CaseWithSummary = Prisma.CaseGetPayload<{ include: typeof summaryInclude }>;

/**
 * One row of the live queue. It carries no patient name or identifier: coordinators triage
 * across sites and need the urgency, not the identity (sex and age suffice to talk about it).
 */
export function caseSummary(
  kase: CaseWithSummary,
  settings: CaseDeps['settings'],
  now = new Date(),
) {
  const waitingMinutes = Math.max(
    0,
    Math.floor((now.getTime() - kase.doorTime.getTime()) / 60_000),
  );
  const invitation = kase.invitations[0];
  const needsCoordinator =
    Boolean(kase.escalatedAt) ||
    (kase.status === 'AWAITING_SPECIALIST' &&
      (!invitation || ['DECLINED', 'EXPIRED', 'CANCELLED'].includes(invitation.status)));

  return {
    id: kase.id,
    reference: kase.reference,
    priority: kase.priority,
    status: kase.status,
    site: { id: kase.site.id, code: kase.site.code, name: kase.site.name },
    region: kase.site.region,
    patient: { sex: kase.patient.sex, age: ageInYears(kase.patient.birthDate, now) },
    nihssOnArrival: kase.nihssOnArrival,
    doorTime: kase.doorTime.toISOString(),
    lastKnownWell: kase.lastKnownWell?.toISOString() ?? null,
    waitingMinutes,
    waitLevel: waitLevel(waitingMinutes, {
      amber: settings.amberMinutes,
      red: settings.redMinutes,
    }),
    clocks: strokeClocks(kase),
    invitation: invitation
      ? {
          id: invitation.id,
          status: invitation.status,
          invitee: invitation.invitee,
          expiresAt: invitation.expiresAt.toISOString(),
          reason: invitation.reason,
        }
      : null,
    participants: kase.participants.map((p) => ({ ...p.user, caseRole: p.role })),
    escalated: Boolean(kase.escalatedAt),
    needsCoordinator,
  };
}
export type CaseSummary = ReturnType<typeof caseSummary>;

function ageInYears(birthDate: Date | null, now: Date): number | null {
  if (!birthDate) return null;
  const years = now.getUTCFullYear() - birthDate.getUTCFullYear();
  const beforeBirthday =
    now.getUTCMonth() < birthDate.getUTCMonth() ||
    (now.getUTCMonth() === birthDate.getUTCMonth() && now.getUTCDate() < birthDate.getUTCDate());
  return beforeBirthday ? years - 1 : years;
}

/**
 * The open cases the actor may see, escalated first, then by priority, then longest waiting.
 */
export async function listQueue(deps: CaseDeps, actor: Actor, query: unknown = {}) {
  const parsed = queueFilterSchema.safeParse(query);
  if (!parsed.success) throw new CaseError('invalid', 'Unknown queue filter.', parsed.error.issues);
  const filter = parsed.data;

  const cases = await deps.db.case.findMany({
    where: {
      AND: [
        visibleCasesFilter(actor),
        { status: filter.status ?? { in: [...OPEN_STATUSES] } },
        filter.siteId ? { siteId: filter.siteId } : {},
        filter.regionCode ? { site: { region: { code: filter.regionCode } } } : {},
      ],
    },
    include: summaryInclude,
    take: 500,
  });

  const rows = cases.map((kase) => caseSummary(kase, deps.settings));
  rows.sort(
    (a, b) =>
      Number(b.needsCoordinator) - Number(a.needsCoordinator) ||
      PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
      b.waitingMinutes - a.waitingMinutes,
  );
  await audit(deps.db, { actor, action: 'case.queue', details: { count: rows.length } });
  return rows;
}

/** One case's queue row, for live updates; undefined when the actor may not see it. */
export async function queueRow(deps: CaseDeps, actor: Actor, caseId: string) {
  const kase = await deps.db.case.findFirst({
    where: { AND: [{ id: caseId }, visibleCasesFilter(actor)] },
    include: summaryInclude,
  });
  return kase ? caseSummary(kase, deps.settings) : undefined;
}

export { summaryInclude };
