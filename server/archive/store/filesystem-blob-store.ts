import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

import { BlobNotFound, type BlobStore } from './blob-store.js';
import { isValidStorageKey } from './storage-key.js';

/** Temporary files start with this prefix; a crash can leave one, never a half blob. */
export const TEMP_PREFIX = '.tmp-';

/**
 * Blobs as files under `<dataDir>/archive`. A put writes a temporary file in the target
 * directory, fsyncs it, renames it over the key and fsyncs the directory, so the key holds
 * either the old bytes or the new ones, also across a power cut.
 */
export class FilesystemBlobStore implements BlobStore {
  readonly root: string;

  constructor(dataDir: string) {
    this.root = path.resolve(dataDir, 'archive');
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const target = this.pathOf(key);
    const directory = path.dirname(target);
    await mkdir(directory, { recursive: true });

    // NOTE: the temporary name is unique per call, so two concurrent puts of the same key
    // never write into one file; the last rename wins with complete bytes either way.
    const temporary = path.join(directory, `${TEMP_PREFIX}${randomBytes(8).toString('hex')}`);
    try {
      const file = await open(temporary, 'wx');
      try {
        await file.writeFile(bytes);
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }

    await syncDirectory(directory);
  }

  async get(key: string): Promise<Buffer> {
    try {
      return await readFile(this.pathOf(key));
    } catch (error) {
      throw notFoundOr(error, key);
    }
  }

  async stream(key: string): Promise<Readable> {
    const file = this.pathOf(key);
    try {
      await stat(file);
    } catch (error) {
      throw notFoundOr(error, key);
    }
    return createReadStream(file);
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(key))).isFile();
    } catch {
      return false;
    }
  }

  private pathOf(key: string): string {
    if (!isValidStorageKey(key)) throw new Error(`Invalid blob storage key: ${key}`);
    return path.join(this.root, key);
  }
}

async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function notFoundOr(error: unknown, key: string): unknown {
  return (error as NodeJS.ErrnoException).code === 'ENOENT' ? new BlobNotFound(key) : error;
}
