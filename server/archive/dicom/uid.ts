/**
 * UID syntax of PS3.5 9.1: at most 64 characters, numeric components separated by single
 * dots. Leading zeros in a component are forbidden by the standard but common in the wild
 * (old GE and Siemens roots), so they are reported as a warning, not a refusal.
 */

const MAX_UID_LENGTH = 64;

export type UidProblem = 'empty' | 'too-long' | 'bad-character' | 'empty-component';

export function uidProblem(uid: string): UidProblem | undefined {
  if (uid.length === 0) return 'empty';
  if (uid.length > MAX_UID_LENGTH) return 'too-long';

  let componentLength = 0;
  for (let i = 0; i < uid.length; i += 1) {
    const code = uid.charCodeAt(i);
    if (code === 0x2e) {
      if (componentLength === 0) return 'empty-component';
      componentLength = 0;
    } else if (code >= 0x30 && code <= 0x39) {
      componentLength += 1;
    } else {
      return 'bad-character';
    }
  }
  return componentLength === 0 ? 'empty-component' : undefined;
}

export function isValidUid(uid: string): boolean {
  return uidProblem(uid) === undefined;
}

export function hasLeadingZeroComponent(uid: string): boolean {
  for (let i = 0; i + 1 < uid.length; i += 1) {
    const startsComponent = i === 0 || uid.charCodeAt(i - 1) === 0x2e;
    const zeroThenMore = uid.charCodeAt(i) === 0x30 && uid.charCodeAt(i + 1) !== 0x2e;
    if (startsComponent && zeroThenMore) return true;
  }
  return false;
}

/** A sentence an integrator can act on, e.g. "is 70 characters long (at most 64)". */
export function describeUidProblem(uid: string, problem: UidProblem): string {
  switch (problem) {
    case 'empty':
      return 'is empty';
    case 'too-long':
      return `is ${uid.length} characters long (at most ${MAX_UID_LENGTH})`;
    case 'bad-character':
      return `"${printable(uid)}" contains characters other than digits and dots`;
    case 'empty-component':
      return `"${printable(uid)}" has an empty component (leading, trailing or double dot)`;
  }
}

/** UID value bytes to text: ASCII, with the trailing NUL or space padding removed. */
export function uidFromBytes(value: Uint8Array): string {
  let end = value.length;
  while (end > 0 && (value[end - 1] === 0x00 || value[end - 1] === 0x20)) end -= 1;
  let start = 0;
  while (start < end && value[start] === 0x20) start += 1;
  return Buffer.from(value.buffer, value.byteOffset + start, end - start).toString('latin1');
}

// Garbage bytes would otherwise end up raw in a log line or an HTTP reason.
function printable(text: string): string {
  const shown = text.length > 80 ? `${text.slice(0, 80)}...` : text;
  return shown.replace(/[^\x20-\x7e]/g, '?');
}
