import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '../db/client';
import type { Logger } from '../logger';
import { projectRoot } from '../db/migrations';
import { storeInstance } from './ingest/index.js';
import type { BlobStore } from './store/index.js';

export const DEMO_STUDY_DIR = path.join(projectRoot, 'demo', 'head-ct');

/**
 * Loads the demo head CT (demo/README.md) into the archive of CHU de Martinique, once: a
 * restart finds it stored and skips it.
 */
export async function loadDemoStudies(deps: { db: Database; store: BlobStore; log: Logger }) {
  const site = await deps.db.site.findUnique({ where: { code: 'CHUM' } });
  if (!site) return;
  const files = (await readdir(DEMO_STUDY_DIR)).filter((name) => name.endsWith('.dcm')).sort();
  const already = await deps.db.instance.count({
    where: { series: { study: { siteId: site.id } } },
  });
  if (already >= files.length) return;

  let stored = 0;
  for (const name of files) {
    const bytes = await readFile(path.join(DEMO_STUDY_DIR, name));
    const result = await storeInstance(deps, { bytes, siteId: site.id, source: 'upload' });
    if (result.status === 'refused') {
      deps.log.warn({ file: name, reason: result.reason }, 'demo instance refused');
    } else stored += 1;
  }
  deps.log.info({ instances: stored }, 'demo head CT loaded');
}
