import { createHash } from 'node:crypto';

import type { Actor } from '../../auth/roles';
import { audit } from '../../audit/audit';
import type { Database } from '../../db/client';
import { formatPersonName, isDicomRejection, parseInstance } from '../dicom/index.js';
import type { ParsedInstance } from '../dicom/index.js';
import { instanceStorageKey, type BlobStore } from '../store/index.js';
import type { IngestRefused, IngestResult, IngestSource } from './ingest-result.js';
import { patientNameKey } from './patient-name-key.js';

/** The two pino methods ingest uses, so tests can pass a silent logger. */
export interface IngestLog {
  info(object: object, message?: string): void;
  warn(object: object, message?: string): void;
}

export interface IngestDeps {
  db: Database;
  store: BlobStore;
  log: IngestLog;
}

export interface IngestRequest {
  bytes: Uint8Array;
  /** The site whose archive receives the object (the sender's, already authorized). */
  siteId: string;
  actor?: Actor;
  source: IngestSource;
  callingAE?: string;
  /** Refuse the object unless it belongs to this study (STOW-RS to /studies/{study}). */
  expectedStudyInstanceUid?: string;
}

type Transaction = Parameters<Parameters<Database['$transaction']>[0]>[0];

/** Thrown inside the index transaction to roll it back with a refusal as the result. */
class Refusal extends Error {
  constructor(readonly result: IngestRefused) {
    super(result.message);
  }
}

/**
 * Stores one received object in the site's archive: parse, write the blob, then index the
 * Study, Series and Instance rows in one transaction. The same bytes again change nothing;
 * other bytes under a stored SOP Instance UID replace the old ones and are audited.
 *
 * @param deps database, blob store and logger
 * @param request the object's bytes, the receiving site and who or what sent it
 * @returns the outcome; only infrastructure failures (database, disk) throw
 */
export async function storeInstance(
  deps: IngestDeps,
  request: IngestRequest,
): Promise<IngestResult> {
  const { db, store, log } = deps;
  const bytes = Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.length);

  let parsed: ParsedInstance;
  try {
    parsed = parseInstance(bytes);
  } catch (error) {
    if (!isDicomRejection(error)) throw error;
    log.info({ source: request.source, reason: error.code }, '<== instance refused by parser');
    return { status: 'refused', reason: error.code, message: error.message };
  }
  const keys = {
    studyInstanceUid: parsed.StudyInstanceUID,
    seriesInstanceUid: parsed.SeriesInstanceUID,
    sopInstanceUid: parsed.SOPInstanceUID,
  };
  const expected = request.expectedStudyInstanceUid;
  if (expected !== undefined && expected !== parsed.StudyInstanceUID) {
    log.info({ ...keys, expected }, '<== instance refused: other study');
    return {
      status: 'refused',
      reason: 'study-mismatch',
      message:
        `The instance belongs to study ${parsed.StudyInstanceUID}, ` +
        `not to study ${expected} the request addressed`,
      sopInstanceUid: parsed.SOPInstanceUID,
      sopClassUid: parsed.SOPClassUID,
      studyInstanceUid: parsed.StudyInstanceUID,
    };
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');

  // Cheap checks before writing anything: ownership, and the unchanged resend.
  const existing = await db.instance.findUnique({
    where: { sopInstanceUid: parsed.SOPInstanceUID },
    include: { series: { include: { study: true } } },
  });
  const owner = await db.study.findUnique({
    where: { studyInstanceUid: parsed.StudyInstanceUID },
    select: { siteId: true },
  });
  const early = ownershipRefusal(parsed, request.siteId, owner?.siteId, existing);
  if (early) {
    log.warn({ ...keys, reason: early.reason }, '<== instance refused');
    return early;
  }
  if (existing && existing.sha256 === sha256 && (await store.exists(existing.storageKey))) {
    return { status: 'unchanged', ...identity(parsed) };
  }

  // The blob first: a row is only written once its bytes are durable.
  const storageKey = instanceStorageKey(parsed.SOPInstanceUID, sha256);
  await store.put(storageKey, bytes);

  let previousKey: string | undefined;
  try {
    previousKey = await indexInstance(db, parsed, request.siteId, {
      sha256,
      storageKey,
      size: bytes.length,
    });
  } catch (error) {
    // NOTE: only delete the new blob when no row can reference it: a resend of the same bytes
    // whose old blob was missing shares this key with the row that survives the rollback.
    if (existing?.storageKey !== storageKey) await store.delete(storageKey);
    if (error instanceof Refusal) {
      log.warn({ ...keys, reason: error.result.reason }, '<== instance refused');
      return error.result;
    }
    throw error;
  }

  const replaced = existing !== null && existing.sha256 !== sha256;
  if (previousKey && previousKey !== storageKey) await store.delete(previousKey);
  if (replaced) {
    await audit(db, {
      actor: request.actor,
      action: 'instance.replace',
      objectType: 'instance',
      objectId: parsed.SOPInstanceUID,
      studyInstanceUid: parsed.StudyInstanceUID,
      details: { source: request.source, callingAE: request.callingAE ?? null, size: bytes.length },
    });
  }

  for (const warning of parsed.warnings) log.info({ ...keys, warning }, 'ingest warning');
  log.info({ ...keys, source: request.source, replaced }, '<== instance stored');
  return { status: replaced ? 'replaced' : 'stored', ...identity(parsed) };
}

