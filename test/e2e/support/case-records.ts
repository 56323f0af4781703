// What the server holds about a case, read straight from its PostgreSQL database: the story
// checks each step against the record, not only against what a page shows.

import pg from 'pg';

export interface CaseRecord {
  id: string;
  reference: string;
  status: string;
  priority: string;
  nihssOnArrival: number | null;
  clinicalQuestion: string;
  doorTime: Date;
  lastKnownWell: Date | null;
  ctAvailableAt: Date | null;
  specialistAt: Date | null;
  patientLocalId: string;
  patientName: string;
}

/** Read-only queries on one test database; `close` ends its single connection. */
export class CaseRecords {
  readonly #client: pg.Client;

  private constructor(client: pg.Client) {
    this.#client = client;
  }

  static async open(databaseUrl: string): Promise<CaseRecords> {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    return new CaseRecords(client);
  }

  async #rows<T>(sql: string, values: unknown[] = []): Promise<T[]> {
    return (await this.#client.query(sql, values)).rows as T[];
  }

  /** The study of a DICOM patient ID at a site, with how many instances it indexed. */
  async studiesOfPatient(dicomPatientId: string) {
    return this.#rows<{ studyInstanceUid: string; numberOfInstances: number; site: string }>(
      `SELECT s."studyInstanceUid", s."numberOfInstances", site.name AS site
         FROM "Study" s JOIN "Site" site ON site.id = s."siteId"
        WHERE s."dicomPatientId" = $1`,
      [dicomPatientId],
    );
  }

  async instancesOfStudy(studyInstanceUid: string): Promise<number> {
    const [row] = await this.#rows<{ n: string }>(
      `SELECT count(*) AS n FROM "Instance" i
         JOIN "Series" se ON se.id = i."seriesId"
         JOIN "Study" st ON st.id = se."studyId"
        WHERE st."studyInstanceUid" = $1`,
      [studyInstanceUid],
    );
    return Number(row.n);
  }

  async patientsWithLocalId(localId: string): Promise<number> {
    const [row] = await this.#rows<{ n: string }>(
      `SELECT count(*) AS n FROM "Patient" WHERE "localId" = $1`,
      [localId],
    );
    return Number(row.n);
  }

  async case(caseId: string): Promise<CaseRecord> {
    const [row] = await this.#rows<CaseRecord>(
      `SELECT c.id, c.reference, c.status, c.priority, c."nihssOnArrival", c."clinicalQuestion",
              c."doorTime", c."lastKnownWell", c."ctAvailableAt", c."specialistAt",
              p."localId" AS "patientLocalId", p.name AS "patientName"
         FROM "Case" c JOIN "Patient" p ON p.id = c."patientId"
        WHERE c.id = $1`,
      [caseId],
    );
    if (!row) throw new Error(`CaseNotFound: no case ${caseId} in the database`);
    return row;
  }

  async studiesOfCase(caseId: string): Promise<string[]> {
    const rows = await this.#rows<{ uid: string }>(
      `SELECT st."studyInstanceUid" AS uid FROM "CaseStudy" cs
         JOIN "Study" st ON st.id = cs."studyId" WHERE cs."caseId" = $1`,
      [caseId],
    );
    return rows.map((r) => r.uid);
  }

  async invitations(caseId: string) {
    return this.#rows<{ status: string; invitee: string | null; region: string | null }>(
      `SELECT i.status, u.email AS invitee, r.code AS region FROM "Invitation" i
         LEFT JOIN "User" u ON u.id = i."inviteeId"
         LEFT JOIN "Region" r ON r.id = i."regionId"
        WHERE i."caseId" = $1 ORDER BY i."createdAt"`,
      [caseId],
    );
  }

  async participants(caseId: string) {
    return this.#rows<{ email: string; role: string }>(
      `SELECT u.email, cp.role FROM "CaseParticipant" cp JOIN "User" u ON u.id = cp."userId"
        WHERE cp."caseId" = $1 ORDER BY u.email`,
      [caseId],
    );
  }

  /** The live annotations of the case (deleted ones left out), oldest first. */
  async annotations(caseId: string) {
    return this.#rows<{ id: string; kind: string; author: string; label: string | null }>(
      `SELECT a.id, a.kind, u.email AS author, a.label FROM "Annotation" a
         JOIN "User" u ON u.id = a."authorId"
        WHERE a."caseId" = $1 AND a."deletedAt" IS NULL ORDER BY a."createdAt"`,
      [caseId],
    );
  }

  async messages(caseId: string) {
    return this.#rows<{ author: string; body: string }>(
      `SELECT u.email AS author, m.body FROM "Message" m JOIN "User" u ON u.id = m."authorId"
        WHERE m."caseId" = $1 ORDER BY m."createdAt"`,
      [caseId],
    );
  }

  /** The timeline's event types, oldest first. */
  async eventTypes(caseId: string): Promise<string[]> {
    const rows = await this.#rows<{ type: string }>(
      `SELECT type FROM "CaseEvent" WHERE "caseId" = $1 ORDER BY at, id`,
      [caseId],
    );
    return rows.map((r) => r.type);
  }

  close(): Promise<void> {
    return this.#client.end();
  }
}
