// `npm test`: builds the pages if needed, checks types, then runs every vitest suite (unit,
// integration against real PostgreSQL, browser tests in Chromium) and prints one closing line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ensureBuild, root } from './ensure-build.mjs';

const bin = (name, ...parts) => path.join(root, 'node_modules', name, ...parts);
const run = (args, label) => {
  const result = spawnSync(process.execPath, args, {
    cwd: root,
    stdio: 'inherit',
    env: process.env,
  });
  if (result.status !== 0) {
    console.error(`${label} failed.`);
    process.exit(result.status ?? 1);
  }
};

ensureBuild();
run([bin('typescript', 'bin', 'tsc'), '--noEmit', '-p', root], 'Type check');

mkdirSync(path.join(root, 'test-results'), { recursive: true });
const report = path.join(root, 'test-results', 'vitest.json');
const vitest = spawnSync(
  process.execPath,
  [
    bin('vitest', 'vitest.mjs'),
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', CHECKPOINT_DISABLE: '1' },
  },
);

// A suite that is skipped or left empty must show in the closing line, never pass silently.
if (existsSync(report)) {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  const skipped = results.numPendingTests + results.numTodoTests;
  console.log(
    `${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped`,
  );
  if (results.numTotalTests === 0) process.exit(1);
}
process.exit(vitest.status ?? 1);