function identity(parsed: ParsedInstance) {
  return {
    sopInstanceUid: parsed.SOPInstanceUID,
    studyInstanceUid: parsed.StudyInstanceUID,
    seriesInstanceUid: parsed.SeriesInstanceUID,
    sopClassUid: parsed.SOPClassUID,
    warnings: parsed.warnings,
  };
}

interface ExistingInstance {
  series: { seriesInstanceUid: string; study: { studyInstanceUid: string } };
}

function ownershipRefusal(
  parsed: ParsedInstance,
  siteId: string,
  ownerSiteId: string | undefined,
  existing: ExistingInstance | null,
): IngestRefused | undefined {
  const known = {
    sopInstanceUid: parsed.SOPInstanceUID,
    sopClassUid: parsed.SOPClassUID,
    studyInstanceUid: parsed.StudyInstanceUID,
  };
  if (ownerSiteId !== undefined && ownerSiteId !== siteId) {
    return {
      status: 'refused',
      reason: 'study-owned-by-other-site',
      message:
        `Study ${parsed.StudyInstanceUID} is archived by another site; ` +
        'it is not moved or merged. Share it through a case instead.',
      ...known,
    };
  }
  if (
    existing &&
    (existing.series.seriesInstanceUid !== parsed.SeriesInstanceUID ||
      existing.series.study.studyInstanceUid !== parsed.StudyInstanceUID)
  ) {
    return {
      status: 'refused',
      reason: 'instance-uid-conflict',
      message:
        `SOP Instance UID ${parsed.SOPInstanceUID} is already stored in another ` +
        'study or series; the archive does not move instances.',
      ...known,
    };
  }
  return undefined;
}

interface StoredBytes {
  sha256: string;
  storageKey: string;
  size: number;
}

/** Upserts the three index rows and recounts; returns the storage key the row had before. */
async function indexInstance(
  db: Database,
  parsed: ParsedInstance,
  siteId: string,
  stored: StoredBytes,
): Promise<string | undefined> {
  const attempt = () => db.$transaction((tx) => indexInTransaction(tx, parsed, siteId, stored));
  try {
    return await attempt();
  } catch (error) {
    // Two senders creating the same study or series at once: one loses the unique insert.
    // Its retry finds the rows the other created.
    if ((error as { code?: string }).code === 'P2002') return attempt();
    throw error;
  }
}

