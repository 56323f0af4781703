import { dataSetBytes, getFrames } from '../dicom/index.js';
import { sendError } from './http-answer.js';
import { toLittleEndian } from './rendered/byte-order.js';
import type { DicomwebRoute } from './router.js';
import { instanceUrl } from './wado-instances.js';
import { frameMediaTypeOf, OCTET_STREAM } from './wado-media.js';
import { metadataCacheFor } from './wado-metadata-cache.js';
import { MultipartWriter } from './wado-multipart.js';
import { resolveInstances, RetrieveTargetNotFound } from './wado-resolve.js';

const PIXEL_DATA = '7FE00010';

/**
 * WADO-RS bulk data: the value a BulkDataURI of the metadata points at, found again by its
 * tag path in the cached derivatives. A native value goes out as one
 * application/octet-stream part; encapsulated Pixel Data as its frames, as stored.
 *
 * Limitation: bulk values of a big endian object are sent in stored byte order, except
 * native Pixel Data, which is swapped to little endian like WADO-RS frames.
 */
const retrieveBulkData: DicomwebRoute['handle'] = async (request) => {
  const { deps, res, params } = request;
  const tagPath = params[3] ?? '';

  let instance;
  try {
    [instance] = await resolveInstances(request, 'instance', 'bulkdata');
  } catch (error) {
    if (error instanceof RetrieveTargetNotFound) {
      return sendError(res, 404, 'not-found', error.message);
    }
    throw error;
  }

  const bytes = await deps.store.get(instance!.storageKey);
  const { parsed, bulkData } = await metadataCacheFor(deps.store).get(deps.store, instance!, bytes);
  const location = bulkData.get(tagPath);
  if (!location) {
    return sendError(
      res,
      404,
      'not-found',
      `Instance ${instance!.sopInstanceUid} has no bulk data at tag path ${tagPath}`,
    );
  }

  const url = `${instanceUrl(request.baseUrl, instance!)}/bulk/${tagPath}`;
  if (location.encapsulated && tagPath === PIXEL_DATA) {
    const frameNumbers = Array.from({ length: parsed.frameCount }, (_, i) => i + 1);
    const type = frameMediaTypeOf(parsed.TransferSyntaxUID) ?? OCTET_STREAM;
    const syntax = parsed.TransferSyntaxUID;
    const writer = new MultipartWriter(res, type, { 'transfer-syntax': syntax });
    for (const frame of getFrames(bytes, parsed, frameNumbers)) {
      await writer.part({ 'Content-Type': `${type}; transfer-syntax=${syntax}` }, frame);
    }
    writer.end();
    return;
  }

  let value = dataSetBytes(bytes, parsed.encoding).subarray(
    location.offset,
    location.offset + location.length,
  );
  if (tagPath === PIXEL_DATA && !parsed.encoding.littleEndian) {
    value = toLittleEndian(value, parsed.BitsAllocated ?? 8);
  }
  const writer = new MultipartWriter(res, OCTET_STREAM);
  await writer.part(
    { 'Content-Type': OCTET_STREAM, 'Content-Length': value.length, 'Content-Location': url },
    value,
  );
  writer.end();
};

const UID = '([^/]+)';

export const wadoBulkDataRoutes: DicomwebRoute[] = [
  {
    method: 'GET',
    path: new RegExp(`^/studies/${UID}/series/${UID}/instances/${UID}/bulk/([0-9A-Fa-f/]+)$`),
    handle: retrieveBulkData,
  },
];
