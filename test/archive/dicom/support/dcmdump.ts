import { spawnSync } from 'node:child_process';

/**
 * dcmtk's dcmdump as an independent reader: the UIDs our parser finds must be the ones
 * dcmdump prints. One dcmdump run covers many files (+F prints a header per file) and +p
 * prefixes nested results with their sequence path, so top-level values are told apart.
 */

export interface DcmdumpUids {
  SOPClassUID?: string;
  SOPInstanceUID?: string;
  StudyInstanceUID?: string;
  SeriesInstanceUID?: string;
}

const KEYWORDS: Record<string, keyof DcmdumpUids> = {
  '(0008,0016)': 'SOPClassUID',
  '(0008,0018)': 'SOPInstanceUID',
  '(0020,000d)': 'StudyInstanceUID',
  '(0020,000e)': 'SeriesInstanceUID',
};

/** Throws naming dcmtk when dcmdump cannot be run, so the test fails rather than skips. */
export function requireDcmdump(): void {
  const probe = spawnSync('dcmdump', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      'dcmdump (dcmtk) is not installed; these tests compare against it. ' +
        'Install it with: apt-get install dcmtk',
    );
  }
}

function searchArguments(): string[] {
  return Object.keys(KEYWORDS).flatMap((tag) => ['+P', tag.slice(1, 10)]);
}

/**
 * A top-level "(0008,0018) UI [1.2.3]" line. Files that give standard UIDs the VR UN
 * (rtdose_rle.dcm) print them as hex bytes, "31\2e\32", which are decoded here.
 */
function parseUidLine(line: string): { keyword: keyof DcmdumpUids; uid: string } | undefined {
  const match = /^(\(\w{4},\w{4}\)) (UI|UN) (\[[^\]]*\]|[0-9a-f\\]+)/.exec(line);
  const keyword = match ? KEYWORDS[match[1]!] : undefined;
  if (!match || !keyword) return undefined;

  const raw = match[3]!;
  const text = raw.startsWith('[')
    ? raw.slice(1, -1)
    : Buffer.from(raw.split('\\').map((hex) => parseInt(hex, 16))).toString('latin1');
  return { keyword, uid: text.replace(/\0+$/, '') };
}

/** Top-level identifying UIDs of each file, keyed by the path as given. */
export function dcmdumpUids(
  files: string[],
  extraArguments: string[] = [],
): Map<string, DcmdumpUids> {
  const results = new Map<string, DcmdumpUids>();
  const chunk = 200;

  for (let start = 0; start < files.length; start += chunk) {
    const batch = files.slice(start, start + chunk);
    const run = spawnSync(
      'dcmdump',
      ['-q', '+F', '+L', '-Un', '+p', ...extraArguments, ...searchArguments(), ...batch],
      { encoding: 'latin1', maxBuffer: 64 * 1024 * 1024 },
    );

    let current: DcmdumpUids | undefined;
    for (const line of run.stdout.split('\n')) {
      const header = /^# dcmdump \(\d+\/\d+\): (.*)$/.exec(line);
      if (header) {
        current = {};
        results.set(header[1]!, current);
        continue;
      }
      const parsed = parseUidLine(line);
      if (current && parsed && current[parsed.keyword] === undefined) {
        current[parsed.keyword] = parsed.uid;
      }
    }
  }
  return results;
}