async function indexInTransaction(
  tx: Transaction,
  parsed: ParsedInstance,
  siteId: string,
  stored: StoredBytes,
): Promise<string | undefined> {
  const name = parsed.PatientName ? formatPersonName(parsed.PatientName) : null;
  const alphabetic = parsed.PatientName?.Alphabetic;
  const study = await tx.study.upsert({
    where: { studyInstanceUid: parsed.StudyInstanceUID },
    update: {},
    create: {
      studyInstanceUid: parsed.StudyInstanceUID,
      siteId,
      patientName: name,
      patientNameKey: alphabetic ? patientNameKey(alphabetic) : null,
      dicomPatientId: parsed.PatientID ?? null,
      patientBirthDate: parsed.PatientBirthDate ?? null,
      patientSex: parsed.PatientSex ?? null,
      studyDate: parsed.StudyDate ?? null,
      studyTime: parsed.StudyTime ?? null,
      accessionNumber: parsed.AccessionNumber ?? null,
      studyId: parsed.StudyID ?? null,
      description: parsed.StudyDescription ?? null,
      referringPhysician: parsed.ReferringPhysicianName
        ? formatPersonName(parsed.ReferringPhysicianName)
        : null,
      specificCharacterSet: parsed.SpecificCharacterSet.join('\\') || null,
    },
  });
  if (study.siteId !== siteId) {
    throw new Refusal({
      status: 'refused',
      reason: 'study-owned-by-other-site',
      message: `Study ${parsed.StudyInstanceUID} is archived by another site; it is not moved.`,
      sopInstanceUid: parsed.SOPInstanceUID,
      sopClassUid: parsed.SOPClassUID,
      studyInstanceUid: parsed.StudyInstanceUID,
    });
  }

  // Serialises writers of one study so the recounts below see each other's rows.
  await tx.$executeRaw`SELECT 1 FROM "Study" WHERE id = ${study.id} FOR UPDATE`;

  const series = await tx.series.upsert({
    where: { seriesInstanceUid: parsed.SeriesInstanceUID },
    update: {},
    create: {
      seriesInstanceUid: parsed.SeriesInstanceUID,
      studyId: study.id,
      modality: parsed.Modality ?? null,
      seriesNumber: parsed.SeriesNumber ?? null,
      description: parsed.SeriesDescription ?? null,
      bodyPartExamined: parsed.BodyPartExamined ?? null,
      seriesDate: parsed.SeriesDate ?? null,
      seriesTime: parsed.SeriesTime ?? null,
    },
  });
  if (series.studyId !== study.id) {
    throw new Refusal({
      status: 'refused',
      reason: 'instance-uid-conflict',
      message: `Series ${parsed.SeriesInstanceUID} is already stored under another study.`,
      sopInstanceUid: parsed.SOPInstanceUID,
      sopClassUid: parsed.SOPClassUID,
      studyInstanceUid: parsed.StudyInstanceUID,
    });
  }

  const previous = await tx.instance.findUnique({
    where: { sopInstanceUid: parsed.SOPInstanceUID },
    select: { storageKey: true, seriesId: true },
  });
  if (previous && previous.seriesId !== series.id) {
    throw new Refusal({
      status: 'refused',
      reason: 'instance-uid-conflict',
      message: `SOP Instance UID ${parsed.SOPInstanceUID} is already stored in another series.`,
      sopInstanceUid: parsed.SOPInstanceUID,
      sopClassUid: parsed.SOPClassUID,
      studyInstanceUid: parsed.StudyInstanceUID,
    });
  }
  const row = {
    sopClassUid: parsed.SOPClassUID,
    instanceNumber: parsed.InstanceNumber ?? null,
    transferSyntaxUid: parsed.TransferSyntaxUID,
    rows: parsed.Rows ?? null,
    columns: parsed.Columns ?? null,
    numberOfFrames: parsed.frameCount,
    ...stored,
  };
  await tx.instance.upsert({
    where: { sopInstanceUid: parsed.SOPInstanceUID },
    update: row,
    create: { sopInstanceUid: parsed.SOPInstanceUID, seriesId: series.id, ...row },
  });

  await recount(tx, study.id, series.id);
  return previous?.storageKey;
}

async function recount(tx: Transaction, studyId: string, seriesId: string): Promise<void> {
  const inSeries = await tx.instance.count({ where: { seriesId } });
  await tx.series.update({ where: { id: seriesId }, data: { numberOfInstances: inSeries } });

  const allSeries = await tx.series.findMany({
    where: { studyId },
    select: { modality: true, numberOfInstances: true },
  });
  const modalities = [...new Set(allSeries.map((s) => s.modality).filter((m) => !!m))] as string[];
  await tx.study.update({
    where: { id: studyId },
    data: {
      numberOfSeries: allSeries.length,
      numberOfInstances: allSeries.reduce((sum, s) => sum + s.numberOfInstances, 0),
      modalitiesInStudy: modalities.sort(),
    },
  });
}
