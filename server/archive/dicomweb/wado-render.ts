import type { DicomwebDeps } from './dicomweb-deps.js';
import { encodeImage, type RenderedMediaType } from './rendered/image-encoding.js';
import { canServeNative, frameGeometry, nativeFrames } from './rendered/native-frames.js';
import { renderFrame } from './rendered/render-frame.js';
import { RenderParameterError, type Window } from './rendered/voi.js';
import { metadataCacheFor } from './wado-metadata-cache.js';
import type { RetrievableInstance } from './wado-resolve.js';

export interface RenderRequest {
  frameNumber: number;
  mediaType: RenderedMediaType;
  window?: Window;
  quality?: number;
}

/**
 * One frame of a stored instance as a consumer image, for WADO-RS /rendered and WADO-URI.
 *
 * @throws RenderParameterError (answer 406) when the frame cannot be rendered, naming why;
 *   FrameAccessError for a frame that does not exist.
 */
export async function renderInstance(
  deps: DicomwebDeps,
  instance: RetrievableInstance,
  request: RenderRequest,
): Promise<Buffer> {
  const bytes = await deps.store.get(instance.storageKey);
  const { parsed, rendering } = await metadataCacheFor(deps.store).get(deps.store, instance, bytes);
  if (!parsed.pixelData) {
    throw new RenderParameterError(`Instance ${instance.sopInstanceUid} has no pixel data`);
  }
  if (!canServeNative(parsed)) {
    throw new RenderParameterError(
      `Limitation: frames in transfer syntax ${parsed.TransferSyntaxUID} cannot be decoded ` +
        'by this archive, so they cannot be rendered; retrieve the frames as stored instead',
    );
  }

  const [pixels] = await nativeFrames(bytes, parsed, [request.frameNumber]);
  // Decoders hand colour back as RGB, whatever YBR the encoder worked in.
  const decodedColour = parsed.pixelData.encapsulated && (parsed.SamplesPerPixel ?? 1) === 3;
  const image = renderFrame(
    {
      ...frameGeometry(parsed),
      bitsStored: parsed.BitsStored ?? parsed.BitsAllocated ?? 8,
      photometricInterpretation: decodedColour
        ? 'RGB'
        : (parsed.PhotometricInterpretation ?? 'MONOCHROME2'),
      planarConfiguration: decodedColour ? 0 : (parsed.PlanarConfiguration ?? 0),
      pixels: pixels!,
    },
    rendering,
    request.window,
  );
  return encodeImage(image, request.mediaType, request.quality);
}
