/**
 * A streaming reader of multipart/related bodies (RFC 2046 5.1). Parts are yielded one at a
 * time as the request arrives, each buffered alone, so a 2 GB STOW-RS request never sits in
 * memory whole. The consumer stores a part before the next is read, which is back-pressure.
 */

export interface MultipartPart {
  /** Header names lower-cased. */
  headers: Record<string, string>;
  /** Undefined when the part exceeded maxPartBytes; its bytes were read and dropped. */
  bytes?: Buffer;
  size: number;
}

export interface MultipartLimits {
  maxRequestBytes: number;
  maxPartBytes: number;
}

export type MultipartErrorCode = 'request-too-large' | 'malformed';

export class MultipartError extends Error {
  constructor(
    readonly code: MultipartErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MultipartError';
  }
}

const MAX_HEADER_BYTES = 16 * 1024;
const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

type State = 'preamble' | 'after-delimiter' | 'headers' | 'body' | 'done';

/** Yields the parts of `body`, a stream of chunks, separated by `boundary`. */
export async function* readMultipart(
  body: AsyncIterable<Buffer | string>,
  boundary: string,
  limits: MultipartLimits,
): AsyncGenerator<MultipartPart> {
  const firstDelimiter = Buffer.from(`--${boundary}`);
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  let state: State = 'preamble';
  let pending: Buffer = Buffer.alloc(0);
  let total = 0;
  let headers: Record<string, string> = {};
  let chunks: Buffer[] = [];
  let size = 0;

  const takeBody = (piece: Buffer) => {
    size += piece.length;
    if (size > limits.maxPartBytes) chunks = [];
    else if (piece.length > 0) chunks.push(Buffer.from(piece));
  };

  for await (const chunk of body) {
    const data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    total += data.length;
    if (total > limits.maxRequestBytes) {
      throw new MultipartError(
        'request-too-large',
        `The request exceeds the limit of ${limits.maxRequestBytes} bytes`,
      );
    }
    pending = pending.length === 0 ? data : Buffer.concat([pending, data]);

    for (;;) {
      if (state === 'preamble') {
        const at = pending.indexOf(firstDelimiter);
        if (at < 0) {
          pending = pending.subarray(Math.max(0, pending.length - firstDelimiter.length));
          break;
        }
        pending = pending.subarray(at + firstDelimiter.length);
        state = 'after-delimiter';
      } else if (state === 'after-delimiter') {
        if (pending.length < 2) break;
        if (pending[0] === 0x2d && pending[1] === 0x2d) {
          state = 'done';
          break;
        }
        const end = pending.indexOf(CRLF);
        if (end < 0) {
          if (pending.length > MAX_HEADER_BYTES) throw malformed('a boundary line never ends');
          break;
        }
        if (pending.subarray(0, end).toString('latin1').trim() !== '') {
          throw malformed('text follows a boundary delimiter on its line');
        }
        pending = pending.subarray(end + 2);
        state = 'headers';
      } else if (state === 'headers') {
        if (pending.length < 2) break;
        let end: number;
        if (pending[0] === 0x0d && pending[1] === 0x0a) {
          headers = {};
          end = 2;
        } else {
          const at = pending.indexOf(HEADER_END);
          // The same limit whether the headers arrived in one chunk or in several.
          if (at > MAX_HEADER_BYTES || (at < 0 && pending.length > MAX_HEADER_BYTES)) {
            throw malformed('part headers are too long');
          }
          if (at < 0) break;
          headers = parseHeaders(pending.subarray(0, at).toString('latin1'));
          end = at + 4;
        }
        pending = pending.subarray(end);
        chunks = [];
        size = 0;
        state = 'body';
      } else if (state === 'body') {
        const at = pending.indexOf(delimiter);
        if (at < 0) {
          // Keep a possible delimiter prefix; everything before it belongs to the part.
          const safe = pending.length - (delimiter.length - 1);
          if (safe > 0) {
            takeBody(pending.subarray(0, safe));
            pending = pending.subarray(safe);
          }
          break;
        }
        takeBody(pending.subarray(0, at));
        pending = pending.subarray(at + delimiter.length);
        state = 'after-delimiter';
        const oversized = size > limits.maxPartBytes;
        yield { headers, bytes: oversized ? undefined : Buffer.concat(chunks), size };
        chunks = [];
      } else {
        break;
      }
    }
    if (state === 'done') break;
  }

  if (state === 'preamble') throw malformed(`no boundary "${boundary}" found in the body`);
  if (state !== 'done') throw malformed('the body ends before the closing boundary');
}

function parseHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw malformed(`part header line "${line.slice(0, 80)}" has no name`);
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

function malformed(why: string): MultipartError {
  return new MultipartError('malformed', `Malformed multipart body: ${why}`);
}
