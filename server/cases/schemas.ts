import { z } from 'zod';

// Times may not lie in the future: a clock skew of a few minutes between a hospital
// workstation and the server is tolerated, a typo of a day is not.
const FUTURE_TOLERANCE_MS = 5 * 60_000;
const pastTime = z.coerce
  .date({ error: 'must be a date and time' })
  .refine(
    (date) => date.getTime() <= Date.now() + FUTURE_TOLERANCE_MS,
    'must not be in the future',
  );

export const priorities = ['STROKE_ALERT', 'URGENT', 'ROUTINE'] as const;

const newPatient = z.object({
  localId: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1).max(200),
  birthDate: z.iso.date().optional(),
  sex: z.enum(['F', 'M', 'O']).optional(),
});

export const openCaseSchema = z
  .object({
    patient: z.union([z.object({ id: z.string().min(1) }), newPatient]),
    priority: z.enum(priorities),
    doorTime: pastTime,
    lastKnownWell: pastTime.optional(),
    nihssOnArrival: z.number().int().min(0).max(42).optional(),
    clinicalQuestion: z.string().trim().min(1).max(2000),
    studyInstanceUids: z
      .array(z.string().regex(/^[0-9.]{1,64}$/))
      .max(50)
      .default([]),
  })
  .refine((c) => !c.lastKnownWell || c.lastKnownWell <= c.doorTime, {
    message: 'last-known-well must be at or before the door time',
    path: ['lastKnownWell'],
  });
export type OpenCaseInput = z.infer<typeof openCaseSchema>;

export const transitionSchema = z.object({
  to: z.enum(['IN_CONSULTATION', 'REPORTED', 'CLOSED', 'CANCELLED']),
  reason: z.string().trim().max(500).optional(),
});

export const clinicalTimesSchema = z
  .object({ decisionAt: pastTime.optional(), needleAt: pastTime.optional() })
  .refine((t) => t.decisionAt || t.needleAt, 'give decisionAt or needleAt');

export const inviteSchema = z.union([
  z.object({ inviteeId: z.string().min(1) }),
  z.object({ regionCode: z.string().trim().min(1).max(8) }),
]);

export const respondSchema = z.discriminatedUnion('response', [
  z.object({ response: z.literal('accept') }),
  z.object({ response: z.literal('decline'), reason: z.string().trim().min(1).max(500) }),
]);

export const messageSchema = z.object({ body: z.string().trim().min(1).max(4000) });

export const queueFilterSchema = z.object({
  regionCode: z.string().max(8).optional(),
  siteId: z.string().max(64).optional(),
  status: z.enum(['NEW', 'AWAITING_SPECIALIST', 'IN_CONSULTATION', 'REPORTED']).optional(),
});

export const onCallShiftSchema = z
  .object({
    regionCode: z.string().trim().min(1).max(8),
    userId: z.string().min(1),
    startsAt: z.coerce.date(),
    endsAt: z.coerce.date(),
  })
  .refine((s) => s.endsAt > s.startsAt, { message: 'must end after it starts', path: ['endsAt'] });
