import { FrameAccessError } from '../dicom/index.js';
import { sendError } from './http-answer.js';
import { parseAccept } from './media-type.js';
import type { RenderedMediaType } from './rendered/image-encoding.js';
import { parseWindowParameter, RenderParameterError } from './rendered/voi.js';
import type { DicomwebRoute } from './router.js';
import { renderInstance } from './wado-render.js';
import { resolveInstances, RetrieveTargetNotFound } from './wado-resolve.js';

/** The rendered type an Accept header asks for; JPEG when anything will do. */
export function renderedMediaType(accept: string | undefined): RenderedMediaType | undefined {
  const ranges = parseAccept(accept);
  if (ranges.length === 0) return 'image/jpeg';
  for (const range of ranges) {
    if (range.type === 'image/jpeg' || range.type === 'image/png') return range.type;
    if (range.type === '*/*' || range.type === 'image/*') return 'image/jpeg';
  }
  return undefined;
}

/**
 * WADO-RS rendered instance (its first frame) or frame, as image/jpeg or image/png,
 * windowed as `?window=center,width,linear` asks or as the file says. `quality` (1-100)
 * sets the JPEG quality.
 */
function renderedHandler(frameInPath: boolean): DicomwebRoute['handle'] {
  return async (request) => {
    const { deps, req, res, url, params } = request;

    const mediaType = renderedMediaType(req.headers.accept);
    if (!mediaType) {
      return sendError(res, 406, 'not-acceptable', 'Rendered images are image/jpeg or image/png');
    }
    const frameNumber = frameInPath ? Number(params[3]) : 1;
    if (!Number.isInteger(frameNumber) || frameNumber < 1) {
      return sendError(res, 400, 'bad-frame-number', `"${params[3]}" is not a frame number`);
    }
    const qualityText = url.searchParams.get('quality');
    const quality = qualityText === null ? undefined : Number(qualityText);
    if (quality !== undefined && !(Number.isInteger(quality) && quality >= 1 && quality <= 100)) {
      return sendError(res, 400, 'bad-quality', `quality "${qualityText}" is not 1..100`);
    }

    let window;
    try {
      window = parseWindowParameter(url.searchParams.get('window'));
    } catch (error) {
      if (error instanceof RenderParameterError) {
        return sendError(res, 400, 'bad-window', error.message);
      }
      throw error;
    }

    try {
      const [instance] = await resolveInstances(request, 'instance', 'rendered');
      const image = await renderInstance(deps, instance!, {
        frameNumber,
        mediaType,
        window,
        quality,
      });
      res.writeHead(200, { 'Content-Type': mediaType, 'Content-Length': image.length });
      res.end(image);
    } catch (error) {
      if (error instanceof RetrieveTargetNotFound) {
        return sendError(res, 404, 'not-found', error.message);
      }
      if (error instanceof FrameAccessError) {
        const status = error.code === 'frame-out-of-range' ? 404 : 409;
        return sendError(res, status, error.code, error.message);
      }
      if (error instanceof RenderParameterError) {
        return sendError(res, 406, 'not-renderable', error.message);
      }
      throw error;
    }
  };
}

const UID = '([^/]+)';
const INSTANCE = `^/studies/${UID}/series/${UID}/instances/${UID}`;

export const wadoRenderedRoutes: DicomwebRoute[] = [
  { method: 'GET', path: new RegExp(`${INSTANCE}/rendered$`), handle: renderedHandler(false) },
  {
    method: 'GET',
    path: new RegExp(`${INSTANCE}/frames/([^/]+)/rendered$`),
    handle: renderedHandler(true),
  },
];
