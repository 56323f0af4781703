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
  /**
   * How long the bytes a replacement superseded stay readable, in ms (default one minute):
   * a WADO-RS answer that found the old row just before the replacement still streams them.
   */
  retireAfterMs?: number;
}

const RETIRE_AFTER_MS = 60_000;

/** Who sends, into which site's archive: the same for every object of a batch. */
export interface IngestSender {
  /** The site whose archive receives the objects (the sender's, already authorized). */
  siteId: string;
  actor?: Actor;
  source: IngestSource;
  callingAE?: string;
  /** Refuse objects that do not belong to this study (STOW-RS to /studies/{study}). */
  expectedStudyInstanceUid?: string;
}

export interface IngestRequest extends IngestSender {
  bytes: Uint8Array;
}

/** Blobs written at once: enough to overlap the disk's syncs, few enough to bound memory. */
const PARALLEL_WRITES = 4;

/**
 * Stores one received object in the site's archive. See storeInstances.
 *
 * @returns the outcome; only infrastructure failures (database, disk) throw
 */
export async function storeInstance(
  deps: IngestDeps,
  request: IngestRequest,
): Promise<IngestResult> {
  const [result] = await storeInstances(deps, request, [request.bytes]);
  return result!;
}

/**
 * Stores received objects in the site's archive: parse, write the blobs, then index their
 * Study, Series and Instance rows in one transaction. The same data set again changes
 * nothing, even under other File Meta Information; another data set under a stored SOP
 * Instance UID replaces the old one and is audited. Each object is judged on its own: one
 * refusal never holds back the others.
 *
 * A batch costs a handful of database round trips whatever its size, which is what makes a
 * STOW-RS request of a whole series fast. An object whose SOP Instance UID repeats an earlier
 * one of the batch is stored after it, so the outcome is the one of sending them one by one.
 *
 * @returns one outcome per object, in order; only infrastructure failures (database, disk)
 *   throw, and then the objects of the batch not yet indexed are not stored
 */
export async function storeInstances(
  deps: IngestDeps,
  sender: IngestSender,
  objects: readonly Uint8Array[],
): Promise<IngestResult[]> {
  const results: IngestResult[] = new Array(objects.length);
  const rounds: Candidate[][] = [];
  const seen = new Map<string, number>();
  objects.forEach((object, index) => {
    const prepared = prepare(deps.log, sender, object);
    if ('status' in prepared) {
      results[index] = prepared;
      return;
    }
    const uid = prepared.parsed.SOPInstanceUID;
    const round = seen.get(uid) ?? 0;
    seen.set(uid, round + 1);
    (rounds[round] ??= []).push({ ...prepared, index });
  });

  for (const round of rounds) {
    const outcomes = await storeRound(deps, sender, round);
    round.forEach((candidate, i) => (results[candidate.index] = outcomes[i]!));
  }
  return results;
}

/** A parsed object waiting to be stored, and its place in the batch. */
interface Candidate {
  index: number;
  bytes: Buffer;
  parsed: ParsedInstance;
  sha256: string;
}

