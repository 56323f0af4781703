import { createHash, randomBytes } from 'node:crypto';

/**
 * The blob key of one write of an instance:
 * `ab/cd/<sha256 of SOPInstanceUID>/<content hash><write nonce>.dcm`.
 *
 * The UID is hashed so no sender-controlled text reaches a path, and the first two byte pairs
 * shard directories (65,536 leaves keep each directory small). Every write gets a key of its
 * own, even for the same bytes: a replacement is written beside the old bytes and the index
 * switches over in its transaction, and a writer that cleans up after itself (a failed write,
 * a refusal, the bytes a replacement superseded) can only ever delete its own file, never
 * one that another sender of the same object has just indexed.
 */
export function instanceStorageKey(sopInstanceUid: string, contentSha256: string): string {
  const uidHash = createHash('sha256').update(sopInstanceUid, 'utf8').digest('hex');
  const content = contentSha256.slice(0, 32) + randomBytes(8).toString('hex');
  return `${uidHash.slice(0, 2)}/${uidHash.slice(2, 4)}/${uidHash}/${content}.dcm`;
}

const KEY_SHAPE = /^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}\/[0-9a-f]{1,64}\.dcm$/;

/** Keys come from instanceStorageKey only; anything else could escape the archive root. */
export function isValidStorageKey(key: string): boolean {
  return KEY_SHAPE.test(key);
}
