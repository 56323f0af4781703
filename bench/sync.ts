// `npm run bench:sync`: load on the synchronized viewer session. N case sessions of three
// participants (socket.io-client, in this process) each move their cursor at ~30 Hz, and the
// leader of each session changes its view at 10 Hz. Measured for our session server and, in the
// same run and under the same load, for a bare socket.io relay that only broadcasts to the room:
// end-to-end fan-out latency (send to receipt at each other participant), time inside the
// server's handler, and the server process's CPU and memory.
//
// The server runs in a child process (this file with --serve) so that the load generator's CPU
// does not count as the server's. Needs PostgreSQL (TEST_DATABASE_URL or 127.0.0.1:5432).

import { fork, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { performance } from 'node:perf_hooks';

import pino from 'pino';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';

import type { Actor } from '../server/auth/roles';
import { createDatabase } from '../server/db/client';
import { seedDemo } from '../server/db/seed';
import {
  attachSessionHandlers,
  InMemorySessionStateStore,
  SESSION_EVENT,
  SESSION_PROTOCOL_VERSION,
} from '../server/realtime/session';
import { createTestDatabase } from '../test/support/database';
import { actorOf, insertCase, SERIES_UID, viewAt } from '../test/realtime/session/harness';

type Kind = 'ours' | 'bare';

const SESSION_COUNTS = (process.env.BENCH_SESSIONS ?? '10,50,200').split(',').map(Number);
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 2_000);
const MEASURE_MS = Number(process.env.BENCH_MEASURE_MS ?? 8_000);
// setInterval rounds to whole milliseconds; 34 ms keeps a sender just under the 30/s limit.
const CURSOR_INTERVAL_MS = 34;
const VIEW_INTERVAL_MS = 100;
const EMAILS = ['urgence@chu-martinique.demo', 'neuro@chu-guadeloupe.demo'];
const THIRD = 'neuro@chu-martinique.demo';

interface ServerStats {
  handlerMs: number[];
  cpuPercent: number;
  rssMb: number;
  heapMb: number;
}

// ---- the server side (child process) ----

async function serve(kind: Kind) {
  const samples: number[] = [];
  const observe = (_type: string, ms: number) => samples.push(ms);
  const httpServer = createServer();
  const io = new Server(httpServer, {
    serveClient: false,
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000 },
  });
  io.use((socket, next) => {
    socket.data.actor = socket.handshake.auth.actor as Actor;
    next();
  });

  if (kind === 'ours') {
    const db = createDatabase(process.env.BENCH_DATABASE_URL!);
    attachSessionHandlers(io, {
      db,
      log: pino({ level: 'warn' }),
      store: new InMemorySessionStateStore(),
      canJoin: async (actor, caseId) =>
        (await db.caseParticipant.findUnique({
          where: { caseId_userId: { caseId, userId: actor.userId } },
        })) !== null,
      observe,
    });
  } else {
    // The baseline: join a room, broadcast everything else to it. Nothing validated or kept.
    io.on('connection', (socket) => {
      let room: string | null = null;
      socket.on(SESSION_EVENT, (message: { type: string; caseId?: string }) => {
        const started = performance.now();
        if (message.type === 'join') {
          room = `session:${message.caseId}`;
          void socket.join(room);
          socket.emit(SESSION_EVENT, { type: 'snapshot' });
        } else if (room && message.type === 'cursor') {
          socket.volatile.to(room).emit(SESSION_EVENT, message);
        } else if (room) {
          socket.to(room).emit(SESSION_EVENT, message);
        }
        observe(message.type, performance.now() - started);
      });
    });
  }

  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  let cpu = process.cpuUsage();
  let since = performance.now();

  process.on('message', (command: string) => {
    if (command === 'reset') {
      samples.length = 0;
      cpu = process.cpuUsage();
      since = performance.now();
      return;
    }
    const used = process.cpuUsage(cpu);
    const memory = process.memoryUsage();
    const stats: ServerStats = {
      handlerMs: samples,
      cpuPercent: ((used.user + used.system) / 1000 / (performance.now() - since)) * 100,
      rssMb: memory.rss / 2 ** 20,
      heapMb: memory.heapUsed / 2 ** 20,
    };
    process.send!(stats);
  });
  process.send!({ port: (httpServer.address() as AddressInfo).port });
}

