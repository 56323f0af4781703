/** Ingest: the one path every received object takes into the archive (STOW, upload, DIMSE). */
export {
  IngestQueue,
  storeInstance,
  storeInstances,
  type IngestDeps,
  type IngestLog,
  type IngestRequest,
  type IngestSender,
} from './store-instance.js';
export type {
  IngestRefusalCode,
  IngestRefused,
  IngestResult,
  IngestSource,
  IngestStored,
} from './ingest-result.js';
export { patientNameKey } from './patient-name-key.js';
