// Builds the pages with `next build` when they are missing or older than the sources, so the
// first `npm start` after a clone or an update serves current pages without a separate step.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const distDir = process.env.ARCHIPEL_DIST_DIR ?? '.next';

const INPUTS = [
  'app',
  'server',
  'next.config.js',
  'postcss.config.mjs',
  'tsconfig.json',
  'package-lock.json',
];
const SKIP = new Set(['node_modules', '.next', distDir, 'data', 'generated']);

function* files(entry) {
  const full = path.join(root, entry);
  if (!existsSync(full)) return;
  if (statSync(full).isFile()) {
    yield entry;
    return;
  }
  for (const child of readdirSync(full).sort()) {
    if (!SKIP.has(child)) yield* files(path.join(entry, child));
  }
}

export function sourceHash() {
  const hash = createHash('sha256');
  for (const input of INPUTS) {
    for (const file of files(input)) {
      hash
        .update(file)
        .update('\0')
        .update(readFileSync(path.join(root, file)))
        .update('\0');
    }
  }
  return hash.digest('hex');
}

// One build at a time: a second `npm start` or `npm test` waits for the first to finish
// instead of failing on Next's own lock, then finds the pages built.
function withBuildLock(work) {
  const lock = path.join(root, `${distDir}-build.lock`);
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch {
      const holder = Number(readFileSync(path.join(lock, 'pid'), { encoding: 'utf8', flag: 'a+' }));
      if (holder && !isAlive(holder)) rmSync(lock, { recursive: true, force: true });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
    }
  }
  try {
    return work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function ensureBuild(options = {}) {
  return withBuildLock(() => buildIfStale(options));
}

function buildIfStale({ force = false } = {}) {
  const stamp = path.join(root, distDir, 'archipel-source-hash');
  const wanted = sourceHash();
  const current = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : '';
  if (!force && current === wanted && existsSync(path.join(root, distDir, 'BUILD_ID'))) return;

  console.log('Building the web pages (first start or sources changed; about a minute)…');
  const result = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build', '--webpack'],
    {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
    },
  );
  if (result.status !== 0) {
    console.error('next build failed; see the messages above.');
    process.exit(result.status ?? 1);
  }
  // The stamp is the sources as they were when the build started: a file changed meanwhile
  // makes the next start build again rather than serve pages without it.
  writeFileSync(stamp, `${wanted}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  ensureBuild({ force: process.argv.includes('--force') });
