/** Timing helpers of the archive benchmark: runs, then median and 95th percentile. */
export interface Figure {
  name: string;
  medianMs: number;
  p95Ms: number;
  runs: number;
}

export async function measure(
  name: string,
  runs: number,
  action: () => Promise<unknown>,
): Promise<Figure> {
  await action(); // one warm-up run: caches, connections and JIT
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await action();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!;
  return { name, medianMs: at(0.5), p95Ms: at(0.95), runs };
}

/** Runs `tasks` with at most `width` in flight. */
export async function inParallel(width: number, tasks: Array<() => Promise<unknown>>) {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]!();
  };
  await Promise.all(Array.from({ length: width }, worker));
}

export function printFigures(ours: Figure[], theirs?: Figure[]): void {
  const ms = (value: number) => value.toFixed(1).padStart(8);
  const header = theirs
    ? 'figure                               ours med   ours p95  their med  their p95  ours/theirs'
    : 'figure                               median ms     p95 ms   runs';
  console.log(header);
  for (const [index, figure] of ours.entries()) {
    const name = figure.name.padEnd(34);
    const other = theirs?.[index];
    if (other) {
      const ratio = (figure.medianMs / other.medianMs).toFixed(2).padStart(10);
      console.log(
        `${name} ${ms(figure.medianMs)}   ${ms(figure.p95Ms)}   ${ms(other.medianMs)}   ` +
          `${ms(other.p95Ms)}   ${ratio}`,
      );
    } else {
      console.log(`${name} ${ms(figure.medianMs)}   ${ms(figure.p95Ms)}   ${figure.runs}`);
    }
  }
}
