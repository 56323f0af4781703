import os from 'node:os';
import { z } from 'zod';

const ipAddress = z.union([z.ipv4(), z.ipv6()], 'must be an IPv4 or IPv6 address');

// Ports below 1024 need privileges a media worker must not have.
const rtcPort = z.coerce.number().int().min(1024).max(65535);

/** One ICE server handed to browsers, in the shape RTCPeerConnection expects. */
const iceServerSchema = z.object({
  urls: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  username: z.string().optional(),
  credential: z.string().optional(),
});

export type IceServer = z.infer<typeof iceServerSchema>;

const iceServerList = z
  .string()
  .transform((text, context) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      context.addIssue({ code: 'custom', message: 'must be a JSON array of ICE servers' });
      return z.NEVER;
    }
  })
  .pipe(z.array(iceServerSchema));

/** The media settings Archipel reads from the environment. */
const mediaEnvironmentSchema = z.object({
  MEDIA_WORKERS: z.coerce
    .number()
    .int()
    .min(1)
    .max(64)
    .default(() => os.availableParallelism()),
  MEDIA_LISTEN_IP: ipAddress.default('127.0.0.1'),
  MEDIA_ANNOUNCED_IP: ipAddress.optional(),
  MEDIA_RTC_MIN_PORT: rtcPort.default(40000),
  MEDIA_RTC_MAX_PORT: rtcPort.default(40999),
  MEDIA_TURN_SERVERS: iceServerList.optional(),
});

export interface MediaConfig {
  /** mediasoup worker processes: one per core by default. */
  workerCount: number;
  /** Address the WebRTC transports bind to. */
  listenIp: string;
  /**
   * Address written into ICE candidates when the server sits behind NAT.
   * Limitation: mediasoup 3.12 announces an IP address only, not a host name.
   */
  announcedIp?: string;
  rtcMinPort: number;
  rtcMaxPort: number;
  /** TURN (and STUN) servers for browsers that cannot reach the SFU directly. */
  iceServers: IceServer[];
}

export class MediaConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`Configuration error: ${variable} ${reason}`);
  }
}

/** Reads and checks the media settings; throws a MediaConfigError naming the bad variable. */
export function loadMediaConfig(
  env: Record<string, string | undefined> = process.env,
): MediaConfig {
  const parsed = mediaEnvironmentSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue.path[0] ?? 'environment');
    throw new MediaConfigError(variable, `is invalid: ${issue.message}`);
  }

  const settings = parsed.data;
  const portCount = settings.MEDIA_RTC_MAX_PORT - settings.MEDIA_RTC_MIN_PORT + 1;

  // Each worker gets its own slice of the range, so a slice must hold at least one port.
  if (portCount < settings.MEDIA_WORKERS) {
    throw new MediaConfigError(
      'MEDIA_RTC_MAX_PORT',
      `leaves ${Math.max(portCount, 0)} port(s) for ${settings.MEDIA_WORKERS} worker(s)`,
    );
  }

  // A wildcard address cannot be offered to a browser as a candidate.
  const wildcard = settings.MEDIA_LISTEN_IP === '0.0.0.0' || settings.MEDIA_LISTEN_IP === '::';
  if (wildcard && !settings.MEDIA_ANNOUNCED_IP) {
    throw new MediaConfigError(
      'MEDIA_ANNOUNCED_IP',
      'is required when MEDIA_LISTEN_IP is a wildcard',
    );
  }

  return {
    workerCount: settings.MEDIA_WORKERS,
    listenIp: settings.MEDIA_LISTEN_IP,
    announcedIp: settings.MEDIA_ANNOUNCED_IP,
    rtcMinPort: settings.MEDIA_RTC_MIN_PORT,
    rtcMaxPort: settings.MEDIA_RTC_MAX_PORT,
    iceServers: settings.MEDIA_TURN_SERVERS ?? [],
  };
}
