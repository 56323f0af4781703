/** Ingest: the one path every received object takes into the archive (STOW, upload, DIMSE). */
export {
  storeInstance,
  type IngestDeps,
  type IngestLog,
  type IngestRequest,
} from './store-instance.js';
export type {
  IngestRefusalCode,
  IngestRefused,
  IngestResult,
  IngestSource,
  IngestStored,
} from './ingest-result.js';
export { patientNameKey } from './patient-name-key.js';
