/**
 * The archive's DIMSE listener: modalities and other PACS push studies here with C-STORE
 * and check reachability with C-ECHO.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';

import { Association } from './association.js';
import {
  resolveDimseServerOptions,
  type DimseServerOptions,
  type ResolvedDimseServerOptions,
} from './dimse-server-options.js';
import {
  isStorageSOPClass,
  STUDY_ROOT_FIND_SOP_CLASS,
  VERIFICATION_SOP_CLASS,
} from './sop-class.js';

/**
 * Limitation: connections are plain TCP; DICOM TLS (PS3.15 Annex B) is not offered, so a
 * site outside the hospital network must reach the archive through a VPN or a TLS tunnel.
 */
export interface DimseServer {
  /** Starts accepting associations; resolves with the bound port (useful with port 0). */
  listen(): Promise<{ port: number }>;
  /** Stops accepting, aborts open associations after their current message; idempotent. */
  close(): Promise<void>;
}

/**
 * Create a Storage and Verification SCP.
 *
 * @param options.acceptAssociation maps a calling AE title to the archive's context (a site),
 *   or refuses it; called once per association after the called AE title has been checked.
 * @param options.onStore receives each instance as a Part 10 file and returns the DIMSE status
 *   the modality will see.
 */
export function createDimseServer<T>(options: DimseServerOptions<T>): DimseServer {
  const resolved = resolveDimseServerOptions(options);
  const associations = new Set<Association<T>>();
  const server = createServer((socket) => admit(socket));
  let listening: Promise<{ port: number }> | undefined;
  let closing: Promise<void> | undefined;

  function admit(socket: Socket): void {
    if (closing) {
      socket.destroy();
      return;
    }
    socket.setNoDelay(true);

    const association = new Association<T>({
      id: randomUUID(),
      socket,
      options: resolved,
      // Counted at connection time: a refused peer still holds a slot until it hangs up.
      atCapacity: associations.size >= resolved.maxAssociations,
      acceptsAbstractSyntax: (uid) =>
        acceptsAbstractSyntax(uid) ||
        (resolved.onFind !== undefined && uid === STUDY_ROOT_FIND_SOP_CLASS),
    });
    associations.add(association);
    void association.closed.then(() => associations.delete(association));
  }

  return {
    listen() {
      listening ??= startListening(server, resolved);
      return listening;
    },

    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        await Promise.all([...associations].map((association) => association.shutdown()));
        if (listening) await stopped;
        resolved.logger.info({ aeTitle: resolved.aeTitle }, 'DIMSE server closed');
      })();
      return closing;
    },
  };
}

function acceptsAbstractSyntax(sopClassUID: string): boolean {
  return sopClassUID === VERIFICATION_SOP_CLASS || isStorageSOPClass(sopClassUID);
}

function startListening<T>(
  server: Server,
  options: ResolvedDimseServerOptions<T>,
): Promise<{ port: number }> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port, host: options.host }, () => {
      server.off('error', reject);
      server.on('error', (error) => options.logger.error({ err: error }, 'DIMSE listener error'));

      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : options.port;
      options.logger.info(
        { aeTitle: options.aeTitle, host: options.host, port },
        'DIMSE server listening',
      );
      resolve({ port });
    });
  });
}
