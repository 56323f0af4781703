// `npm run demo`: the platform on its embedded PostgreSQL with the demo sites, users and the
// real head CT, then the three sign-in links of the stroke story.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ensureBuild, root } from './ensure-build.mjs';

ensureBuild();

const port = process.env.PORT ?? '3000';
const env = { ...process.env, NODE_ENV: 'production', PORT: port, SEED_DEMO: 'true' };
// A demo never writes into a production database, whatever this shell has exported.
delete env.DATABASE_URL;
delete env.REDIS_URL;

const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server', 'main.ts')], {
  cwd: root,
  stdio: 'inherit',
  env,
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

const base = `http://localhost:${port}`;
for (let attempt = 0; attempt < 600; attempt++) {
  const healthy = await fetch(`${base}/api/health`).then(
    (r) => r.ok,
    () => false,
  );
  if (healthy) break;
  await new Promise((resolve) => setTimeout(resolve, 200));
}

const link = (email) => `${base}/signin?email=${encodeURIComponent(email)}`;
console.log(`
Archipel demo is up at ${base} (password for every account: archipel-demo)

  1. Emergency physician, CHU de Martinique  ${link('urgence@chu-martinique.demo')}
  2. Neurologist on call, CHU de Guadeloupe  ${link('neuro@chu-guadeloupe.demo')}
  3. Coordinator, all sites                  ${link('coordination@archipel.demo')}

Open each link in its own browser profile (or a private window), then follow "Try it" in
README.md: the head CT of patient INV0051 is already in the archive of CHU de Martinique.
`);