// ---- the load generator (this process) ----

interface RunResult {
  kind: Kind;
  sessions: number;
  cursorMs: number[];
  viewMs: number[];
  cursorsSent: number;
  cursorsExpected: number;
  server: ServerStats;
  loadCpuPercent: number;
}

async function run(
  kind: Kind,
  sessions: number,
  caseIds: string[],
  actors: Actor[],
  databaseUrl: string,
): Promise<RunResult> {
  const child = fork(import.meta.filename, ['--serve', kind], {
    env: { ...process.env, BENCH_DATABASE_URL: databaseUrl },
    execArgv: ['--import', 'tsx'],
  });
  const { port } = await nextMessage<{ port: number }>(child);
  const url = `http://127.0.0.1:${port}`;

  const cursorMs: number[] = [];
  const viewMs: number[] = [];
  let measuring = false;
  let cursorsSent = 0;
  let cursorsReceived = 0;
  const sockets: Socket[] = [];

  // Connect and join every participant before any load.
  for (let s = 0; s < sessions; s++) {
    for (let p = 0; p < 3; p++) {
      const socket = connect(url, {
        transports: ['websocket'],
        auth: { actor: actors[p] },
        reconnection: false,
        forceNew: true,
      });
      socket.on(SESSION_EVENT, (message: BenchMessage) => {
        if (!measuring) return;
        const now = performance.now() * 1000;
        if (message.type === 'cursor' && message.cursor) {
          cursorsReceived++;
          cursorMs.push((now - Number(message.cursor.sopInstanceUid.slice(4))) / 1000);
        } else if (message.type === 'view') {
          viewMs.push((now - Number(message.view.presetName)) / 1000);
        }
      });
      sockets.push(socket);
    }
  }
  await Promise.all(
    sockets.map((socket, index) => {
      const caseId = caseIds[Math.floor(index / 3)];
      return new Promise<void>((resolve, reject) => {
        socket.on(SESSION_EVENT, (message: BenchMessage) => {
          if (message.type === 'snapshot') resolve();
          if (message.type === 'rejected') reject(new Error(`join refused: ${message.reason}`));
        });
        const join = () =>
          socket.emit(SESSION_EVENT, {
            type: 'join',
            caseId,
            protocolVersion: SESSION_PROTOCOL_VERSION,
          });
        if (socket.connected) join();
        else socket.once('connect', join);
      });
    }),
  );

  // The load: every participant moves its cursor, the first of each session leads the view.
  const timers: NodeJS.Timeout[] = [];
  let seq = 0;
  sockets.forEach((socket, index) => {
    const offset = Math.random() * CURSOR_INTERVAL_MS;
    setTimeout(() => {
      timers.push(
        setInterval(() => {
          if (measuring) cursorsSent++;
          const sentAt = Math.round(performance.now() * 1000);
          socket.emit(SESSION_EVENT, {
            type: 'cursor',
            cursor: { sopInstanceUid: `1.2.${sentAt}`, frame: 1, imagePoint: [index % 512, 17] },
          });
        }, CURSOR_INTERVAL_MS),
      );
      if (index % 3 !== 0) return;
      timers.push(
        setInterval(() => {
          const view = viewAt(seq % 300);
          view.presetName = String(Math.round(performance.now() * 1000));
          socket.emit(SESSION_EVENT, { type: 'view', seq: seq++, view });
        }, VIEW_INTERVAL_MS),
      );
    }, offset);
  });

  await sleep(WARMUP_MS);
  child.send('reset');
  const loadCpu = process.cpuUsage();
  const started = performance.now();
  measuring = true;
  await sleep(MEASURE_MS);
  measuring = false;
  const loadUsed = process.cpuUsage(loadCpu);
  const loadCpuPercent =
    ((loadUsed.user + loadUsed.system) / 1000 / (performance.now() - started)) * 100;
  child.send('stats');
  const server = await nextMessage<ServerStats>(child);

  for (const timer of timers) clearInterval(timer);
  for (const socket of sockets) socket.disconnect();
  child.kill();
  await new Promise((resolve) => child.once('exit', resolve));

  return {
    kind,
    sessions,
    cursorMs,
    viewMs,
    cursorsSent,
    cursorsExpected: cursorsSent * 2,
    server,
    loadCpuPercent,
  };
}

