// Video latency probe: each camera frame carries its number in the luma plane, as a row of
// black and white blocks with its bitwise complement below; the receiving side reads the
// number back from each decoded frame. Blocks are 1/16 of the frame width, so the stamp
// survives VP8 at low bitrate and a downscale by the sender's quality scaler.

import { performance } from 'node:perf_hooks';

import { type I420Frame, openVideoSink, wrtc } from './wrtc-extras';

const WIDTH = 320;
const HEIGHT = 240;
const FRAME_MS = 33;
const BITS = 16;
const BLACK = 16;
const WHITE = 235;

export interface StampSource {
  track: MediaStreamTrack;
  /** Frame number -> performance.now() when the frame was handed to libwebrtc (armed only). */
  sentAt: Map<number, number>;
  arm(): void;
  stop(): void;
}

export function startStampSource(): StampSource {
  const source = new wrtc.nonstandard.RTCVideoSource();
  const track = source.createTrack();
  const lumaSize = WIDTH * HEIGHT;
  const frame = { width: WIDTH, height: HEIGHT, data: new Uint8ClampedArray(lumaSize * 1.5) };
  frame.data.fill(128);

  const sentAt = new Map<number, number>();
  let armed = false;
  let frameNumber = 0;
  const timer = setInterval(() => {
    frameNumber = (frameNumber + 1) % (1 << BITS);
    paintMovingRamp(frame.data, frameNumber);
    writeStamp(frame, frameNumber);

    if (armed) sentAt.set(frameNumber, performance.now());
    source.onFrame(frame);
  }, FRAME_MS);

  return {
    track,
    sentAt,
    arm: () => (armed = true),
    stop() {
      clearInterval(timer);
      track.stop();
    },
  };
}

export interface StampReader {
  /** Frame number -> performance.now() when its decoded frame first reached the sink. */
  arrivedAt: Map<number, number>;
  /** Decoded frames whose stamp did not read back consistently. */
  unreadable: number;
  stop(): void;
}

export function readStamps(track: MediaStreamTrack): StampReader {
  const sink = openVideoSink(track);
  const reader: StampReader = { arrivedAt: new Map(), unreadable: 0, stop: () => sink.stop() };

  sink.onframe = ({ frame }) => {
    const now = performance.now();
    const frameNumber = readStamp(frame);
    if (frameNumber === undefined) reader.unreadable += 1;
    else if (!reader.arrivedAt.has(frameNumber)) reader.arrivedAt.set(frameNumber, now);
  };
  return reader;
}

// Keeps the encoder busy the way a real camera would, below the stamp rows.
function paintMovingRamp(data: Uint8ClampedArray, frameNumber: number): void {
  const firstRow = (2 * WIDTH) / BITS;
  for (let y = firstRow; y < HEIGHT; y += 1) {
    for (let x = 0; x < WIDTH; x += 1) data[y * WIDTH + x] = (x + y + frameNumber * 4) % 256;
  }
}

function writeStamp(frame: I420Frame, value: number): void {
  const block = frame.width / BITS;
  for (let bit = 0; bit < BITS; bit += 1) {
    const set = (value >> bit) & 1;
    fillBlock(frame, bit * block, 0, block, set ? WHITE : BLACK);
    fillBlock(frame, bit * block, block, block, set ? BLACK : WHITE);
  }
}

function readStamp(frame: I420Frame): number | undefined {
  const block = frame.width / BITS;
  let value = 0;
  for (let bit = 0; bit < BITS; bit += 1) {
    const top = blockCentre(frame, bit * block, 0, block) > 128;
    const bottom = blockCentre(frame, bit * block, block, block) > 128;
    if (top === bottom) return undefined;
    if (top) value |= 1 << bit;
  }
  return value;
}

function fillBlock(frame: I420Frame, left: number, top: number, size: number, luma: number) {
  for (let y = top; y < top + size; y += 1) {
    frame.data.fill(luma, y * frame.width + left, y * frame.width + left + size);
  }
}

// The middle half of a block only: its edges ring after lossy coding. A downscaled frame
// may give blocks of a fractional width, hence the rounding.
function blockCentre(frame: I420Frame, left: number, top: number, size: number): number {
  const [x0, x1] = [Math.round(left + size / 4), Math.round(left + (3 * size) / 4)];
  const [y0, y1] = [Math.round(top + size / 4), Math.round(top + (3 * size) / 4)];
  let sum = 0;
  for (let y = y0; y < y1; y += 1) {
    for (let x = x0; x < x1; x += 1) sum += frame.data[y * frame.width + x];
  }
  return sum / ((x1 - x0) * (y1 - y0));
}
