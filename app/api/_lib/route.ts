import { actorFromHeaders } from '@/server/auth/request-actor';
import type { Actor } from '@/server/auth/roles';
import { getServerContext, type ServerContext } from '@/server/context';
import { CaseError } from '@/server/cases/index';

type Params = Record<string, string>;

export interface RouteContext {
  actor: Actor;
  request: Request;
  params: Params;
  services: ServerContext;
  /** The JSON body; a body that is not JSON is answered 400 before the handler runs. */
  body: () => Promise<unknown>;
}

/**
 * The actor of an API request, resolved as for socket.io and DICOMweb: a bearer token, else
 * the browser's session cookie, with the account read again so a deactivation bites at once.
 */
function actorOf(request: Request, services: ServerContext): Promise<Actor | undefined> {
  return actorFromHeaders(
    services.db,
    Object.fromEntries(request.headers),
    process.env.AUTH_SECRET ?? '',
  );
}

const json = (status: number, body: unknown) => Response.json(body, { status });

/**
 * Wraps an API route: authenticates, hands over the parsed params, and turns refusals into
 * answers with a status and a sentence ({error, message, issues?}); anything unexpected is
 * logged with the route and answered 500 without details.
 */
export function route(handler: (context: RouteContext) => Promise<unknown>) {
  return async (request: Request, { params }: { params: Promise<Params> }) => {
    const services = getServerContext();
    try {
      const actor = await actorOf(request, services);
      if (!actor) return json(401, { error: 'unauthorized', message: 'Sign in first.' });

      const body = async () => {
        try {
          return await request.json();
        } catch {
          throw new CaseError('invalid', 'The request body is not valid JSON.');
        }
      };
      const result = await handler({ actor, request, params: await params, services, body });
      return result instanceof Response ? result : json(200, result ?? { ok: true });
    } catch (error) {
      if (error instanceof CaseError) {
        const status =
          error.code === 'invalid' && error.message.includes('JSON') ? 400 : error.status;
        return json(status, { error: error.code, message: error.message, issues: error.details });
      }
      services.log.error({ err: error, route: new URL(request.url).pathname }, 'API route failed');
      return json(500, { error: 'internal', message: 'The server failed to answer.' });
    }
  };
}
