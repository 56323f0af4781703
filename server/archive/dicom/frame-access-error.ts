/**
 * Why a WADO-RS frame request cannot be answered from a stored instance. The codes map to
 * HTTP: 'frame-out-of-range' is a 404 on the frame list, the others a 409 or 406 (the
 * instance exists but its frames cannot be cut out as asked).
 */
export type FrameAccessErrorCode =
  'frame-out-of-range' | 'no-pixel-data' | 'frames-not-separable' | 'pixel-data-truncated';

export class FrameAccessError extends Error {
  readonly code: FrameAccessErrorCode;
  readonly sopInstanceUID: string;
  readonly frameNumber?: number;

  constructor(
    code: FrameAccessErrorCode,
    message: string,
    context: { sopInstanceUID: string; frameNumber?: number },
  ) {
    super(message);
    this.name = 'FrameAccessError';
    this.code = code;
    this.sopInstanceUID = context.sopInstanceUID;
    this.frameNumber = context.frameNumber;
  }
}
