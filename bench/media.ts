// `npm run bench:media`: one-way audio and video latency through the SFU against a direct
// peer-to-peer baseline, and the mediasoup worker's CPU per forwarded stream (bench/media/).
//
// The peers are libwebrtc (@roamhq/wrtc) in one Node process, which would offer the machine's
// network addresses as ICE candidates. So the benchmark runs in a fresh network namespace with
// only loopback up: nothing leaves 127.0.0.1. `--map-root-user` lets a developer without root
// run it where user namespaces are enabled. Prints figures; nothing here passes or fails.

import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PROJECT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BENCHMARK = 'bench/media/main.ts';
// The runs take about two and a half minutes; past this the benchmark is stuck, not slow.
const TIME_LIMIT_MS = 6 * 60_000;

const script = 'ip link set lo up && exec "$0" --import tsx "$1"';
const child = spawn(
  'unshare',
  ['--map-root-user', '--net', '--', '/bin/sh', '-c', script, process.execPath, BENCHMARK],
  { cwd: PROJECT_DIR, stdio: 'inherit' },
);

const timer = setTimeout(() => {
  console.error(`bench:media: no result after ${TIME_LIMIT_MS / 60_000} min; stopping it`);
  child.kill('SIGKILL');
}, TIME_LIMIT_MS);

child.on('error', (error) => {
  console.error(`bench:media: cannot start unshare (util-linux): ${error.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  clearTimeout(timer);
  process.exit(code ?? (signal ? 1 : 0));
});