function prepare(
  log: IngestLog,
  sender: IngestSender,
  object: Uint8Array,
): Omit<Candidate, 'index'> | IngestRefused {
  const bytes = Buffer.from(object.buffer, object.byteOffset, object.length);
  let parsed: ParsedInstance;
  try {
    parsed = parseInstance(bytes);
  } catch (error) {
    if (!isDicomRejection(error)) throw error;
    log.info({ source: sender.source, reason: error.code }, '<== instance refused by parser');
    return { status: 'refused', reason: error.code, message: error.message };
  }
  const expected = sender.expectedStudyInstanceUid;
  if (expected !== undefined && expected !== parsed.StudyInstanceUID) {
    log.info({ ...keysOf(parsed), expected }, '<== instance refused: other study');
    return refusal(
      parsed,
      'study-mismatch',
      `The instance belongs to study ${parsed.StudyInstanceUID}, ` +
        `not to study ${expected} the request addressed`,
    );
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { bytes, parsed, sha256 };
}

/** Objects with distinct SOP Instance UIDs: checked, written and indexed together. */
async function storeRound(
  deps: IngestDeps,
  sender: IngestSender,
  round: Candidate[],
): Promise<IngestResult[]> {
  return commitRound(deps, sender, await stageRound(deps, sender, round));
}

/** A round whose blobs are written and durable, waiting for its index transaction. */
interface StagedRound {
  outcomes: IngestResult[];
  toWrite: Array<Candidate & { position: number; storageKey: string }>;
  owners: Map<string, string>;
}

/** Checks ownership and unchanged resends, then writes the blobs of what is left. */
async function stageRound(
  deps: IngestDeps,
  sender: IngestSender,
  round: Candidate[],
): Promise<StagedRound> {
  const { db, store, log } = deps;
  const outcomes: IngestResult[] = new Array(round.length);

  // Cheap checks before writing anything: ownership, and the unchanged resend.
  const studyUids = [...new Set(round.map((c) => c.parsed.StudyInstanceUID))];
  const [existingRows, ownerRows] = await Promise.all([
    db.instance.findMany({
      where: { sopInstanceUid: { in: round.map((c) => c.parsed.SOPInstanceUID) } },
      select: {
        sopInstanceUid: true,
        sha256: true,
        storageKey: true,
        series: {
          select: { seriesInstanceUid: true, study: { select: { studyInstanceUid: true } } },
        },
      },
    }),
    db.study.findMany({
      where: { studyInstanceUid: { in: studyUids } },
      select: { studyInstanceUid: true, siteId: true },
    }),
  ]);
  const existing = new Map(existingRows.map((row) => [row.sopInstanceUid, row]));
  const owners = new Map(ownerRows.map((row) => [row.studyInstanceUid, row.siteId]));

  const toWrite: StagedRound['toWrite'] = [];
  await Promise.all(
    round.map(async (candidate, position) => {
      const { parsed, sha256 } = candidate;
      const before = existing.get(parsed.SOPInstanceUID);
      const early = ownershipRefusal(
        parsed,
        sender.siteId,
        owners.get(parsed.StudyInstanceUID),
        before,
      );
      if (early) {
        log.warn({ ...keysOf(parsed), reason: early.reason }, '<== instance refused');
        outcomes[position] = early;
      } else if (before && (await sameDataSet(store, before, candidate))) {
        outcomes[position] = { status: 'unchanged', ...identity(parsed) };
      } else {
        const storageKey = instanceStorageKey(parsed.SOPInstanceUID, sha256);
        toWrite.push({ ...candidate, position, storageKey });
      }
    }),
  );
  toWrite.sort((a, b) => a.position - b.position);

  // The blobs first: a row is only written once its bytes are durable.
  const written: string[] = [];
  try {
    await eachAtMost(PARALLEL_WRITES, toWrite, async (item) => {
      await store.put(item.storageKey, item.bytes);
      written.push(item.storageKey);
    });
  } catch (error) {
    await discard(deps, written);
    throw error;
  }
  return { outcomes, toWrite, owners };
}

/**
 * Whether the stored object already holds this data set: the same bytes, or the same data
 * set under other File Meta Information (a scanner's C-STORE, whose meta the archive writes,
 * and the same file uploaded from a CD). A stored blob that is missing never matches, so
 * the resend repairs it.
 */
async function sameDataSet(
  store: BlobStore,
  stored: { sha256: string; storageKey: string },
  candidate: Candidate,
): Promise<boolean> {
  if (stored.sha256 === candidate.sha256) return store.exists(stored.storageKey);
  let old: Buffer;
  try {
    old = await store.get(stored.storageKey);
  } catch {
    return false;
  }
  let oldOffset: number;
  try {
    oldOffset = parseInstance(old).encoding.dataSetOffset;
  } catch {
    return false;
  }
  const { bytes, parsed } = candidate;
  return old.subarray(oldOffset).equals(bytes.subarray(parsed.encoding.dataSetOffset));
}

/** Indexes a staged round, then removes the blobs no row points at any more. */
async function commitRound(
  deps: IngestDeps,
  sender: IngestSender,
  staged: StagedRound,
): Promise<IngestResult[]> {
  const { log } = deps;
  const { outcomes, toWrite, owners } = staged;
  if (toWrite.length === 0) return outcomes;

  let indexed: IndexOutcome[];
  try {
    indexed = await indexRound(deps, sender, toWrite, owners);
  } catch (error) {
    await discard(
      deps,
      toWrite.map((item) => item.storageKey),
    );
    throw error;
  }

  const unused: string[] = [];
  const superseded: string[] = [];
  for (const [i, item] of toWrite.entries()) {
    const outcome = indexed[i]!;
    const { parsed } = item;
    if ('refused' in outcome) {
      unused.push(item.storageKey);
      log.warn({ ...keysOf(parsed), reason: outcome.refused.reason }, '<== instance refused');
      outcomes[item.position] = outcome.refused;
      continue;
    }
    if (outcome.previousKey) superseded.push(outcome.previousKey);
    for (const warning of parsed.warnings) {
      log.info({ ...keysOf(parsed), warning }, 'ingest warning');
    }
    const { replaced } = outcome;
    log.info({ ...keysOf(parsed), source: sender.source, replaced }, '<== instance stored');
    outcomes[item.position] = { status: replaced ? 'replaced' : 'stored', ...identity(parsed) };
  }
  await discard(deps, unused);
  await retire(deps, superseded);
  return outcomes;
}

/**
 * Deletes superseded blobs once readers that found them before the replacement are done.
 *
 * Limitation: the delay lives in this process; blobs whose delay a restart cut short stay
 * on disk unreferenced.
 */
async function retire(deps: IngestDeps, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  const delay = deps.retireAfterMs ?? RETIRE_AFTER_MS;
  if (delay === 0) return discard(deps, keys);
  setTimeout(() => void discard(deps, keys), delay).unref();
}

/**
 * Takes objects one at a time, as a STOW-RS request delivers them, and stores them in
 * batches: while one batch is indexed, the next one is parsed and its blobs are written.
 * `add` waits while a full batch is written, which holds back the sender; `finish` returns
 * one outcome per object in the order they were added.
 */
export class IngestQueue {
  private results: Array<IngestResult | undefined> = [];
  private batch: Candidate[] = [];
  private batchBytes = 0;
  /** The index transaction of the previous batch, and its SOP Instance UIDs. */
  private committing: Promise<void> = Promise.resolve();
  private committingUids = new Set<string>();

  constructor(
    private readonly deps: IngestDeps,
    private readonly sender: IngestSender,
    private readonly limits = { objects: 32, bytes: 64 * 1024 * 1024 },
  ) {}

  async add(object: Uint8Array): Promise<void> {
    const index = this.results.length;
    this.results.push(undefined);
    const prepared = prepare(this.deps.log, this.sender, object);
    if ('status' in prepared) {
      this.results[index] = prepared;
      return;
    }
    // A repeated SOP Instance UID goes into the next batch, after the one it repeats.
    const uid = prepared.parsed.SOPInstanceUID;
    if (this.batch.some((c) => c.parsed.SOPInstanceUID === uid)) await this.flush();
    this.batch.push({ ...prepared, index });
    this.batchBytes += prepared.bytes.length;
    if (this.batch.length >= this.limits.objects || this.batchBytes >= this.limits.bytes) {
      await this.flush();
    }
  }

  /** Stores what is left and returns every outcome; throws what storing threw. */
  async finish(): Promise<IngestResult[]> {
    await this.flush();
    await this.committing;
    return this.results as IngestResult[];
  }

  /**
   * After a failure: waits for the transaction still running, stores nothing more, and
   * returns the outcomes known, one per object added (undefined where none is known).
   */
  async settle(): Promise<Array<IngestResult | undefined>> {
    this.batch = [];
    await this.committing.catch(() => {});
    return this.results;
  }

  private async flush(): Promise<void> {
    const batch = this.batch;
    this.batch = [];
    this.batchBytes = 0;
    if (batch.length === 0) return;

    // NOTE: the checks of this batch must see the rows of the previous one when they share a
    // SOP Instance UID, so such a batch waits for the previous transaction first.
    if (batch.some((c) => this.committingUids.has(c.parsed.SOPInstanceUID))) {
      await this.committing;
    }
    const staged = await stageRound(this.deps, this.sender, batch);
    try {
      await this.committing;
    } catch (error) {
      await discard(
        this.deps,
        staged.toWrite.map((item) => item.storageKey),
      );
      throw error;
    }
    this.committingUids = new Set(batch.map((c) => c.parsed.SOPInstanceUID));
    this.committing = commitRound(this.deps, this.sender, staged).then((outcomes) => {
      batch.forEach((candidate, i) => (this.results[candidate.index] = outcomes[i]!));
    });
    // Awaited by the next flush, finish or settle; until then a failure is not unhandled.
    this.committing.catch((error: unknown) => {
      this.deps.log.warn({ error: errorCode(error), objects: batch.length }, 'batch not indexed');
    });
  }
}

/**
 * Deletes blobs of this writer's own that no row points at. Keys are unique per write, so
 * no other sender's row can point at them. A failed delete leaves an unreferenced file
 * behind and is only logged: the instances it belonged to are already judged.
 */
async function discard(deps: IngestDeps, keys: readonly string[]): Promise<void> {
  for (const key of keys) {
    try {
      await deps.store.delete(key);
    } catch (error) {
      deps.log.warn({ storageKey: key, error: String(error) }, 'unreferenced blob not deleted');
    }
  }
}

/** Runs `action` on every item, `width` at a time; after a failure, starts no more. */
async function eachAtMost<T>(
  width: number,
  items: readonly T[],
  action: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed = false;
  const lane = async () => {
    while (!failed && next < items.length) {
      try {
        await action(items[next++]!);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  // Every lane settles before the caller cleans up, so no write lands after the cleanup.
  const lanes = await Promise.allSettled(
    Array.from({ length: Math.min(width, items.length) }, lane),
  );
  const failure = lanes.find((lane) => lane.status === 'rejected');
  if (failure) throw failure.reason;
}

function keysOf(parsed: ParsedInstance) {
  return {
    studyInstanceUid: parsed.StudyInstanceUID,
    seriesInstanceUid: parsed.SeriesInstanceUID,
    sopInstanceUid: parsed.SOPInstanceUID,
  };
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

function refusal(
  parsed: ParsedInstance,
  reason: IngestRefused['reason'],
  message: string,
): IngestRefused {
  return {
    status: 'refused',
    reason,
    message,
    sopInstanceUid: parsed.SOPInstanceUID,
    sopClassUid: parsed.SOPClassUID,
    studyInstanceUid: parsed.StudyInstanceUID,
  };
}

interface ExistingInstance {
  series: { seriesInstanceUid: string; study: { studyInstanceUid: string } };
}

function ownershipRefusal(
  parsed: ParsedInstance,
  siteId: string,
  ownerSiteId: string | undefined,
  existing: ExistingInstance | undefined,
): IngestRefused | undefined {
  if (ownerSiteId !== undefined && ownerSiteId !== siteId) {
    return refusal(
      parsed,
      'study-owned-by-other-site',
      `Study ${parsed.StudyInstanceUID} is archived by another site; ` +
        'it is not moved or merged. Share it through a case instead.',
    );
  }
  if (
    existing &&
    (existing.series.seriesInstanceUid !== parsed.SeriesInstanceUID ||
      existing.series.study.studyInstanceUid !== parsed.StudyInstanceUID)
  ) {
    return refusal(
      parsed,
      'instance-uid-conflict',
      `SOP Instance UID ${parsed.SOPInstanceUID} is already stored in another ` +
        'study or series; the archive does not move instances.',
    );
  }
  return undefined;
}

type Transaction = Parameters<Parameters<Database['$transaction']>[0]>[0];

interface Written {
  parsed: ParsedInstance;
  sha256: string;
  storageKey: string;
  bytes: Buffer;
}

/** What indexing made of one written blob: its row, or a refusal found under the locks. */
type IndexOutcome = { previousKey?: string; replaced: boolean } | { refused: IngestRefused };

/** Database errors worth another attempt: a lost unique insert race, a deadlock. */
const RETRIED = new Set(['P2002', 'P2034']);

/**
 * Writes the index rows of a round in one transaction (see indexInTransaction), retried when
 * it lost a race. When PostgreSQL refuses a value (a data or integrity error, or a limit
 * such as an index entry too large), each object is indexed on its own, and those it still
 * refuses are refused as unindexable: a bad value costs only its own object. Any other
 * failure (the database unreachable) reaches the caller.
 */
async function indexRound(
  deps: IngestDeps,
  sender: IngestSender,
  items: readonly Written[],
  owners: ReadonlyMap<string, string>,
): Promise<IndexOutcome[]> {
  try {
    return await indexWithRetries(deps.db, sender, items, owners);
  } catch (error) {
    if (!isValueError(error)) throw error;
    deps.log.warn({ objects: items.length, error: errorCode(error) }, 'index refused a value');
  }
  const outcomes: IndexOutcome[] = [];
  for (const item of items) {
    try {
      outcomes.push(...(await indexWithRetries(deps.db, sender, [item], owners)));
    } catch (error) {
      if (!isValueError(error)) throw error;
      outcomes.push({
        refused: refusal(
          item.parsed,
          'unindexable',
          `The archive could not index this instance (database error ${errorCode(error)})`,
        ),
      });
    }
  }
  return outcomes;
}

/** PostgreSQL's own code (SQLSTATE) behind a Prisma error, when it has one. */
function sqlState(error: unknown): string | undefined {
  type Wrapped = { meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } } };
  const code = (error as Wrapped).meta?.driverAdapterError?.cause?.originalCode;
  return typeof code === 'string' ? code : undefined;
}

/** Data exceptions (22), integrity violations (23) and program limits (54): the value's fault. */
function isValueError(error: unknown): boolean {
  return /^(22|23|54)/.test(sqlState(error) ?? '');
}

/**
 * What a log line or an answer may say of a failure: database messages can quote the row
 * they refused, patient name included, so only the error's code is kept.
 */
function errorCode(error: unknown): string {
  const { code, name } = error as { code?: unknown; name?: unknown };
  return sqlState(error) ?? (typeof code === 'string' ? code : String(name ?? 'unknown'));
}

async function indexWithRetries(
  db: Database,
  sender: IngestSender,
  items: readonly Written[],
  owners: ReadonlyMap<string, string>,
): Promise<IndexOutcome[]> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.$transaction((tx) => indexInTransaction(tx, sender, items, owners), {
        timeout: 60_000,
      });
    } catch (error) {
      if (attempt >= 3 || !RETRIED.has((error as { code?: string }).code ?? '')) throw error;
    }
  }
}

