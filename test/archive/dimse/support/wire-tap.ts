/**
 * A TCP relay between an SCU and the server under test that keeps a copy of what the SCU
 * sent, so a test can compare stored data sets with the bytes actually on the wire.
 *
 * storescu re-encodes some data sets before sending (it recomputes group lengths, turns
 * undefined-length sequences into defined ones, drops trailing padding); against the wire
 * copy, "the archive keeps the bytes untouched" can be checked for every transfer syntax.
 */
import { connect, createServer, type Socket } from 'node:net';

export interface WireTap {
  port: number;
  /** Data sets in the order the SCU sent them, reassembled from its P-DATA-TF PDUs. */
  sentDataSets(): Buffer[];
  close(): Promise<void>;
}

export async function startWireTap(targetPort: number): Promise<WireTap> {
  const streams: Buffer[][] = [];
  const sockets = new Set<Socket>();

  const server = createServer((client) => {
    const recorded: Buffer[] = [];
    streams.push(recorded);
    const upstream = connect({ host: '127.0.0.1', port: targetPort });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }

    client.on('data', (chunk: Buffer) => recorded.push(chunk));
    client.pipe(upstream);
    upstream.pipe(client);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address !== 'object') throw new Error('Wire tap has no port');

  return {
    port: address.port,
    sentDataSets: () => streams.flatMap((chunks) => dataSetsIn(Buffer.concat(chunks))),
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Deliberately independent of the server's own decoder: PS3.8 9.3.5 read the plain way. */
function dataSetsIn(stream: Buffer): Buffer[] {
  const dataSets: Buffer[] = [];
  let fragments: Buffer[] = [];

  for (let offset = 0; offset + 6 <= stream.length;) {
    const pduType = stream[offset];
    const body = stream.subarray(offset + 6, offset + 6 + stream.readUInt32BE(offset + 2));
    offset += 6 + body.length;
    if (pduType !== 0x04) continue;

    for (let item = 0; item < body.length;) {
      const itemLength = body.readUInt32BE(item);
      const control = body[item + 5];
      const fragment = body.subarray(item + 6, item + 4 + itemLength);
      item += 4 + itemLength;

      if ((control & 0x01) === 1) continue; // command fragments
      fragments.push(fragment);
      if ((control & 0x02) !== 0) {
        dataSets.push(Buffer.concat(fragments));
        fragments = [];
      }
    }
  }
  return dataSets;
}
