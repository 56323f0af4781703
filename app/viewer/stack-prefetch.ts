// Loads the rest of a stack into Cornerstone's image cache after the slice on screen, nearest
// slices first, so scrolling away from where the reader looks finds images already decoded.

import { cache, imageLoader } from '@cornerstonejs/core';

export interface PrefetchProgress {
  loaded: number;
  total: number;
  failed: number;
}

/** How many frames are fetched at once; the decoders in the workers are the bottleneck. */
const CONCURRENCY = 4;

/**
 * Prefetches every imageId of a stack, always picking next the pending slice nearest to
 * `currentIndex()`, which the caller moves as the reader scrolls.
 *
 * @param imageIds - the stack, in viewport order
 * @param currentIndex - the slice on screen now
 * @param onProgress - called after each image, loaded or failed
 * @returns stop(): no new request starts after it (those in flight finish)
 */
export function prefetchStack(
  imageIds: string[],
  currentIndex: () => number,
  onProgress: (progress: PrefetchProgress) => void,
): () => void {
  const pending = new Set(imageIds.keys());
  const progress: PrefetchProgress = { loaded: 0, total: imageIds.length, failed: 0 };
  let stopped = false;

  for (const index of [...pending]) {
    if (cache.isLoaded(imageIds[index])) {
      pending.delete(index);
      progress.loaded++;
    }
  }
  onProgress({ ...progress });

  const nextIndex = () => {
    const here = currentIndex();
    let best = -1;
    for (const index of pending) {
      if (best < 0 || Math.abs(index - here) < Math.abs(best - here)) best = index;
    }
    if (best >= 0) pending.delete(best);
    return best;
  };

  const worker = async () => {
    for (let index = nextIndex(); index >= 0 && !stopped; index = nextIndex()) {
      try {
        await imageLoader.loadAndCacheImage(imageIds[index]);
        progress.loaded++;
      } catch (error) {
        progress.failed++;
        console.warn(`Prefetch of ${imageIds[index]} failed`, error);
      }
      if (!stopped) onProgress({ ...progress });
    }
  };
  for (let i = 0; i < CONCURRENCY; i++) void worker();

  return () => {
    stopped = true;
  };
}
