import type { ServerResponse } from 'node:http';
import type { Database } from '../db/client';

/** GET /api/health: 200 once the database answers, 503 otherwise. For load balancers. */
export async function answerHealth(db: Database, response: ServerResponse): Promise<void> {
  let status = 200;
  let body: Record<string, string> = { status: 'ok' };
  try {
    await db.$queryRaw`SELECT 1`;
  } catch {
    status = 503;
    body = { status: 'unavailable', reason: 'database unreachable' };
  }
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}
