import type { Readable } from 'node:stream';

/**
 * Where the archive keeps the bytes of stored instances. Keys are opaque relative paths made
 * by `instanceStorageKey`; the index (Instance.storageKey) is the only map from UIDs to keys.
 *
 * Limitation: only the filesystem implementation exists. An S3 one must keep `put` atomic
 * (a single PutObject is) and make `stream` honour missing keys the way `get` does.
 */
export interface BlobStore {
  /** Writes the whole value or nothing: a reader never sees a partial blob. */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** Throws BlobNotFound when the key holds nothing. */
  get(key: string): Promise<Buffer>;
  /** Throws BlobNotFound (before any data) when the key holds nothing. */
  stream(key: string): Promise<Readable>;
  /** Deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

export class BlobNotFound extends Error {
  readonly key: string;

  constructor(key: string) {
    super(`No blob stored under key ${key}`);
    this.name = 'BlobNotFound';
    this.key = key;
  }
}
