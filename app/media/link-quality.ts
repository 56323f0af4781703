/** What a tile shows of its link: bitrate, packet loss and round-trip time, from getStats. */
export interface LinkQuality {
  kbps: number;
  lossPercent: number;
  rttMs?: number;
}

export interface StatsSample {
  bytes: number;
  packetsReceived: number;
  packetsLost: number;
  at: number;
}

/** Reads one inbound RTP stream and its candidate pair out of a receiver's stats report. */
export function sampleInbound(report: RTCStatsReport): { sample?: StatsSample; rttMs?: number } {
  let sample: StatsSample | undefined;
  let rttMs: number | undefined;
  report.forEach((stat) => {
    if (stat.type === 'inbound-rtp') {
      sample = {
        bytes: stat.bytesReceived ?? 0,
        packetsReceived: stat.packetsReceived ?? 0,
        packetsLost: stat.packetsLost ?? 0,
        at: stat.timestamp,
      };
    }
    if (
      stat.type === 'candidate-pair' &&
      stat.nominated &&
      stat.currentRoundTripTime !== undefined
    ) {
      rttMs = Math.round(stat.currentRoundTripTime * 1000);
    }
  });
  return { sample, rttMs };
}

export function linkQuality(
  previous: StatsSample,
  current: StatsSample,
  rttMs?: number,
): LinkQuality {
  const seconds = Math.max((current.at - previous.at) / 1000, 0.001);
  const received = current.packetsReceived - previous.packetsReceived;
  const lost = Math.max(0, current.packetsLost - previous.packetsLost);
  return {
    kbps: Math.round(((current.bytes - previous.bytes) * 8) / 1000 / seconds),
    lossPercent: received + lost === 0 ? 0 : Math.round((lost / (received + lost)) * 1000) / 10,
    rttMs,
  };
}
