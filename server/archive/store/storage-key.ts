import { createHash } from 'node:crypto';

/**
 * The blob key of one version of an instance: `ab/cd/<sha256 of SOPInstanceUID>/<content>.dcm`.
 *
 * The UID is hashed so no sender-controlled text reaches a path, and the first two byte pairs
 * shard directories (65,536 leaves keep each directory small). The content hash in the file
 * name makes a replacement a new key: the new bytes are written beside the old ones and the
 * index switches over in its transaction, so no row ever points at bytes it does not describe.
 */
export function instanceStorageKey(sopInstanceUid: string, contentSha256: string): string {
  const uidHash = createHash('sha256').update(sopInstanceUid, 'utf8').digest('hex');
  const content = contentSha256.slice(0, 32);
  return `${uidHash.slice(0, 2)}/${uidHash.slice(2, 4)}/${uidHash}/${content}.dcm`;
}

const KEY_SHAPE = /^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}\/[0-9a-f]{1,64}\.dcm$/;

/** Keys come from instanceStorageKey only; anything else could escape the archive root. */
export function isValidStorageKey(key: string): boolean {
  return KEY_SHAPE.test(key);
}
