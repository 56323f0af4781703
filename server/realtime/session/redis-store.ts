import type { Redis } from 'ioredis';

import type { SessionAnnotation, SharedView } from './protocol';
import type { ParticipantRecord, SessionStateStore } from './store';

export interface RedisSessionStateStoreOptions {
  /** Namespaces the keys, e.g. per deployment or per test run. */
  prefix?: string;
  /**
   * Every key of a case expires this long after its last write, so a process that dies
   * without clearing its sessions leaves nothing behind for ever. 12 hours by default.
   */
  ttlMs?: number;
}

// Marks a case's annotations as cached even when it has none: Redis drops empty hashes.
const CACHED = '__cached';

// Keeps the higher version: a late writer can never roll the cache back.
const PUT_ANNOTATION = `
if redis.call('HEXISTS', KEYS[1], '${CACHED}') == 0 then return 0 end
local cached = redis.call('HGET', KEYS[1], ARGV[1])
if cached and cjson.decode(cached).version >= tonumber(ARGV[2]) then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1
`;

/**
 * The session state in Redis, shared by every server process of a deployment: a restarted or
 * second process sees the same leaders, shared views and presence.
 *
 * Limitation: this shares state, not broadcasts. Several processes serving one case also need
 * socket.io's Redis adapter (not wired), and each process still orders its own annotation edits
 * and runs its own reconnect timers (case-session.ts).
 */
export class RedisSessionStateStore implements SessionStateStore {
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #ttlMs: number;

  /** Takes ownership of `redis`: close() quits it. */
  constructor(redis: Redis, options: RedisSessionStateStoreOptions = {}) {
    this.#redis = redis;
    this.#prefix = options.prefix ?? 'archipel:session';
    this.#ttlMs = options.ttlMs ?? 12 * 3_600_000;
  }

  async getView(caseId: string) {
    return parse<SharedView>(await this.#redis.get(this.#key(caseId, 'view')));
  }

  async setView(caseId: string, view: SharedView) {
    await this.#redis.set(this.#key(caseId, 'view'), JSON.stringify(view), 'PX', this.#ttlMs);
  }

  async getLeader(caseId: string) {
    return this.#redis.get(this.#key(caseId, 'leader'));
  }

  async setLeader(caseId: string, userId: string | null) {
    const key = this.#key(caseId, 'leader');
    if (userId === null) await this.#redis.del(key);
    else await this.#redis.set(key, userId, 'PX', this.#ttlMs);
  }

  async getParticipants(caseId: string) {
    const values = await this.#redis.hvals(this.#key(caseId, 'participants'));
    return values
      .map((value) => JSON.parse(value) as ParticipantRecord)
      .sort((a, b) => a.joinedAt - b.joinedAt);
  }

  async getParticipant(caseId: string, userId: string) {
    return parse<ParticipantRecord>(
      await this.#redis.hget(this.#key(caseId, 'participants'), userId),
    );
  }

  async putParticipant(caseId: string, participant: ParticipantRecord) {
    const key = this.#key(caseId, 'participants');
    await this.#redis
      .multi()
      .hset(key, participant.userId, JSON.stringify(participant))
      .pexpire(key, this.#ttlMs)
      .exec();
  }

  async removeParticipant(caseId: string, userId: string) {
    await this.#redis.hdel(this.#key(caseId, 'participants'), userId);
  }

  async getAnnotations(caseId: string) {
    const fields = await this.#redis.hgetall(this.#key(caseId, 'annotations'));
    if (!(CACHED in fields)) return null;
    return Object.entries(fields)
      .filter(([field]) => field !== CACHED)
      .map(([, value]) => JSON.parse(value) as SessionAnnotation)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async setAnnotations(caseId: string, annotations: SessionAnnotation[]) {
    const key = this.#key(caseId, 'annotations');
    const fields: Record<string, string> = { [CACHED]: '1' };
    for (const annotation of annotations) fields[annotation.id] = JSON.stringify(annotation);
    await this.#redis.multi().del(key).hset(key, fields).pexpire(key, this.#ttlMs).exec();
  }

  async putAnnotation(caseId: string, annotation: SessionAnnotation) {
    await this.#redis.eval(
      PUT_ANNOTATION,
      1,
      this.#key(caseId, 'annotations'),
      annotation.id,
      annotation.version,
      JSON.stringify(annotation),
      this.#ttlMs,
    );
  }

  async clear(caseId: string) {
    await this.#redis.del(
      ...['view', 'leader', 'participants', 'annotations'].map((part) => this.#key(caseId, part)),
    );
  }

  async close() {
    if (this.#redis.status !== 'end') await this.#redis.quit();
  }

  #key(caseId: string, part: string) {
    return `${this.#prefix}:${caseId}:${part}`;
  }
}

function parse<T>(value: string | null): T | null {
  return value === null ? null : (JSON.parse(value) as T);
}
