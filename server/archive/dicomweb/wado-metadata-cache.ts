import {
  parseInstance,
  serializeDicomJson,
  toDicomJson,
  type BulkDataLocation,
  type DicomJsonDataSet,
  type ParsedInstance,
} from '../dicom/index.js';
import type { BlobStore } from '../store/index.js';
import type { RetrievableInstance } from './wado-resolve.js';

/** Stands for the request's base URL inside cached text; replaced on the way out. */
export const BASE_URL_MARK = 'urn:archipel:dicomweb-base';

/** Everything WADO-RS derives from one stored object by parsing it. */
export interface InstanceDerivatives {
  parsed: ParsedInstance;
  /** The DICOM JSON of the instance, serialized, with BASE_URL_MARK in BulkDataURIs. */
  metadataText: string;
  /** Bulk values by tag path, where they are in the stored data set bytes. */
  bulkData: Map<string, BulkDataLocation>;
  /** The few attributes rendering needs that the index does not keep. */
  rendering: RenderingAttributes;
}

export interface RenderingAttributes {
  windowCenter?: number;
  windowWidth?: number;
  rescaleSlope?: number;
  rescaleIntercept?: number;
}

/**
 * Per-instance metadata, computed at the first request and kept in memory, least recently
 * used out first, within a budget of characters.
 *
 * Why memory and the storage key: the key names the content (its hash is in the file name),
 * so a replaced instance gets a new key and a cached entry can never be stale; no
 * invalidation is needed. Keeping the JSON in the blob store too would survive restarts,
 * but a 108-slice series is re-derived in well under a second, and the store stays a store
 * of received objects only.
 *
 * Limitation: the cache lives in one process; several server processes each warm their own.
 */
export class InstanceMetadataCache {
  private readonly entries = new Map<string, InstanceDerivatives>();
  private readonly pending = new Map<string, Promise<InstanceDerivatives>>();
  private size = 0;

  constructor(private readonly budgetChars = 64 * 1024 * 1024) {}

  /**
   * The derivatives of an instance, from cache or from its bytes (read once, shared).
   *
   * @param bytes the stored object when the caller has already read it.
   */
  async get(
    store: BlobStore,
    instance: RetrievableInstance,
    bytes?: Uint8Array,
  ): Promise<InstanceDerivatives> {
    const key = instance.storageKey;
    const hit = this.entries.get(key);
    if (hit) {
      // Re-inserting moves the entry to the young end of the Map's order.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }

    let computing = this.pending.get(key);
    if (!computing) {
      const read = bytes ? Promise.resolve(bytes) : store.get(key);
      computing = read.then((stored) => derive(stored, instance));
      this.pending.set(key, computing);
      void computing.then(
        (entry) => this.remember(key, entry),
        () => this.pending.delete(key),
      );
    }
    return computing;
  }

  private remember(key: string, entry: InstanceDerivatives): void {
    this.pending.delete(key);
    if (this.entries.has(key)) return;
    this.entries.set(key, entry);
    this.size += entry.metadataText.length;
    for (const [oldKey, old] of this.entries) {
      if (this.size <= this.budgetChars) break;
      this.entries.delete(oldKey);
      this.size -= old.metadataText.length;
    }
  }
}

const caches = new WeakMap<BlobStore, InstanceMetadataCache>();

/** One cache per blob store, so two archives in one process (tests) never share entries. */
export function metadataCacheFor(store: BlobStore): InstanceMetadataCache {
  let cache = caches.get(store);
  if (!cache) caches.set(store, (cache = new InstanceMetadataCache()));
  return cache;
}

/** Parses the stored bytes once and derives all of the above from them. */
export function derive(bytes: Uint8Array, instance: RetrievableInstance): InstanceDerivatives {
  const parsed = parseInstance(bytes);
  const bulkData = new Map<string, BulkDataLocation>();
  const prefix =
    `${BASE_URL_MARK}/studies/${instance.studyInstanceUid}/series/` +
    `${instance.seriesInstanceUid}/instances/${instance.sopInstanceUid}/bulk/`;

  const json = toDicomJson(bytes, parsed, {
    bulkDataUri: (tagPath, location) => {
      bulkData.set(tagPath, location);
      return prefix + tagPath;
    },
  });
  // Warnings were logged at ingest; the cache does not need to carry them again.
  parsed.warnings = [];
  return {
    parsed,
    metadataText: serializeDicomJson(json),
    bulkData,
    rendering: renderingAttributes(json),
  };
}

function renderingAttributes(json: DicomJsonDataSet): RenderingAttributes {
  const first = (tag: string): number | undefined => {
    const value = json[tag]?.Value?.[0];
    return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  };
  return {
    windowCenter: first('00281050'),
    windowWidth: first('00281051'),
    rescaleIntercept: first('00281052'),
    rescaleSlope: first('00281053'),
  };
}

/** Cached text with the request's base URL in place of the mark. */
export function withBaseUrl(text: string, baseUrl: string): string {
  return text.replaceAll(BASE_URL_MARK, baseUrl);
}
