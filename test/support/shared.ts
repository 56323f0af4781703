import path from 'node:path';

/**
 * The shared test data (../shared beside the checkout: real DICOM files and reference
 * captures). ARCHIPEL_SHARED_DIR points elsewhere when the checkout lives apart from it.
 */
export const SHARED_DIR =
  process.env.ARCHIPEL_SHARED_DIR ?? path.resolve(import.meta.dirname, '..', '..', '..', 'shared');
