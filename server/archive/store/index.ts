/** Where instance bytes live: the BlobStore interface, its filesystem implementation, keys. */
export { BlobNotFound, type BlobStore } from './blob-store.js';
export { FilesystemBlobStore, TEMP_PREFIX } from './filesystem-blob-store.js';
export { instanceStorageKey, isValidStorageKey } from './storage-key.js';
