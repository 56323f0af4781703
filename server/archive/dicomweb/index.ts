/**
 * The archive's DICOMweb server: STOW-RS and QIDO-RS under /dicomweb, as plain Node handlers
 * the main server calls after authenticating. WADO-RS adds routes to `dicomwebRoutes`.
 */
export {
  handleDicomweb,
  dicomwebRoutes,
  DICOMWEB_PREFIX,
  type DicomwebRequest,
  type DicomwebRoute,
} from './router.js';
export type { DicomwebDeps } from './dicomweb-deps.js';
export { FailureReason, PRIVATE_CREATOR } from './stow.js';
export { readMultipart, MultipartError, type MultipartPart } from './multipart.js';
