// `npm run bench`: every benchmark in turn; each prints its figures and its baseline ratios.
// For the archive's ratios to Orthanc, run `npm run bench:archive -- --against URL` inside
// ../shared/tools/with-orthanc (see README).
import { spawnSync } from 'node:child_process';

let failed = 0;
for (const name of ['bench:archive', 'bench:sync', 'bench:media']) {
  console.log(`\n=== npm run ${name}`);
  const result = spawnSync('npm', ['run', '--silent', name], { stdio: 'inherit' });
  if (result.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