type BenchMessage =
  | { type: 'snapshot' }
  | { type: 'rejected'; reason: string }
  | { type: 'cursor'; cursor: { sopInstanceUid: string } | null }
  | { type: 'view'; view: { presetName: string } };

function nextMessage<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve(message as T));
    child.once('exit', (code) => reject(new Error(`bench server exited (${code})`)));
  });
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const f = (value: number, digits = 2) => value.toFixed(digits).padStart(8);

function report(ours: RunResult, bare: RunResult) {
  const e2e = (r: RunResult) => [...r.cursorMs, ...r.viewMs];
  const rows: [string, (r: RunResult) => number, number][] = [
    ['end-to-end p50 ms (cursor+view)', (r) => percentile(e2e(r), 50), 2],
    ['end-to-end p99 ms (cursor+view)', (r) => percentile(e2e(r), 99), 2],
    ['view end-to-end p99 ms', (r) => percentile(r.viewMs, 99), 2],
    ['server-added p50 ms (in handler)', (r) => percentile(r.server.handlerMs, 50), 3],
    ['server-added p99 ms (in handler)', (r) => percentile(r.server.handlerMs, 99), 3],
    ['server CPU % of one core', (r) => r.server.cpuPercent, 1],
    ['server RSS MB', (r) => r.server.rssMb, 1],
    ['server heap MB', (r) => r.server.heapMb, 1],
    ['cursors delivered %', (r) => (100 * r.cursorMs.length) / r.cursorsExpected, 1],
    ['load generator CPU %', (r) => r.loadCpuPercent, 1],
  ];
  console.log(`\nN = ${ours.sessions} sessions x 3 participants (${ours.sessions * 3} sockets)`);
  console.log(`${'metric'.padEnd(34)}${'ours'.padStart(8)}${'bare'.padStart(8)}   ratio`);
  for (const [name, get, digits] of rows) {
    const a = get(ours);
    const b = get(bare);
    console.log(`${name.padEnd(34)}${f(a, digits)}${f(b, digits)}   ${f(a / b, 2)}x`);
  }
}

async function main() {
  const serveAt = process.argv.indexOf('--serve');
  if (serveAt !== -1) return serve(process.argv[serveAt + 1] as Kind);

  console.log(
    `bench:sync on ${os.cpus().length} cores (${os.cpus()[0]?.model}), node ${process.version}; ` +
      `cursor every ${CURSOR_INTERVAL_MS} ms per participant, leader view every ` +
      `${VIEW_INTERVAL_MS} ms; warm-up ${WARMUP_MS} ms, measured ${MEASURE_MS} ms; series ` +
      SERIES_UID,
  );
  const database = await createTestDatabase();
  const db = createDatabase(database.url);
  try {
    await seedDemo(db);
    const most = Math.max(...SESSION_COUNTS);
    const caseIds: string[] = [];
    for (let i = 0; i < most; i++) caseIds.push(await insertCase(db, [...EMAILS, THIRD]));
    const actors = await Promise.all([...EMAILS, THIRD].map((email) => actorOf(db, email)));

    for (const sessions of SESSION_COUNTS) {
      const ours = await run('ours', sessions, caseIds, actors, database.url);
      const bare = await run('bare', sessions, caseIds, actors, database.url);
      report(ours, bare);
    }
  } finally {
    await db.$disconnect();
    await database.drop();
  }
}

await main();
