import { canStoreStudy } from '../../auth/authorization';
import { IngestQueue, type IngestRefusalCode, type IngestResult } from '../ingest/index.js';
import { DEFAULT_MAX_PART_BYTES, DEFAULT_MAX_REQUEST_BYTES } from './dicomweb-deps.js';
import { sendDicomJson, sendError } from './http-answer.js';
import { parseMediaType } from './media-type.js';
import { MultipartError, readMultipart } from './multipart.js';
import type { DicomwebRequest, DicomwebRoute } from './router.js';

/** Failure Reason (0008,1197) values, PS3.18 Table I.2-1 and PS3.4 Annex GG. */
export const FailureReason = {
  processingFailure: 0x0110,
  outOfResources: 0xa700,
  dataSetDoesNotMatchSopClass: 0xa900,
  cannotUnderstand: 0xc000,
} as const;

/**
 * The human reason for a failure sits in a private block of each Failed SOP Sequence item:
 * no standard data element of that item carries free text (Warning Reason and Failure Reason
 * are coded US values), and a private block with its creator is ignored by clients that do
 * not know it instead of breaking them. (0009,0010) names the creator, (0009,1010) holds our
 * stable refusal code, (0009,1011) the sentence, (0009,1012) the 1-based part number.
 */
export const PRIVATE_CREATOR = 'ARCHIPEL STOW';

interface Failure {
  part: number;
  code: number;
  reason: string;
  message: string;
  sopClassUid?: string;
  sopInstanceUid?: string;
}

interface Referenced {
  part: number;
  sopClassUid: string;
  sopInstanceUid: string;
  studyInstanceUid: string;
  seriesInstanceUid: string;
}

/** STOW-RS: `POST /dicomweb/studies` and `POST /dicomweb/studies/{StudyInstanceUID}`. */
async function handleStow(request: DicomwebRequest): Promise<void> {
  const { deps, req, res, actor, baseUrl } = request;
  const urlStudy = request.params[0];

  // Check the media type, then who may store, before reading any of the body.
  const media = parseMediaType(req.headers['content-type'] ?? '');
  const partType = media.parameters.type?.toLowerCase();
  if (media.type !== 'multipart/related' || (partType && partType !== 'application/dicom')) {
    return refuseEarly(
      request,
      415,
      'unsupported-media-type',
      'STOW-RS accepts multipart/related; type="application/dicom" only ' +
        `(got "${req.headers['content-type'] ?? 'no Content-Type'}")`,
    );
  }
  if (!media.parameters.boundary) {
    return refuseEarly(
      request,
      400,
      'malformed-multipart',
      'The multipart/related Content-Type has no boundary parameter',
    );
  }
  if (!canStoreStudy(actor, actor.siteId)) {
    return refuseEarly(
      request,
      403,
      'forbidden',
      `Role ${actor.role} may not store studies in the archive of its site`,
    );
  }
  const maxRequestBytes = deps.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxRequestBytes) {
    return refuseEarly(
      request,
      413,
      'request-too-large',
      `The request of ${declared} bytes exceeds the limit of ${maxRequestBytes} bytes`,
    );
  }

  // Parts are stored in batches: one batch is indexed while the next is read and written.
  const referenced: Referenced[] = [];
  const failures: Failure[] = [];
  const storedStudies = new Set<string>();
  const queue = new IngestQueue(deps, {
    siteId: actor.siteId,
    actor,
    source: 'stow',
    expectedStudyInstanceUid: urlStudy,
  });
  const queuedParts: number[] = [];
  const collectQueued = async (results: Array<IngestResult | undefined>) => {
    results.forEach((result, i) => {
      if (!result) return;
      collect(result, queuedParts[i]!, referenced, failures);
      if (result.status !== 'refused') storedStudies.add(result.studyInstanceUid);
    });
  };
  let part = 0;
  try {
    const parts = readMultipart(req, media.parameters.boundary, {
      maxRequestBytes,
      maxPartBytes: deps.maxPartBytes ?? DEFAULT_MAX_PART_BYTES,
    });
    for await (const received of parts) {
      part += 1;
      const contentType = parseMediaType(received.headers['content-type'] ?? 'application/dicom');
      if (contentType.type !== 'application/dicom') {
        failures.push({
          part,
          code: FailureReason.cannotUnderstand,
          reason: 'not-dicom',
          message: `Part ${part} is ${contentType.type}, not application/dicom`,
        });
        continue;
      }
      if (!received.bytes) {
        failures.push({
          part,
          code: FailureReason.outOfResources,
          reason: 'part-too-large',
          message: `Part ${part} of ${received.size} bytes exceeds the per-instance limit`,
        });
        continue;
      }
      queuedParts.push(part);
      await queue.add(received.bytes);
    }
    await collectQueued(await queue.finish());
  } catch (error) {
    if (!(error instanceof MultipartError)) {
      // Storage failed or the sender went away: what was stored stays, and its studies are
      // still announced to the cases waiting for them.
      await collectQueued(await queue.settle());
      await deps.onStudiesStored?.([...storedStudies]);
      throw error;
    }
    // A multipart error ends the reading: the parts read before it are still stored.
    await collectQueued(await queue.finish());
    await deps.onStudiesStored?.([...storedStudies]);
    sortByPart(referenced, failures);
    // NOTE: parts stored before the error stay stored; the answer lists them so the sender
    // knows what not to resend.
    const status = error.code === 'request-too-large' ? 413 : 400;
    deps.log.warn(
      { parts: part, stored: referenced.length, reason: error.code },
      '--> STOW refused',
    );
    res.setHeader('Connection', 'close');
    req.resume();
    if (referenced.length === 0 && failures.length === 0) {
      return sendError(res, status, error.code, error.message, { close: true });
    }
    failures.push({
      part: part + 1,
      code: FailureReason.cannotUnderstand,
      reason: error.code,
      message: error.message,
    });
    return sendDicomJson(res, status, stowResponse(referenced, failures, baseUrl, urlStudy));
  }

  sortByPart(referenced, failures);
  await deps.onStudiesStored?.([...storedStudies]);
  if (part === 0) {
    return sendError(res, 400, 'malformed-multipart', 'The multipart body holds no part');
  }
  const status = failures.length === 0 ? 200 : referenced.length > 0 ? 202 : 409;
  deps.log.info(
    { parts: part, stored: referenced.length, failed: failures.length, status },
    '--> STOW answered',
  );
  sendDicomJson(res, status, stowResponse(referenced, failures, baseUrl, urlStudy));
}

