import type { Database } from '../db/client';
import type { Actor } from '../auth/roles';

export interface AuditEntry {
  actor?: Actor;
  /** What happened, as `object.verb`: `study.read`, `auth.sign-in`, `case.create`. */
  action: string;
  outcome?: 'success' | 'denied' | 'failure';
  objectType?: string;
  objectId?: string;
  caseId?: string;
  studyInstanceUid?: string;
  ip?: string;
  /** Keys and counts only: never a patient's name, identifier or birth date. */
  details?: Record<string, string | number | boolean | null>;
}

/**
 * Writes one line of the audit trail. Callers await it before answering, so a read of
 * patient data that could not be recorded is not served.
 *
 * One plain INSERT without RETURNING: every read of patient data waits on it, so it is the
 * cheapest statement that makes the line durable. Times are UTC, as Prisma writes them,
 * whatever the time zone of the database session.
 */
export async function audit(db: Pick<Database, '$executeRaw'>, entry: AuditEntry): Promise<void> {
  const details = entry.details === undefined ? null : JSON.stringify(entry.details);
  await db.$executeRaw`
    INSERT INTO "AuditEvent" ("at", "actorId", "actorRole", "actorSiteId", "action", "outcome",
      "objectType", "objectId", "caseId", "studyInstanceUid", "ip", "details")
    VALUES (now() AT TIME ZONE 'UTC', ${entry.actor?.userId ?? null}, ${entry.actor?.role ?? null},
      ${entry.actor?.siteId ?? null}, ${entry.action}, ${entry.outcome ?? 'success'},
      ${entry.objectType ?? null}, ${entry.objectId ?? null}, ${entry.caseId ?? null},
      ${entry.studyInstanceUid ?? null}, ${entry.ip ?? null}, ${details}::jsonb)`;
}
