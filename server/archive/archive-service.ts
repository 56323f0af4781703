import type { Config } from '../config';
import type { Database } from '../db/client';
import type { Logger } from '../logger';
import type { Actor } from '../auth/roles';
import { createDimseServer, DimseStatus, type DimseServer } from './dimse/index.js';
import { storeInstance, type IngestResult } from './ingest/index.js';
import { FilesystemBlobStore } from './store/index.js';
import { loadDemoStudies } from './demo-studies';
import { studyRootFind } from './query/study-root-find.js';
import type { DicomwebDeps } from './dicomweb/index.js';

/** The Study ids an actor reaches through the cases they take part in. */
export async function participantStudyIds(db: Database, actor: Actor): Promise<Set<string>> {
  // Asked on every DICOMweb read: one join, without the query builder's overhead.
  const rows = await db.$queryRaw<Array<{ studyId: string }>>`
    SELECT DISTINCT cs."studyId" FROM "CaseStudy" cs
    JOIN "CaseParticipant" cp ON cp."caseId" = cs."caseId"
    WHERE cp."userId" = ${actor.userId}`;
  return new Set(rows.map((row) => row.studyId));
}

export interface Archive {
  dicomweb: DicomwebDeps;
  /** Told which studies received instances over DIMSE (set by the case workflow). */
  onStudiesStored?: (studyInstanceUids: string[]) => Promise<void>;
  dimse?: DimseServer;
  dimsePort?: number;
  close(): Promise<void>;
}

/**
 * The image archive of this server: the blob store under DATA_DIR, DICOMweb's dependencies,
 * and the DIMSE listener through which scanners push studies. A calling AE title is known
 * when a DicomNode row names it; its studies belong to that node's site.
 */
export async function startArchive(config: Config, db: Database, log: Logger): Promise<Archive> {
  const store = new FilesystemBlobStore(config.dataDir);
  const dicomweb: DicomwebDeps = {
    db,
    store,
    log,
    participantStudyIds: (actor) => participantStudyIds(db, actor),
    baseUrl: config.PUBLIC_URL ? `${config.PUBLIC_URL.replace(/\/$/, '')}/dicomweb` : undefined,
    maxRequestBytes: config.STOW_MAX_BYTES,
  };
  if (config.seedDemoStudies) await loadDemoStudies({ db, store, log });
  if (config.DICOM_PORT === undefined) {
    return { dicomweb, close: async () => {} };
  }

  const archive: Archive = { dicomweb, close: async () => {} };
  const dimse = createDimseServer<{ siteId: string }>({
    aeTitle: config.DICOM_AE_TITLE,
    onFind: studyRootFind(db),
    port: config.DICOM_PORT,
    host: config.DICOM_HOST ?? config.HOST,
    logger: log.child({ component: 'dimse' }),
    async acceptAssociation({ callingAE }) {
      const node = await db.dicomNode.findUnique({ where: { aeTitle: callingAE } });
      return node
        ? { accept: true, context: { siteId: node.siteId } }
        : { accept: false, reason: 'calling-ae-not-recognized' };
    },
    async onStore({ context, callingAE, part10 }) {
      const result = await storeInstance(
        { db, store, log },
        { bytes: part10, siteId: context.siteId, source: 'dimse', callingAE },
      );
      if (result.status !== 'refused') await archive.onStudiesStored?.([result.studyInstanceUid]);
      return dimseStatusOf(result);
    },
  });
  const { port } = await dimse.listen();
  return Object.assign(archive, { dimse, dimsePort: port, close: () => dimse.close() });
}

function dimseStatusOf(result: IngestResult): { status: number; comment?: string } {
  if (result.status !== 'refused') return { status: DimseStatus.Success };
  if (result.reason === 'study-mismatch' || result.reason === 'instance-uid-conflict') {
    return { status: DimseStatus.DataSetDoesNotMatchSOPClass, comment: result.message };
  }
  return { status: DimseStatus.CannotUnderstand, comment: result.message };
}
