import type { IncomingMessage, ServerResponse } from 'node:http';

import type { Actor } from '../../auth/roles';
import { FrameAccessError } from '../dicom/index.js';
import type { DicomwebDeps } from './dicomweb-deps.js';
import { sendError } from './http-answer.js';
import { RenderParameterError, type Window } from './rendered/voi.js';
import { renderInstance } from './wado-render.js';
import { resolveInstances, RetrieveTargetNotFound } from './wado-resolve.js';

export const WADO_URI_PATH = '/wado';

const CONTENT_TYPES = new Set(['application/dicom', 'image/jpeg', 'image/png']);

/**
 * WADO-URI (PS3.18 9): `GET /wado?requestType=WADO&studyUID=&seriesUID=&objectUID=` with
 * `contentType` application/dicom (the stored object) or image/jpeg (the default) or
 * image/png, plus `frameNumber`, `windowCenter`/`windowWidth` and `imageQuality`.
 *
 * Limitation: `transferSyntax`, `anonymize`, `region`, `rows`/`columns` and presentation
 * states are not honoured; an object is served as stored or rendered at full size.
 *
 * @returns false when the path is not /wado, so the caller routes it elsewhere
 */
export async function handleWadoUri(
  deps: DicomwebDeps,
  req: IncomingMessage,
  res: ServerResponse,
  actor: Actor,
): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname !== WADO_URI_PATH) return false;
  if (req.method !== 'GET') {
    res.setHeader('Allow', 'GET');
    sendError(res, 405, 'method-not-allowed', `${req.method} is not allowed on /wado`);
    return true;
  }

  try {
    await answer(deps, url.searchParams, res, actor);
  } catch (error) {
    deps.log.error({ err: error, path: WADO_URI_PATH }, 'WADO-URI request failed');
    if (!res.headersSent) sendError(res, 500, 'internal', 'The archive failed to answer');
    else res.destroy();
  }
  return true;
}

async function answer(
  deps: DicomwebDeps,
  query: URLSearchParams,
  res: ServerResponse,
  actor: Actor,
): Promise<void> {
  if (query.get('requestType') !== 'WADO') {
    return sendError(res, 400, 'bad-request-type', 'requestType must be WADO');
  }
  const uids = ['studyUID', 'seriesUID', 'objectUID'].map((name) => [name, query.get(name)]);
  const missing = uids.filter(([, value]) => !value).map(([name]) => name);
  if (missing.length > 0) {
    return sendError(res, 400, 'missing-parameter', `WADO-URI needs ${missing.join(', ')}`);
  }
  // contentType may list several types; the first one we make wins.
  const asked = (query.get('contentType') ?? 'image/jpeg').split(',').map((t) => t.trim());
  const contentType = asked.find((type) => CONTENT_TYPES.has(type));
  if (!contentType) {
    return sendError(
      res,
      406,
      'not-acceptable',
      `contentType ${asked.join(',')} is not served; use application/dicom, image/jpeg or ` +
        'image/png',
    );
  }

  const frameNumber = Number(query.get('frameNumber') ?? '1');
  const quality = query.has('imageQuality') ? Number(query.get('imageQuality')) : undefined;
  const window = windowOf(query);
  if (!Number.isInteger(frameNumber) || frameNumber < 1 || window === null) {
    return sendError(
      res,
      400,
      'bad-parameter',
      'frameNumber must be a positive integer; windowCenter and windowWidth come together',
    );
  }
  if (quality !== undefined && !(Number.isInteger(quality) && quality >= 1 && quality <= 100)) {
    return sendError(res, 400, 'bad-parameter', 'imageQuality must be an integer 1..100');
  }

  const params = uids.map(([, value]) => value!);
  try {
    const [instance] = await resolveInstances({ deps, actor, params }, 'instance', 'instances');
    if (contentType === 'application/dicom') {
      const body = await deps.store.stream(instance!.storageKey);
      res.writeHead(200, { 'Content-Type': contentType, 'Content-Length': instance!.size });
      body.pipe(res);
      return;
    }
    const image = await renderInstance(deps, instance!, {
      frameNumber,
      mediaType: contentType as 'image/jpeg' | 'image/png',
      window,
      quality,
    });
    res.writeHead(200, { 'Content-Type': contentType, 'Content-Length': image.length });
    res.end(image);
  } catch (error) {
    if (error instanceof RetrieveTargetNotFound) {
      return sendError(res, 404, 'not-found', error.message);
    }
    if (error instanceof FrameAccessError) return sendError(res, 404, error.code, error.message);
    if (error instanceof RenderParameterError) {
      return sendError(res, 406, 'not-renderable', error.message);
    }
    throw error;
  }
}

/** The window asked for, undefined when none, null when only half of it is given. */
function windowOf(query: URLSearchParams): Window | undefined | null {
  const center = query.get('windowCenter');
  const width = query.get('windowWidth');
  if (center === null && width === null) return undefined;
  const window = { center: Number(center), width: Number(width) };
  if (center === null || width === null || !Number.isFinite(window.center)) return null;
  return Number.isFinite(window.width) && window.width >= 1 ? window : null;
}
