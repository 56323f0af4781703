import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { Server } from 'socket.io';
import type { Logger } from '../logger';
import { RedisSessionStateStore } from './session/redis-store';

/**
 * Several server processes behind a load balancer: socket.io rooms span them through Redis
 * pub/sub, and the viewer sessions' shared state lives in Redis. Returns the session store
 * and a close function; without REDIS_URL nothing of this runs.
 */
export function connectRedis(io: Server, url: string, prefix: string, log: Logger) {
  const options = { lazyConnect: false, maxRetriesPerRequest: 3 };
  const pub = new Redis(url, options);
  const sub = pub.duplicate();
  const state = pub.duplicate();
  for (const client of [pub, sub, state]) {
    client.on('error', (error) => log.warn({ err: error.message }, 'Redis connection error'));
  }

  io.adapter(createAdapter(pub, sub, { key: `${prefix}:socket.io` }));
  log.info({ prefix }, 'socket.io rooms and session state shared through Redis');

  return {
    store: new RedisSessionStateStore(state, { prefix: `${prefix}:session` }),
    close: async () => {
      await Promise.allSettled([pub.quit(), sub.quit(), state.quit()]);
    },
  };
}
