import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freeLoopbackPort } from '../../server/db/embedded';

const root = path.resolve(import.meta.dirname, '..', '..');

export interface TestServer {
  url: string;
  port: number;
  /** The DIMSE (C-STORE) port of this server. */
  dimsePort: number;
  process: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts the real server (server/main.ts, production mode, the built pages) in a child process
 * on a free loopback port, and waits until /api/health answers 200.
 */
export async function startTestServer(
  env: Record<string, string | undefined>,
): Promise<TestServer> {
  const port = await freeLoopbackPort();
  const dimsePort = await freeLoopbackPort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'archipel-test-'));
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server', 'main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      AUTH_SECRET: 'test-secret-test-secret-test-secret-0123',
      SEED_DEMO: 'true',
      DICOM_PORT: String(dimsePort),
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );

  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, exited, () => output);

  return {
    url,
    port,
    dimsePort,
    process: child,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      const code = await exited;
      rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}

async function waitForHealth(url: string, exited: Promise<number | null>, output: () => string) {
  let done = false;
  void exited.then(() => (done = true));
  for (let attempt = 0; attempt < 600; attempt++) {
    if (done) throw new Error(`The server exited before it was ready:\n${output()}`);
    const healthy = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The server did not become healthy in 60 s:\n${output()}`);
}
