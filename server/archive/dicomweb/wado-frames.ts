import { FrameAccessError, getFrames, type ParsedInstance } from '../dicom/index.js';
import { sendError } from './http-answer.js';
import { parseAccept } from './media-type.js';
import { canServeNative, nativeFrames } from './rendered/native-frames.js';
import type { DicomwebRoute } from './router.js';
import { instanceUrl } from './wado-instances.js';
import {
  EXPLICIT_VR_LITTLE_ENDIAN,
  frameMediaTypeOf,
  OCTET_STREAM,
  requestedPartTypes,
  transferSyntaxMatches,
} from './wado-media.js';
import { metadataCacheFor } from './wado-metadata-cache.js';
import { MultipartWriter } from './wado-multipart.js';
import { resolveInstances, RetrieveTargetNotFound } from './wado-resolve.js';

/** How the frames go out: as stored under some media type, or as native samples. */
type FramePlan = { kind: 'stored'; mediaType: string; transferSyntax: string } | { kind: 'native' };

/**
 * WADO-RS frames: multipart/related, one part per frame in the order asked. A compressed
 * frame goes out as stored (image/jls, image/jp2, ...) or, when the client asks
 * application/octet-stream, decoded to Explicit VR Little Endian samples.
 */
const retrieveFrames: DicomwebRoute['handle'] = async (request) => {
  const { deps, req, res, params } = request;

  const frameList = params[3] ?? '';
  if (!/^\d+(,\d+)*$/.test(frameList)) {
    return sendError(res, 400, 'bad-frame-list', `"${frameList}" is not a frame list like 1,3,5`);
  }
  const frameNumbers = frameList.split(',').map(Number);

  let instance;
  try {
    [instance] = await resolveInstances(request, 'instance', 'frames');
  } catch (error) {
    if (error instanceof RetrieveTargetNotFound) {
      return sendError(res, 404, 'not-found', error.message);
    }
    throw error;
  }

  const bytes = await deps.store.get(instance!.storageKey);
  const { parsed } = await metadataCacheFor(deps.store).get(deps.store, instance!, bytes);
  const plan = planFrames(req.headers.accept, parsed);
  if ('refusal' in plan) return sendError(res, 406, 'not-acceptable', plan.refusal);

  let frames: Uint8Array[];
  try {
    frames =
      plan.kind === 'native'
        ? await nativeFrames(bytes, parsed, frameNumbers)
        : getFrames(bytes, parsed, frameNumbers);
  } catch (error) {
    if (!(error instanceof FrameAccessError)) throw error;
    const status = error.code === 'frame-out-of-range' ? 404 : 409;
    return sendError(res, status, error.code, error.message);
  }

  const mediaType = plan.kind === 'native' ? OCTET_STREAM : plan.mediaType;
  const transferSyntax = plan.kind === 'native' ? EXPLICIT_VR_LITTLE_ENDIAN : plan.transferSyntax;
  const writer = new MultipartWriter(res, mediaType, { 'transfer-syntax': transferSyntax });
  const url = instanceUrl(request.baseUrl, instance!);
  for (const [index, frame] of frames.entries()) {
    await writer.part(
      {
        'Content-Type': `${mediaType}; transfer-syntax=${transferSyntax}`,
        'Content-Length': frame.length,
        'Content-Location': `${url}/frames/${frameNumbers[index]}`,
      },
      frame,
    );
  }
  writer.end();
};

/**
 * Picks the first Accept range the frames can meet. application/octet-stream without a
 * transfer syntax means Explicit VR Little Endian (PS3.18 8.7.3.5.2); with `*` or the
 * stored UID it means the stored bitstream.
 */
export function planFrames(
  accept: string | undefined,
  parsed: ParsedInstance,
): FramePlan | { refusal: string } {
  const stored = parsed.TransferSyntaxUID;
  const compressed = parsed.pixelData?.encapsulated === true;
  const storedType = compressed ? (frameMediaTypeOf(stored) ?? OCTET_STREAM) : OCTET_STREAM;

  for (const asked of requestedPartTypes(parseAccept(accept))) {
    const syntax = asked.parameters['transfer-syntax'];
    if (asked.type === '*/*' || asked.type === 'image/*') {
      if (!compressed) return { kind: 'native' };
      if (transferSyntaxMatches(syntax, stored)) {
        return { kind: 'stored', mediaType: storedType, transferSyntax: stored };
      }
    } else if (asked.type === OCTET_STREAM) {
      const native = syntax === undefined || syntax === EXPLICIT_VR_LITTLE_ENDIAN;
      if (native && canServeNative(parsed)) return { kind: 'native' };
      if (syntax === '*' && !compressed) return { kind: 'native' };
      if (compressed && transferSyntaxMatches(syntax, stored, false)) {
        return { kind: 'stored', mediaType: OCTET_STREAM, transferSyntax: stored };
      }
    } else if (compressed && asked.type === storedType) {
      if (transferSyntaxMatches(syntax, stored)) {
        return { kind: 'stored', mediaType: storedType, transferSyntax: stored };
      }
    }
  }

  const offer = compressed
    ? `${storedType} (transfer-syntax=${stored})` +
      (canServeNative(parsed) ? `, or ${OCTET_STREAM} decoded to Explicit VR Little Endian` : '')
    : `${OCTET_STREAM} (Explicit VR Little Endian)`;
  return {
    refusal: `Frames of instance ${parsed.SOPInstanceUID} can be served as ${offer} only`,
  };
}

const UID = '([^/]+)';

export const wadoFrameRoutes: DicomwebRoute[] = [
  {
    method: 'GET',
    path: new RegExp(`^/studies/${UID}/series/${UID}/instances/${UID}/frames/([^/]+)$`),
    handle: retrieveFrames,
  },
];
