import type { Actor } from '../../auth/roles';
import type { Database } from '../../db/client';
import type { IngestLog } from '../ingest/index.js';
import type { BlobStore } from '../store/index.js';

export interface DicomwebDeps {
  db: Database;
  store: BlobStore;
  log: IngestLog & { error(object: object, message?: string): void };
  /** Study ids (Study.id) of the cases the actor takes part in; none when absent. */
  participantStudyIds?: (actor: Actor) => Promise<Set<string>>;
  /**
   * The public origin and prefix of these routes in RetrieveURLs, e.g.
   * `https://archipel.example/dicomweb`. Defaults to `http://<Host header>/dicomweb`.
   */
  baseUrl?: string;
  /** STOW-RS limits; a larger request is answered 413, a larger part fails alone. */
  maxRequestBytes?: number;
  maxPartBytes?: number;
  /**
   * Called once per STOW-RS request with the studies it stored into, before the answer: the
   * case workflow attaches arriving studies to open cases from here.
   */
  onStudiesStored?: (studyInstanceUids: string[]) => Promise<void>;
  /** The most results one QIDO-RS answer carries whatever `limit` asks. */
  maxQidoResults?: number;
}

export const DEFAULT_MAX_REQUEST_BYTES = 4 * 1024 ** 3;
export const DEFAULT_MAX_PART_BYTES = 1024 ** 3;
export const DEFAULT_MAX_QIDO_RESULTS = 1000;
