// Prints one kind's latency figures for the SFU path against the direct baseline.

import { medianInterval, ms, printTable, summarize } from './figures';
import { type LatencyRun, mergeRuns } from './latency';

function row(path: string, run: LatencyRun, kind: 'audio' | 'video') {
  const samples = run[kind];
  const sent = kind === 'audio' ? run.audioSent : run.videoSent;
  const figures = summarize(samples, sent);
  const [low, high] = medianInterval(samples);
  return {
    figures,
    cells: [
      path,
      `${figures.count}/${sent}`,
      ms(figures.median),
      `[${ms(low).trim()}, ${ms(high).trim()}]`,
      ms(figures.p95),
      ms(figures.min),
      ms(figures.max),
    ],
  };
}

/**
 * Pools each path's runs into one table row, then prints each run's own median: how far the
 * runs disagree (jitter buffer state, machine load) is the error bar that matters most.
 */
export function printLatency(
  kind: 'audio' | 'video',
  sfuRuns: LatencyRun[],
  directRuns: LatencyRun[],
) {
  const [sfu, direct] = [mergeRuns(sfuRuns), mergeRuns(directRuns)];
  const viaSfu = row('SFU', sfu, kind);
  const viaDirect = row('direct', direct, kind);
  const header = ['path', 'received/sent', 'median', 'median 95% CI', 'p95', 'min', 'max'];
  printTable(header, [viaSfu.cells, viaDirect.cells]);

  const [a, b] = [viaSfu.figures, viaDirect.figures];
  const ratio = (x: number, y: number) => (x / y).toFixed(2);
  console.log(
    `SFU/direct: median ${ratio(a.median, b.median)}, p95 ${ratio(a.p95, b.p95)}; ` +
      `SFU - direct, median: ${ms(a.median - b.median).trim()} ms`,
  );

  const medians = (runs: LatencyRun[]) =>
    runs.map((run) => ms(summarize(run[kind], run[kind].length).median).trim()).join(', ');
  console.log(`median of each run: SFU ${medians(sfuRuns)}; direct ${medians(directRuns)}`);
}

/**
 * Pulses are told apart by time only, so a pulse later than the period is counted against the
 * next one. Half the period is the margin below which the pairing is trusted.
 */
export function warnIfAmbiguous(runs: LatencyRun[], periodMs: number): void {
  const late = runs.flatMap((run) => run.audio).filter((latency) => latency > periodMs / 2);
  if (late.length === 0) return;
  console.log(
    `CAUTION: ${late.length} pulse(s) took over ${periodMs / 2} ms; near the ${periodMs} ms ` +
      'period a late pulse is paired with the next one and audio figures are unreliable',
  );
}
