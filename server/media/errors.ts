import type { MediaRefusalReason } from './protocol';

/**
 * A request the SFU refuses for a reason the client can act on. `id` names the missing or
 * offending thing (transport, producer, consumer or peer id).
 */
export class MediaRefusal extends Error {
  constructor(
    readonly reason: MediaRefusalReason,
    readonly id?: string,
  ) {
    super(
      id === undefined
        ? `media request refused: ${reason}`
        : `media request refused: ${reason} (${id})`,
    );
    this.name = 'MediaRefusal';
  }
}

/** The mediasoup worker binary is not where mediasoup looks for it. */
export class MediaWorkerBinaryMissing extends Error {
  constructor(readonly binaryPath: string) {
    super(
      `mediasoup worker binary not found at ${binaryPath}. Build it offline with ` +
        '`npm run media:worker` (Debian packages: meson ninja-build pkg-config g++ libuv1-dev ' +
        'libsrtp2-dev libusrsctp-dev libabsl-dev nlohmann-json3-dev libssl-dev), or point ' +
        'MEDIASOUP_WORKER_BIN at a built worker.',
    );
    this.name = 'MediaWorkerBinaryMissing';
  }
}
