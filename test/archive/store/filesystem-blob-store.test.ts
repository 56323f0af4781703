import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  BlobNotFound,
  FilesystemBlobStore,
  TEMP_PREFIX,
  instanceStorageKey,
} from '@/server/archive/store/index.js';

async function allFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe('FilesystemBlobStore', () => {
  let dataDir: string;
  let store: FilesystemBlobStore;

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'archipel-blob-'));
    store = new FilesystemBlobStore(dataDir);
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('stores under <dataDir>/archive in hash-sharded directories, without UIDs in paths', async () => {
    const key = instanceStorageKey('1.2.3.4.5', 'ab'.repeat(32));
    await store.put(key, Buffer.from('hello'));

    expect(key).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}\/[0-9a-f]{48}\.dcm$/);
    expect(instanceStorageKey('1.2.3.4.5', 'ab'.repeat(32))).not.toBe(key);
    expect(key).not.toContain('1.2.3.4.5');
    expect((await store.get(key)).toString()).toBe('hello');
    expect(await allFiles(path.join(dataDir, 'archive'))).toEqual([
      path.join(dataDir, 'archive', key),
    ]);
  });

  it('leaves the last complete value and no temporary file after concurrent puts', async () => {
    const key = instanceStorageKey('1.2.3', 'cd'.repeat(32));
    const values = Array.from({ length: 20 }, (_, i) => Buffer.alloc(256 * 1024, i));

    await Promise.all(values.map((value) => store.put(key, value)));

    const stored = await store.get(key);
    expect(values.some((value) => value.equals(stored))).toBe(true);
    const files = await allFiles(store.root);
    expect(files.filter((f) => path.basename(f).startsWith(TEMP_PREFIX))).toEqual([]);
    expect(files).toHaveLength(1);
  });

  it('answers missing keys with BlobNotFound and deletes idempotently', async () => {
    const key = instanceStorageKey('9.9', 'ef'.repeat(32));
    await expect(store.get(key)).rejects.toBeInstanceOf(BlobNotFound);
    await expect(store.stream(key)).rejects.toBeInstanceOf(BlobNotFound);
    expect(await store.exists(key)).toBe(false);

    await store.put(key, Buffer.from('x'));
    expect(await store.exists(key)).toBe(true);
    await store.delete(key);
    await store.delete(key);
    expect(await store.exists(key)).toBe(false);
  });

  it('refuses keys that could leave the archive root', async () => {
    await expect(store.put('../../etc/passwd', Buffer.from('x'))).rejects.toThrow(/Invalid/);
    await expect(store.get('/etc/passwd')).rejects.toThrow(/Invalid/);
  });
});
