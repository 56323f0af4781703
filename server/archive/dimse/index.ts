/**
 * DICOM networking of the archive: the DIMSE server that modalities push studies to.
 */
export { createDimseServer, type DimseServer } from './dimse-server.js';
export {
  InvalidDimseServerOptionError,
  type AssociationDecision,
  type AssociationRefusal,
  type AssociationRequest,
  type DimseLogger,
  type DimseServerOptions,
  type StoreRequest,
  type StoreResult,
} from './dimse-server-options.js';
export { DimseStatus } from './dimse-status.js';
export { IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_VERSION_NAME } from './implementation.js';
export {
  DEFAULT_ACCEPTED_TRANSFER_SYNTAXES,
  TransferSyntax,
  UnknownTransferSyntaxError,
  type TransferSyntaxUID,
} from './transfer-syntax.js';
