import type { DicomwebRoute } from './router.js';
import { wadoBulkDataRoutes } from './wado-bulkdata.js';
import { wadoFrameRoutes } from './wado-frames.js';
import { wadoInstanceRoutes } from './wado-instances.js';
import { wadoMetadataRoutes } from './wado-metadata.js';
import { wadoRenderedRoutes } from './wado-rendered.js';

/** Every WADO-RS route: instances, metadata, frames, rendered images and bulk data. */
export const wadoRoutes: DicomwebRoute[] = [
  ...wadoInstanceRoutes,
  ...wadoMetadataRoutes,
  ...wadoFrameRoutes,
  ...wadoRenderedRoutes,
  ...wadoBulkDataRoutes,
];