/** Batches finish in order, but failures found while reading come first: restore part order. */
function sortByPart(referenced: Referenced[], failures: Failure[]): void {
  referenced.sort((a, b) => a.part - b.part);
  failures.sort((a, b) => a.part - b.part);
}

function collect(
  result: IngestResult,
  part: number,
  referenced: Referenced[],
  failures: Failure[],
): void {
  if (result.status === 'refused') {
    failures.push({
      part,
      code: failureCodeOf(result.reason),
      reason: result.reason,
      message: result.message,
      sopClassUid: result.sopClassUid,
      sopInstanceUid: result.sopInstanceUid,
    });
    return;
  }
  referenced.push({
    part,
    sopClassUid: result.sopClassUid,
    sopInstanceUid: result.sopInstanceUid,
    studyInstanceUid: result.studyInstanceUid,
    seriesInstanceUid: result.seriesInstanceUid,
  });
}

function failureCodeOf(reason: IngestRefusalCode): number {
  switch (reason) {
    case 'study-owned-by-other-site':
    case 'instance-uid-conflict':
    case 'unindexable':
      return FailureReason.processingFailure;
    case 'study-mismatch':
      return FailureReason.dataSetDoesNotMatchSopClass;
    default:
      return FailureReason.cannotUnderstand;
  }
}

async function refuseEarly(
  request: DicomwebRequest,
  status: number,
  error: string,
  message: string,
): Promise<void> {
  // Answer without reading a body the sender may still be pushing, and drop the connection.
  request.deps.log.warn({ status, reason: error }, '--> STOW refused');
  sendError(request.res, status, error, message, { close: true });
  request.req.resume();
}

function stowResponse(
  referenced: Referenced[],
  failures: Failure[],
  baseUrl: string,
  urlStudy: string | undefined,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const studies = new Set(referenced.map((r) => r.studyInstanceUid));
  const study = urlStudy ?? (studies.size === 1 ? [...studies][0] : undefined);
  if (study) body['00081190'] = ur(`${baseUrl}/studies/${study}`);

  if (failures.length > 0) {
    body['00081198'] = { vr: 'SQ', Value: failures.map(failedItem) };
  }
  body['00081199'] = {
    vr: 'SQ',
    Value: referenced.map((r) => ({
      '00081150': ui(r.sopClassUid),
      '00081155': ui(r.sopInstanceUid),
      '00081190': ur(
        `${baseUrl}/studies/${r.studyInstanceUid}/series/${r.seriesInstanceUid}` +
          `/instances/${r.sopInstanceUid}`,
      ),
    })),
  };
  return body;
}

function failedItem(failure: Failure): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  item['00090010'] = { vr: 'LO', Value: [PRIVATE_CREATOR] };
  item['00091010'] = { vr: 'LO', Value: [failure.reason] };
  item['00091011'] = { vr: 'LT', Value: [failure.message] };
  item['00091012'] = { vr: 'US', Value: [failure.part] };
  if (failure.sopClassUid) item['00081150'] = ui(failure.sopClassUid);
  if (failure.sopInstanceUid) item['00081155'] = ui(failure.sopInstanceUid);
  item['00081197'] = { vr: 'US', Value: [failure.code] };
  return item;
}

const ui = (value: string) => ({ vr: 'UI', Value: [value] });
const ur = (value: string) => ({ vr: 'UR', Value: [value] });

export const stowRoutes: DicomwebRoute[] = [
  { method: 'POST', path: /^\/studies$/, handle: handleStow },
  { method: 'POST', path: /^\/studies\/([^/]+)$/, handle: handleStow },
];
