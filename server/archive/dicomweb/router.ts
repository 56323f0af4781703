import type { IncomingMessage, ServerResponse } from 'node:http';

import type { Actor } from '../../auth/roles';
import type { DicomwebDeps } from './dicomweb-deps.js';
import { sendError } from './http-answer.js';
import { qidoRoutes } from './qido.js';
import { stowRoutes } from './stow.js';
import { wadoRoutes } from './wado-routes.js';

export const DICOMWEB_PREFIX = '/dicomweb';

export interface DicomwebRequest {
  deps: DicomwebDeps;
  req: IncomingMessage;
  res: ServerResponse;
  actor: Actor;
  url: URL;
  /** Path parameters in route order, URI-decoded: study, series, instance UIDs. */
  params: string[];
  /** Origin and prefix for RetrieveURLs, without a trailing slash. */
  baseUrl: string;
}

/** One route: a method, a path under /dicomweb as a RegExp with UID groups, a handler. */
export interface DicomwebRoute {
  method: 'GET' | 'POST' | 'DELETE';
  path: RegExp;
  handle(request: DicomwebRequest): Promise<void>;
}

/** STOW-RS, QIDO-RS and WADO-RS. */
export const dicomwebRoutes: DicomwebRoute[] = [...stowRoutes, ...qidoRoutes, ...wadoRoutes];

/**
 * Answers a request under /dicomweb for an already authenticated actor.
 *
 * @returns false when the path is not under /dicomweb, so the caller routes it elsewhere
 */
export async function handleDicomweb(
  deps: DicomwebDeps,
  req: IncomingMessage,
  res: ServerResponse,
  actor: Actor,
  routes: readonly DicomwebRoute[] = dicomwebRoutes,
): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname !== DICOMWEB_PREFIX && !url.pathname.startsWith(`${DICOMWEB_PREFIX}/`)) {
    return false;
  }
  const path = url.pathname.slice(DICOMWEB_PREFIX.length).replace(/\/+$/, '');

  const matching = routes.filter((route) => route.path.test(path));
  const route = matching.find((candidate) => candidate.method === req.method);
  if (!route) {
    if (matching.length > 0) {
      res.setHeader('Allow', [...new Set(matching.map((m) => m.method))].join(', '));
      sendError(res, 405, 'method-not-allowed', `${req.method} is not allowed on ${path}`);
    } else {
      sendError(res, 404, 'not-found', `No DICOMweb resource at ${url.pathname}`);
    }
    return true;
  }

  let params: string[];
  try {
    params = route.path
      .exec(path)!
      .slice(1)
      .map((p) => decodeURIComponent(p));
  } catch {
    sendError(res, 400, 'bad-path', `The path ${url.pathname} is not valid URI encoding`);
    return true;
  }
  const baseUrl =
    deps.baseUrl?.replace(/\/+$/, '') ??
    `http://${req.headers.host ?? 'localhost'}${DICOMWEB_PREFIX}`;

  try {
    await route.handle({ deps, req, res, actor, url, params, baseUrl });
  } catch (error) {
    deps.log.error({ err: error, path, method: req.method }, 'DICOMweb request failed');
    if (!res.headersSent) sendError(res, 500, 'internal', 'The archive failed to answer');
    else res.destroy();
  }
  return true;
}
