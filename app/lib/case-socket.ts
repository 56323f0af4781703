'use client';

import { io, type Socket } from 'socket.io-client';
import { CASE_EVENTS } from '@/server/realtime/case-protocol';

export { CASE_EVENTS };

let socket: Socket | undefined;

/**
 * The tab's one socket.io connection, shared by the notifications in the shell, the queue and
 * the case page. The session cookie authenticates it; socket.io reconnects by itself, and each
 * user re-subscribes on 'connect' because rooms may not survive a long disconnection.
 */
export function caseSocket(): Socket {
  socket ??= io({ transports: ['websocket', 'polling'] });
  return socket;
}

type AckAnswer<T> = { ok: true; data: T } | { ok: false; error: string; message: string };

/** Emits a request event and waits for its ack; rejects on refusal or after 10 s. */
export function request<T>(event: string, payload: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    caseSocket()
      .timeout(10_000)
      .emit(event, payload, (timeout: Error | null, answer: AckAnswer<T>) => {
        if (timeout) return reject(timeout);
        if (!answer.ok) return reject(new Error(`${answer.error}: ${answer.message}`));
        resolve(answer.data);
      });
  });
}

/**
 * Runs `onConnect` now if the socket is connected and again after every reconnection, so the
 * caller re-subscribes and catches up on what it missed. Returns the unsubscribe function.
 */
export function onEveryConnect(onConnect: () => void): () => void {
  const live = caseSocket();
  live.on('connect', onConnect);
  if (live.connected) onConnect();
  return () => {
    live.off('connect', onConnect);
  };
}
