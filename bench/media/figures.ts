// Pairing of send and arrival times, and the few statistics the benchmark prints.

export interface LatencyFigures {
  count: number;
  median: number;
  p95: number;
  min: number;
  max: number;
  /** Sent while armed but never matched to an arrival. */
  missed: number;
}

/**
 * Pairs each pulse with the first detection after it and before the next pulse: valid while
 * the one-way latency stays below the pulse period, which the printout makes checkable.
 */
export function pairPulses(sentAt: number[], detectedAt: number[]): number[] {
  const latencies: number[] = [];
  for (let i = 0; i < sentAt.length; i += 1) {
    const next = sentAt[i + 1] ?? Infinity;
    const arrival = detectedAt.find((at) => at >= sentAt[i] && at < next);
    if (arrival !== undefined) latencies.push(arrival - sentAt[i]);
  }
  return latencies;
}

/** Latency of every stamped frame that arrived, by frame number. */
export function pairFrames(sentAt: Map<number, number>, arrivedAt: Map<number, number>) {
  const latencies: number[] = [];
  for (const [frameNumber, sent] of sentAt) {
    const arrived = arrivedAt.get(frameNumber);
    if (arrived !== undefined && arrived >= sent) latencies.push(arrived - sent);
  }
  return latencies;
}

export function summarize(latencies: number[], sent: number): LatencyFigures {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    count: sorted.length,
    median: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    min: sorted[0] ?? NaN,
    max: sorted.at(-1) ?? NaN,
    missed: sent - sorted.length,
  };
}

/** Nearest-rank quantile of sorted values. */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

/**
 * A 95 % interval of the median by order statistics (binomial, normal approximation): which
 * ranks bracket the true median, independent of the latency distribution.
 */
export function medianInterval(latencies: number[]): [number, number] {
  const sorted = [...latencies].sort((a, b) => a - b);
  const n = sorted.length;
  const half = 1.96 * Math.sqrt(n / 4);
  const low = Math.max(0, Math.floor(n / 2 - half) - 1);
  const high = Math.min(n - 1, Math.ceil(n / 2 + half) - 1);
  return [sorted[low] ?? NaN, sorted[high] ?? NaN];
}

export function ms(value: number): string {
  return Number.isFinite(value) ? value.toFixed(1).padStart(6) : '     -';
}

export function printTable(header: string[], rows: Array<Array<string | number>>): void {
  const cells = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, column) => Math.max(...cells.map((row) => row[column].length)));
  for (const row of cells) {
    console.log(row.map((cell, column) => cell.padStart(widths[column])).join('  '));
  }
}
