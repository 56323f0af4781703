// Sends this reader's pointer over the image to the session, in image pixel coordinates so it
// lands on the same anatomy in every viewer whatever its size, zoom or pan.

import { MAX_CURSOR_UPDATES_PER_SECOND } from '@/server/realtime/session/protocol';
import type { StackViewer } from '@/app/viewer/stack-viewer';
import type { SessionClient } from './session-client';

// A little under the server's cap, so timer jitter never makes us exceed it.
const INTERVAL_MS = Math.ceil(1000 / (MAX_CURSOR_UPDATES_PER_SECOND - 5));

/** Streams pointer moves over `viewer` as session cursors. Returns the unwiring function. */
export function attachCursorSync(client: SessionClient, viewer: StackViewer): () => void {
  const element = viewer.element;
  let lastSentAt = 0;
  let trailing: ReturnType<typeof setTimeout> | undefined;
  let latest: PointerEvent | null = null;
  let shown = false;

  const send = () => {
    trailing = undefined;
    lastSentAt = performance.now();
    const event = latest;
    const image = viewer.currentImage();
    const rect = element.getBoundingClientRect();
    const imagePoint =
      event && image
        ? viewer.canvasToImage([event.clientX - rect.left, event.clientY - rect.top])
        : null;

    if (!imagePoint || !image) {
      if (shown) client.sendCursor(null);
      shown = false;
      return;
    }
    client.sendCursor({
      sopInstanceUid: image.sopInstanceUid,
      frame: image.frame,
      imagePoint: [imagePoint[0], imagePoint[1]],
    });
    shown = true;
  };

  const schedule = () => {
    if (trailing) return;
    const wait = Math.max(0, lastSentAt + INTERVAL_MS - performance.now());
    trailing = setTimeout(send, wait);
  };

  const onMove = (event: PointerEvent) => {
    latest = event;
    schedule();
  };
  const onLeave = () => {
    latest = null;
    schedule();
  };

  element.addEventListener('pointermove', onMove);
  element.addEventListener('pointerleave', onLeave);
  return () => {
    clearTimeout(trailing);
    element.removeEventListener('pointermove', onMove);
    element.removeEventListener('pointerleave', onLeave);
    if (shown) client.sendCursor(null);
  };
}
