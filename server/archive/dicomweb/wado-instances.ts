import { lookupTransferSyntax } from '../dicom/index.js';
import { sendError } from './http-answer.js';
import { parseAccept } from './media-type.js';
import type { DicomwebRoute } from './router.js';
import { MultipartWriter } from './wado-multipart.js';
import { transferSyntaxMatches } from './wado-media.js';
import {
  resolveInstances,
  RetrieveTargetNotFound,
  type RetrievableInstance,
  type RetrieveLevel,
} from './wado-resolve.js';

const DICOM = 'application/dicom';

type Answer = { multipart: boolean } | { refusal: string };

/**
 * WADO-RS retrieve of a study, series or instance: the stored Part 10 bytes, untouched and
 * streamed, as multipart/related; type="application/dicom" (or a bare application/dicom
 * body for one instance when that is what the client accepts).
 *
 * Limitation: the archive does not transcode. Asking for a transfer syntax other than the
 * stored one is answered 406 naming the stored syntax; `transfer-syntax=*` always works.
 */
function retrieveHandler(level: RetrieveLevel): DicomwebRoute['handle'] {
  return async (request) => {
    const { deps, req, res } = request;

    let instances: RetrievableInstance[];
    try {
      instances = await resolveInstances(request, level, 'instances');
    } catch (error) {
      if (error instanceof RetrieveTargetNotFound) {
        return sendError(res, 404, 'not-found', error.message);
      }
      throw error;
    }

    const answer = negotiate(req.headers.accept, instances, level);
    if ('refusal' in answer) return sendError(res, 406, 'not-acceptable', answer.refusal);

    if (!answer.multipart) {
      const [only] = instances as [RetrievableInstance];
      const body = await deps.store.stream(only.storageKey);
      res.writeHead(200, { 'Content-Type': DICOM, 'Content-Length': only.size });
      body.pipe(res);
      return;
    }

    const writer = new MultipartWriter(res, DICOM);
    for (const instance of instances) {
      const headers = {
        'Content-Type': `${DICOM}; transfer-syntax=${instance.transferSyntaxUid}`,
        'Content-Length': instance.size,
        'Content-Location': instanceUrl(request.baseUrl, instance),
      };
      await writer.part(headers, await deps.store.stream(instance.storageKey));
    }
    writer.end();
  };
}

/**
 * The first Accept range every instance can be served under, as stored. Without a
 * transfer-syntax parameter PS3.18 means Explicit VR Little Endian; the archive serves any
 * uncompressed syntax then (the pixels need no decoder), and refuses compressed ones.
 */
export function negotiate(
  accept: string | undefined,
  instances: RetrievableInstance[],
  level: RetrieveLevel,
): Answer {
  const ranges = parseAccept(accept);
  if (ranges.length === 0) return { multipart: true };

  for (const range of ranges) {
    const multipart = range.type === 'multipart/related';
    const inner = multipart ? (range.parameters.type?.toLowerCase() ?? DICOM) : range.type;
    if (inner !== DICOM && inner !== '*/*' && range.type !== 'multipart/*') continue;
    if (!multipart && range.type === DICOM && level !== 'instance') continue;

    const asked = range.parameters['transfer-syntax'];
    const anything = inner === '*/*' || range.type === 'multipart/*';
    const servable = instances.every((instance) =>
      transferSyntaxMatches(asked, instance.transferSyntaxUid, anything || isNative(instance)),
    );
    if (servable) return { multipart: multipart || range.type !== DICOM };
  }

  const stored = [...new Set(instances.map((i) => i.transferSyntaxUid))];
  return {
    refusal:
      `The archive serves instances only as stored (it does not transcode): ` +
      `${stored.map(describe).join(', ')}. Ask multipart/related; type="application/dicom" ` +
      `with transfer-syntax=* or one of those UIDs` +
      (level === 'instance' ? '' : '; a bare application/dicom names a single instance'),
  };
}

function isNative(instance: RetrievableInstance): boolean {
  return lookupTransferSyntax(instance.transferSyntaxUid)?.encapsulated === false;
}

function describe(uid: string): string {
  const name = lookupTransferSyntax(uid)?.name;
  return name ? `${name} (${uid})` : uid;
}

export function instanceUrl(baseUrl: string, instance: RetrievableInstance): string {
  return (
    `${baseUrl}/studies/${instance.studyInstanceUid}/series/${instance.seriesInstanceUid}` +
    `/instances/${instance.sopInstanceUid}`
  );
}

const UID = '([^/]+)';

export const wadoInstanceRoutes: DicomwebRoute[] = [
  { method: 'GET', path: new RegExp(`^/studies/${UID}$`), handle: retrieveHandler('study') },
  {
    method: 'GET',
    path: new RegExp(`^/studies/${UID}/series/${UID}$`),
    handle: retrieveHandler('series'),
  },
  {
    method: 'GET',
    path: new RegExp(`^/studies/${UID}/series/${UID}/instances/${UID}$`),
    handle: retrieveHandler('instance'),
  },
];
