/**
 * Runs the real dcmtk tools against the DIMSE server under test.
 */
import { execFile, spawnSync } from 'node:child_process';

export interface DcmtkRun {
  exitCode: number;
  /** stdout and stderr together: dcmtk writes its log lines to either. */
  output: string;
}

const TOOLS = ['echoscu', 'storescu', 'findscu', 'dcmdump'] as const;
export type DcmtkTool = (typeof TOOLS)[number];

/** Fails the suite, rather than skipping it, when the tools are missing. */
export function requireDcmtk(): void {
  for (const tool of TOOLS) {
    const probe = spawnSync(tool, ['--version'], { encoding: 'utf8' });
    if (probe.error) {
      throw new Error(`dcmtk tool "${tool}" is not installed: apt-get install dcmtk`);
    }
  }
}

export function runDcmtk(tool: DcmtkTool, args: readonly string[]): Promise<DcmtkRun> {
  return new Promise((resolve, reject) => {
    execFile(tool, args, { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') {
        reject(error);
        return;
      }
      resolve({ exitCode: error ? Number(error.code) : 0, output: `${stdout}${stderr}` });
    });
  });
}

/** Arguments every SCU run shares: our AE titles, and 127.0.0.1 only. */
export function peerArgs(port: number, callingAE: string, calledAE = 'ARCHIPEL'): string[] {
  return ['-aet', callingAE, '-aec', calledAE, '127.0.0.1', String(port)];
}
