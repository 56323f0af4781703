import { DICOM_JSON, sendError } from './http-answer.js';
import { parseAccept } from './media-type.js';
import type { DicomwebRoute } from './router.js';
import { metadataCacheFor, withBaseUrl } from './wado-metadata-cache.js';
import {
  resolveInstances,
  RetrieveTargetNotFound,
  type RetrievableInstance,
  type RetrieveLevel,
} from './wado-resolve.js';

/** Instances derived at once on a cold cache: enough to overlap disk and CPU, not more. */
const DERIVE_CONCURRENCY = 8;

const JSON_TYPES = new Set(['application/dicom+json', 'application/json', '*/*', 'application/*']);

/**
 * WADO-RS metadata of a study, series or instance: a JSON array of DICOM JSON data sets,
 * each instance's text from the metadata cache, joined without re-serialising.
 */
function metadataHandler(level: RetrieveLevel): DicomwebRoute['handle'] {
  return async (request) => {
    const { deps, req, res, baseUrl } = request;

    const ranges = parseAccept(req.headers.accept);
    if (ranges.length > 0 && !ranges.some((range) => JSON_TYPES.has(range.type))) {
      return sendError(
        res,
        406,
        'not-acceptable',
        'Metadata is served as application/dicom+json only; application/dicom+xml is not',
      );
    }

    let instances: RetrievableInstance[];
    try {
      instances = await resolveInstances(request, level, 'metadata');
    } catch (error) {
      if (error instanceof RetrieveTargetNotFound) {
        return sendError(res, 404, 'not-found', error.message);
      }
      throw error;
    }

    const cache = metadataCacheFor(deps.store);
    const texts = new Array<string>(instances.length);
    let next = 0;
    const worker = async () => {
      while (next < instances.length) {
        const index = next++;
        texts[index] = (await cache.get(deps.store, instances[index]!)).metadataText;
      }
    };
    await Promise.all(Array.from({ length: DERIVE_CONCURRENCY }, worker));

    const body = withBaseUrl(`[${texts.join(',')}]`, baseUrl);
    res.writeHead(200, { 'Content-Type': DICOM_JSON, 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  };
}

const UID = '([^/]+)';

export const wadoMetadataRoutes: DicomwebRoute[] = [
  {
    method: 'GET',
    path: new RegExp(`^/studies/${UID}/metadata$`),
    handle: metadataHandler('study'),
  },
  {
    method: 'GET',
    path: new RegExp(`^/studies/${UID}/series/${UID}/metadata$`),
    handle: metadataHandler('series'),
  },
  {
    method: 'GET',
    path: new RegExp(`^/studies/${UID}/series/${UID}/instances/${UID}/metadata$`),
    handle: metadataHandler('instance'),
  },
];
