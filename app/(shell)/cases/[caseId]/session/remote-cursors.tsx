'use client';

// Other participants' pointers, drawn over the viewport where their image point falls on this
// screen. A cursor on another slice than the one shown here, off the image or quiet for a few
// seconds is hidden.

import { useEffect, useState } from 'react';

import type { SessionCursor } from '@/server/realtime/session/protocol';
import { VIEW_EVENTS, type StackViewer } from '@/app/viewer/stack-viewer';
import type { SessionClient } from './session-client';

/** Same as the server's idle delay: a still pointer stops being news. */
const IDLE_MS = 5_000;

interface Placed {
  userId: string;
  /** null for a participant who left: the page writes its own word for them. */
  name: string | null;
  colour: string;
  x: number;
  y: number;
}

export function RemoteCursors({
  client,
  viewer,
  fallbackName,
}: {
  client: SessionClient;
  viewer: StackViewer;
  /** The name shown for a participant the session no longer lists. */
  fallbackName: string;
}) {
  const [placed, setPlaced] = useState<Placed[]>([]);

  useEffect(() => {
    const cursors = new Map<string, { cursor: SessionCursor; at: number }>();
    let frame = 0;

    const place = () => {
      frame = 0;
      const image = viewer.currentImage();
      const { clientWidth: width, clientHeight: height } = viewer.element;
      const now = performance.now();
      const next: Placed[] = [];
      for (const [userId, { cursor, at }] of cursors) {
        if (now - at > IDLE_MS || userId === client.state.you) continue;
        if (!image || image.sopInstanceUid !== cursor.sopInstanceUid) continue;
        if (image.frame !== cursor.frame) continue;
        const point = viewer.imageToCanvas(image.imageId, cursor.imagePoint);
        if (!point || point[0] < 0 || point[1] < 0 || point[0] > width || point[1] > height) {
          continue;
        }
        const who = client.participant(userId);
        next.push({
          userId,
          name: who?.name ?? null,
          colour: who?.colour ?? '#f59e0b',
          x: point[0],
          y: point[1],
        });
      }
      setPlaced(next);
    };
    const schedule = () => {
      frame ||= requestAnimationFrame(place);
    };

    const offCursor = client.on('cursor', (userId, cursor) => {
      if (cursor) cursors.set(userId, { cursor, at: performance.now() });
      else cursors.delete(userId);
      schedule();
    });
    const offChange = client.on('change', schedule);
    for (const event of VIEW_EVENTS) viewer.element.addEventListener(event, schedule);
    const idleSweep = setInterval(schedule, 1000);

    return () => {
      cancelAnimationFrame(frame);
      clearInterval(idleSweep);
      offCursor();
      offChange();
      for (const event of VIEW_EVENTS) viewer.element.removeEventListener(event, schedule);
    };
  }, [client, viewer]);

  return (
    <>
      {placed.map((cursor) => (
        <div
          key={cursor.userId}
          data-testid="remote-cursor"
          data-user-id={cursor.userId}
          className="absolute left-0 top-0"
          style={{ transform: `translate(${cursor.x}px, ${cursor.y}px)` }}
        >
          <svg
            width="18"
            height="18"
            viewBox="0 0 18 18"
            className="-translate-x-px -translate-y-px"
          >
            <path
              d="M1 1 L1 15 L5 11 L8 17 L10.5 16 L7.5 10 L13 10 Z"
              fill={cursor.colour}
              stroke="black"
              strokeWidth="1"
            />
          </svg>
          <span
            className={`ml-4 -mt-1 block whitespace-nowrap
              rounded px-1 text-[11px] font-medium text-black`}
            style={{ backgroundColor: cursor.colour }}
          >
            {cursor.name ?? fallbackName}
          </span>
        </div>
      ))}
    </>
  );
}
