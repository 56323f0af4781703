import type { IncomingMessage } from 'node:http';

/**
 * Header the server sets on every request it hands to Next, carrying the client's address.
 * Any value a client sends under this name is overwritten first.
 */
export const CLIENT_IP_HEADER = 'x-archipel-client-ip';

export function clientIp(request: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = request.headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return request.socket.remoteAddress ?? 'unknown';
}
