import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import next from 'next';
import type { Config } from './config';
import { setServerContext, type ServerContext } from './context';
import { createDatabase } from './db/client';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded';
import { applyMigrations } from './db/migrate';
import { projectRoot } from './db/migrations';
import { seedDemo } from './db/seed';
import type { Logger } from './logger';
import { Redis } from 'ioredis';
import { createMemoryLimiter, createRedisLimiter } from './auth/rate-limit';
import { CLIENT_IP_HEADER, clientIp } from './auth/client-ip';
import { answerHealth } from './http/health';
import { attachSocketServer } from './realtime/io';
import { startArchive } from './archive/archive-service';
import { socketCaseNotifier } from './realtime/case-channel';
import { MediaRooms } from './realtime/media-channel';
import { startMediaPool } from './media/start';
import { attachArrivedStudy, expireInvitations } from './cases/index';
import { handleDicomweb } from './archive/dicomweb/index.js';
import { handleWadoUri, WADO_URI_PATH } from './archive/dicomweb/wado-uri.js';
import { actorFromHeaders } from './auth/request-actor';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the whole platform in this process: the database (embedded or given), migrations,
 * demo data when asked, Next.js, socket.io and the HTTP routes that bypass Next.
 */
export async function startArchipel(config: Config, log: Logger): Promise<RunningServer> {
  mkdirSync(config.dataDir, { recursive: true });

  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres(config.dataDir, log);
    databaseUrl = embedded.url;
  }

  const applied = await applyMigrations(databaseUrl);
  if (applied.length > 0) log.info({ migrations: applied }, 'database migrated');

  const db = createDatabase(databaseUrl);
  if (config.seedDemo) {
    const seeded = await seedDemo(db);
    log.info(seeded, 'demo sites and users ready');
  }

  const secret = config.AUTH_SECRET ?? readOrCreateSecret(path.join(config.dataDir, 'auth-secret'));
  // Auth.js, running inside Next in this same process, reads its secret from here.
  process.env.AUTH_SECRET = secret;

  const limiterOptions = {
    windowMs: config.LOGIN_LOCKOUT_MINUTES * 60_000,
    maxFailures: (key: string) =>
      key.startsWith('ip:')
        ? config.LOGIN_MAX_FAILURES_PER_IP
        : config.LOGIN_MAX_FAILURES_PER_ACCOUNT,
  };
  const limiterRedis = config.REDIS_URL ? new Redis(config.REDIS_URL) : undefined;
  limiterRedis?.on('error', (error) => log.warn({ err: error.message }, 'Redis connection error'));
  const loginLimiter = limiterRedis
    ? createRedisLimiter(limiterRedis, { ...limiterOptions, prefix: config.REDIS_PREFIX })
    : createMemoryLimiter(limiterOptions);
  const context = { config, db, log, loginLimiter } as ServerContext;
  setServerContext(context);

  const archive = await startArchive(config, db, log);

  // Next fetches its own server-action redirects over HTTP: it must know where it listens.
  const nextApp = next({
    dev: config.NODE_ENV === 'development',
    dir: projectRoot,
    quiet: true,
    hostname: config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST,
    port: config.PORT,
  });
  const handleNext = nextApp.getRequestHandler();
  await nextApp.prepare();

  const httpServer = createServer((request, response) => {
    route(request, response).catch((error) => {
      log.error({ err: error, url: request.url?.split('?')[0] }, 'request failed');
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: 'internal', message: 'The server failed to answer.' }));
    });
  });

  async function route(request: IncomingMessage, response: ServerResponse) {
    request.headers[CLIENT_IP_HEADER] = clientIp(request, config.TRUST_PROXY);
    const pathname = (request.url ?? '/').split('?')[0];

    if (pathname === '/api/health' && request.method === 'GET') return answerHealth(db, response);
    if (
      pathname === '/dicomweb' ||
      pathname.startsWith('/dicomweb/') ||
      pathname === WADO_URI_PATH
    ) {
      return answerDicomweb(request, response);
    }
    return handleNext(request, response);
  }

  // DICOMweb bypasses Next: STOW-RS streams request bodies of several gigabytes.
  async function answerDicomweb(request: IncomingMessage, response: ServerResponse) {
    const actor = await actorFromHeaders(db, request.headers, secret);
    if (!actor) {
      response.writeHead(401, {
        'content-type': 'application/json',
        'www-authenticate': 'Bearer realm="archipel"',
      });
      response.end(
        JSON.stringify({ error: 'unauthorized', message: 'Sign in or send a bearer token.' }),
      );
      return;
    }
    const handled =
      (await handleWadoUri(archive.dicomweb, request, response, actor)) ||
      (await handleDicomweb(archive.dicomweb, request, response, actor));
    if (!handled) {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({ error: 'not-found', message: `No DICOMweb resource at ${request.url}` }),
      );
    }
  }

  const realtime = attachSocketServer(httpServer, context, secret);
  const { io } = realtime;
  context.cases = {
    db,
    log,
    notifier: socketCaseNotifier(io, (caseId) => context.media?.close(caseId)),
    settings: {
      invitationTimeoutMs: config.INVITATION_TIMEOUT_SECONDS * 1000,
      amberMinutes: config.QUEUE_AMBER_MINUTES,
      redMinutes: config.QUEUE_RED_MINUTES,
    },
  };
  const mediaPool = await startMediaPool(log);
  if (mediaPool) context.media = new MediaRooms(io, mediaPool.pool, mediaPool.config, log);

  archive.onStudiesStored = async (studyInstanceUids) => {
    for (const uid of studyInstanceUids) await attachArrivedStudy(context.cases, uid);
  };
  archive.dicomweb.onStudiesStored = archive.onStudiesStored;

  // Unanswered invitations go to the coordinators; a few seconds of lateness is harmless.
  const sweepMs = Math.min(5000, (config.INVITATION_TIMEOUT_SECONDS * 1000) / 4);
  const sweep = setInterval(() => {
    expireInvitations(context.cases).catch((error) =>
      log.error({ err: error }, 'invitation expiry sweep failed'),
    );
  }, sweepMs);
  const upgradeNext = nextApp.getUpgradeHandler();
  httpServer.on('upgrade', (request, socket, head) => {
    // socket.io answers its own upgrades; the rest (Next's hot reload in development) go on.
    if (!request.url?.startsWith('/socket.io/')) void upgradeNext(request, socket, head);
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.PORT, config.HOST, resolve);
  });
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const url = `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}`;
  log.info(
    { url, embeddedDatabase: config.embeddedDatabase, dimsePort: archive.dimsePort },
    'Archipel is listening',
  );

  let closing: Promise<void> | undefined;
  return {
    url,
    close: () => {
      closing ??= (async () => {
        clearInterval(sweep);
        context.media?.closeAll();
        mediaPool?.pool.close();
        await archive.close();
        await realtime.close();
        await limiterRedis?.quit();
        await new Promise<void>((resolve) => httpServer.close(() => resolve()));
        await nextApp.close?.();
        await db.$disconnect();
        await embedded?.stop();
        setServerContext(undefined);
      })();
      return closing;
    },
  };
}

function readOrCreateSecret(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = crypto.randomUUID().replaceAll('-', '') + crypto.randomUUID().replaceAll('-', '');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
