import { audit } from '../audit/audit';
import type { Actor } from '../auth/roles';
import type { CaseDeps } from './deps';
import { CaseError } from './errors';
import { onCallShiftSchema } from './schemas';

const ROSTER_EDITORS = ['COORDINATOR', 'ADMIN'];

/** Shifts that have not ended, by region: who answers "the on-call neurologist" and when. */
export async function listRoster({ db }: CaseDeps) {
  const shifts = await db.onCallShift.findMany({
    where: { endsAt: { gt: new Date() } },
    orderBy: [{ region: { code: 'asc' } }, { startsAt: 'asc' }],
    include: {
      region: { select: { code: true, name: true } },
      user: { select: { id: true, name: true, site: { select: { name: true } } } },
    },
  });
  return shifts.map((s) => ({
    id: s.id,
    region: s.region,
    user: { id: s.user.id, name: s.user.name, siteName: s.user.site.name },
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
  }));
}

export async function addShift(deps: CaseDeps, actor: Actor, body: unknown) {
  if (!ROSTER_EDITORS.includes(actor.role)) {
    throw new CaseError(
      'forbidden',
      'Only coordinators and administrators edit the on-call roster.',
    );
  }
  const parsed = onCallShiftSchema.safeParse(body);
  if (!parsed.success)
    throw new CaseError('invalid', 'The shift is incomplete.', parsed.error.issues);
  const { regionCode, userId, startsAt, endsAt } = parsed.data;
  const { db } = deps;

  const [region, user] = await Promise.all([
    db.region.findUnique({ where: { code: regionCode } }),
    db.user.findUnique({ where: { id: userId } }),
  ]);
  if (!region) throw new CaseError('invalid', `No region ${regionCode}.`);
  if (!user || user.role !== 'NEUROLOGIST' || !user.active) {
    throw new CaseError('invalid', 'Only an active neurologist can be on call.');
  }
  const shift = await db.onCallShift.create({
    data: { regionId: region.id, userId, startsAt, endsAt },
  });
  await audit(db, {
    actor,
    action: 'on-call.add',
    objectType: 'on-call-shift',
    objectId: shift.id,
  });
  return shift;
}

export async function removeShift(deps: CaseDeps, actor: Actor, shiftId: string) {
  if (!ROSTER_EDITORS.includes(actor.role)) {
    throw new CaseError(
      'forbidden',
      'Only coordinators and administrators edit the on-call roster.',
    );
  }
  const removed = await deps.db.onCallShift.deleteMany({ where: { id: shiftId } });
  if (removed.count === 0) throw new CaseError('not-found', `No shift ${shiftId}.`);
  await audit(deps.db, {
    actor,
    action: 'on-call.remove',
    objectType: 'on-call-shift',
    objectId: shiftId,
  });
}

/** Neurologists who can be invited, with whether they are on call now. */
export async function listNeurologists({ db }: CaseDeps) {
  const now = new Date();
  const users = await db.user.findMany({
    where: { role: 'NEUROLOGIST', active: true },
    orderBy: { name: 'asc' },
    include: {
      site: { select: { name: true, region: { select: { code: true } } } },
      onCallShifts: {
        where: { startsAt: { lte: now }, endsAt: { gt: now } },
        select: { id: true },
      },
    },
  });
  return users.map((u) => ({
    id: u.id,
    name: u.name,
    siteName: u.site.name,
    regionCode: u.site.region.code,
    onCallNow: u.onCallShifts.length > 0,
  }));
}
