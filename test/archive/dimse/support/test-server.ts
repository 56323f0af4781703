/**
 * Starts a DIMSE server on an ephemeral 127.0.0.1 port that records what reaches the archive.
 */
import {
  createDimseServer,
  type AssociationRequest,
  type DimseLogger,
  type DimseServer,
  type DimseServerOptions,
  type StoreRequest,
} from '@/server/archive/dimse/index.js';

/** The one modality the test archive knows, and the site it belongs to. */
export const KNOWN_MODALITY = 'CT_NORTH';
export const KNOWN_SITE = 'site-north';

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  fields: Record<string, unknown>;
  message?: string;
}

export interface TestServer {
  server: DimseServer;
  port: number;
  stored: StoreRequest<string>[];
  associationRequests: AssociationRequest[];
  log: LogLine[];
}

export async function startTestServer(
  overrides: Partial<DimseServerOptions<string>> = {},
): Promise<TestServer> {
  const stored: StoreRequest<string>[] = [];
  const associationRequests: AssociationRequest[] = [];
  const log: LogLine[] = [];

  const record =
    (level: LogLine['level']) =>
    (fields: object, message?: string): void => {
      log.push({ level, fields: fields as Record<string, unknown>, message });
    };
  const logger: DimseLogger = {
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
  };

  const server = createDimseServer<string>({
    aeTitle: 'ARCHIPEL',
    port: 0,
    host: '127.0.0.1',
    logger,
    ...overrides,
    async acceptAssociation(request) {
      associationRequests.push(request);
      if (overrides.acceptAssociation) return overrides.acceptAssociation(request);
      return request.callingAE === KNOWN_MODALITY
        ? { accept: true, context: KNOWN_SITE }
        : { accept: false, reason: 'calling-ae-not-recognized' };
    },
    async onStore(request) {
      stored.push(request);
      return overrides.onStore ? overrides.onStore(request) : { status: 0x0000 };
    },
  });

  const { port } = await server.listen();
  return { server, port, stored, associationRequests, log };
}