/**
 * Creates missing studies and series, locks the studies (so writers of one study see each
 * other's rows), creates or replaces the instances and audits replacements, then recounts
 * the touched series and studies. Studies and series that already exist keep their
 * attributes; those this transaction created for objects it then refused are removed.
 */
async function indexInTransaction(
  tx: Transaction,
  sender: IngestSender,
  items: readonly Written[],
  owners: ReadonlyMap<string, string>,
): Promise<IndexOutcome[]> {
  const { siteId } = sender;
  const outcomes: IndexOutcome[] = new Array(items.length);
  const firstOf = <K extends string>(of: readonly number[], key: (item: Written) => K) => {
    const first = new Map<K, Written>();
    for (const i of of) if (!first.has(key(items[i]!))) first.set(key(items[i]!), items[i]!);
    // NOTE: rows are inserted in UID order, so two batches never wait on each other's inserts
    // in opposite orders (a deadlock).
    return new Map([...first].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  };
  const all = items.map((_, i) => i);

  const studies = firstOf(all, (item) => item.parsed.StudyInstanceUID);
  const newStudies = [...studies.values()].filter((i) => !owners.has(i.parsed.StudyInstanceUID));
  const createdStudies = newStudies.length
    ? await tx.study.createManyAndReturn({
        data: newStudies.map(({ parsed }) => studyRow(parsed, siteId)),
        skipDuplicates: true,
        select: { id: true },
      })
    : [];
  const studyRows = await tx.$queryRaw<Array<{ id: string; siteId: string; uid: string }>>`
    SELECT id, "siteId", "studyInstanceUid" AS uid FROM "Study"
    WHERE "studyInstanceUid" = ANY(${[...studies.keys()]}::text[])
    ORDER BY id FOR UPDATE`;
  const studyByUid = new Map(studyRows.map((row) => [row.uid, row]));

  const accepted: number[] = [];
  for (const i of all) {
    const { parsed } = items[i]!;
    if (studyByUid.get(parsed.StudyInstanceUID)?.siteId === siteId) {
      accepted.push(i);
      continue;
    }
    outcomes[i] = {
      refused: refusal(
        parsed,
        'study-owned-by-other-site',
        `Study ${parsed.StudyInstanceUID} is archived by another site; it is not moved.`,
      ),
    };
  }

  const series = firstOf(accepted, (item) => item.parsed.SeriesInstanceUID);
  const createdSeries = series.size
    ? await tx.series.createManyAndReturn({
        data: [...series.values()].map(({ parsed }) =>
          seriesRow(parsed, studyByUid.get(parsed.StudyInstanceUID)!.id),
        ),
        skipDuplicates: true,
        select: { id: true },
      })
    : [];
  const [seriesRows, previousRows] = await Promise.all([
    tx.series.findMany({
      where: { seriesInstanceUid: { in: [...series.keys()] } },
      select: { id: true, seriesInstanceUid: true, studyId: true },
    }),
    tx.instance.findMany({
      where: { sopInstanceUid: { in: accepted.map((i) => items[i]!.parsed.SOPInstanceUID) } },
      select: { sopInstanceUid: true, storageKey: true, sha256: true, seriesId: true },
    }),
  ]);
  const seriesByUid = new Map(seriesRows.map((row) => [row.seriesInstanceUid, row]));
  const previousByUid = new Map(previousRows.map((row) => [row.sopInstanceUid, row]));

  const creates: Array<ReturnType<typeof instanceRow> & { sopInstanceUid: string }> = [];
  const touchedSeries = new Set<string>();
  const touchedStudies = new Set<string>();
  for (const i of accepted) {
    const item = items[i]!;
    const { parsed } = item;
    const study = studyByUid.get(parsed.StudyInstanceUID)!;
    const row = seriesByUid.get(parsed.SeriesInstanceUID)!;
    const previous = previousByUid.get(parsed.SOPInstanceUID);
    if (row.studyId !== study.id || (previous && previous.seriesId !== row.id)) {
      outcomes[i] = {
        refused: refusal(
          parsed,
          'instance-uid-conflict',
          row.studyId !== study.id
            ? `Series ${parsed.SeriesInstanceUID} is already stored under another study.`
            : `SOP Instance UID ${parsed.SOPInstanceUID} is already stored in another series.`,
        ),
      };
      continue;
    }
    const data = instanceRow(item, row.id);
    const replaced = previous !== undefined && previous.sha256 !== item.sha256;
    if (previous) {
      await tx.instance.update({ where: { sopInstanceUid: parsed.SOPInstanceUID }, data });
    } else {
      creates.push({ sopInstanceUid: parsed.SOPInstanceUID, ...data });
    }
    if (replaced) {
      // In the transaction: a replacement is never committed without its line.
      await audit(tx, {
        actor: sender.actor,
        action: 'instance.replace',
        objectType: 'instance',
        objectId: parsed.SOPInstanceUID,
        studyInstanceUid: parsed.StudyInstanceUID,
        details: {
          source: sender.source,
          callingAE: sender.callingAE ?? null,
          size: item.bytes.length,
        },
      });
    }
    touchedSeries.add(row.id);
    touchedStudies.add(study.id);
    outcomes[i] = { previousKey: previous?.storageKey, replaced };
  }
  if (creates.length > 0) await tx.instance.createMany({ data: creates });

  // Rows made here only for objects refused above would be empty studies or series.
  const emptySeries = createdSeries.map((s) => s.id).filter((id) => !touchedSeries.has(id));
  const emptyStudies = createdStudies.map((s) => s.id).filter((id) => !touchedStudies.has(id));
  if (emptySeries.length > 0) await tx.series.deleteMany({ where: { id: { in: emptySeries } } });
  if (emptyStudies.length > 0) await tx.study.deleteMany({ where: { id: { in: emptyStudies } } });

  if (touchedSeries.size > 0) await recount(tx, [...touchedSeries], [...touchedStudies]);
  return outcomes;
}

/**
 * Index values as PostgreSQL takes them. The stored bytes keep every value as sent; only the
 * index copy drops NUL characters (refused in text columns) and numbers an int column cannot
 * hold, which a writer's bug would otherwise turn into a failed batch.
 */
const text = (value: string | undefined) => (value ? value.replace(/\0/g, '') || null : null);
const int32 = (value: number | undefined) =>
  value !== undefined && Number.isInteger(value) && Math.abs(value) <= 0x7fffffff ? value : null;

function studyRow(parsed: ParsedInstance, siteId: string) {
  const alphabetic = parsed.PatientName?.Alphabetic;
  return {
    studyInstanceUid: parsed.StudyInstanceUID,
    siteId,
    patientName: text(parsed.PatientName && formatPersonName(parsed.PatientName)),
    patientNameKey: text(alphabetic && patientNameKey(alphabetic)),
    dicomPatientId: text(parsed.PatientID),
    patientBirthDate: text(parsed.PatientBirthDate),
    patientSex: text(parsed.PatientSex),
    studyDate: text(parsed.StudyDate),
    studyTime: text(parsed.StudyTime),
    accessionNumber: text(parsed.AccessionNumber),
    studyId: text(parsed.StudyID),
    description: text(parsed.StudyDescription),
    referringPhysician: text(
      parsed.ReferringPhysicianName && formatPersonName(parsed.ReferringPhysicianName),
    ),
    specificCharacterSet: text(parsed.SpecificCharacterSet.join('\\')),
  };
}

function seriesRow(parsed: ParsedInstance, studyId: string) {
  return {
    seriesInstanceUid: parsed.SeriesInstanceUID,
    studyId,
    modality: text(parsed.Modality),
    seriesNumber: int32(parsed.SeriesNumber),
    description: text(parsed.SeriesDescription),
    bodyPartExamined: text(parsed.BodyPartExamined),
    seriesDate: text(parsed.SeriesDate),
    seriesTime: text(parsed.SeriesTime),
  };
}

function instanceRow(item: Written, seriesId: string) {
  const { parsed } = item;
  return {
    seriesId,
    sopClassUid: parsed.SOPClassUID,
    instanceNumber: int32(parsed.InstanceNumber),
    transferSyntaxUid: parsed.TransferSyntaxUID,
    rows: int32(parsed.Rows),
    columns: int32(parsed.Columns),
    numberOfFrames: parsed.frameCount,
    sha256: item.sha256,
    storageKey: item.storageKey,
    size: item.bytes.length,
  };
}

/** Counts instances of the touched series, then series, instances and modalities of studies. */
async function recount(tx: Transaction, seriesIds: string[], studyIds: string[]): Promise<void> {
  await tx.$executeRaw`
    UPDATE "Series" AS s
    SET "numberOfInstances" = (SELECT count(*)::int FROM "Instance" i WHERE i."seriesId" = s.id)
    WHERE s.id = ANY(${seriesIds}::text[])`;
  await tx.$executeRaw`
    UPDATE "Study" AS st
    SET "numberOfSeries" = agg.series,
        "numberOfInstances" = agg.instances,
        "modalitiesInStudy" = agg.modalities,
        "updatedAt" = now() AT TIME ZONE 'UTC'
    FROM (
      SELECT "studyId",
             count(*)::int AS series,
             COALESCE(sum("numberOfInstances"), 0)::int AS instances,
             COALESCE(
               array_agg(DISTINCT modality COLLATE "C" ORDER BY modality COLLATE "C")
                 FILTER (WHERE modality <> ''),
               '{}'
             ) AS modalities
      FROM "Series" WHERE "studyId" = ANY(${studyIds}::text[]) GROUP BY "studyId"
    ) AS agg
    WHERE st.id = agg."studyId"`;
}
