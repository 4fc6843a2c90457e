import type { Context, Hono } from 'hono';
import * as v from 'valibot';
import {
  ENDPOINT_NAMES,
  ENDPOINTS,
  maxBodyBytes,
  type BodyOutput,
  type EndpointDef,
  type EndpointName,
  type Endpoints,
  type ParamsOutput,
  type QueryOutput,
  type ResponseWire,
} from '../lib/api/endpoints';
import { describeIssues } from '../lib/api/validation-message';
import type { RouteDeps } from './app-deps';
import { ProblemError } from './problem';
import { readJsonBody } from './request-body';
import { authenticate } from './session-auth';
import type { SessionRow } from './storage/storage';

/**
 * Registers route handlers from lib/api/endpoints.ts, so the wire is defined once: method, path, who may call,
 * body/query/path schemas, body size limit and success status all come from the table. A handler receives parsed,
 * validated input and the caller's session, and returns the response as the schema's input type (dates as ISO
 * strings). An endpoint without a handler stops the app at start-up (assertComplete).
 */
export interface AppEnv {
  Variables: { clientIp: string; /** Set by the error handler, for the access log. */ problemCode?: string };
}

type SessionFor<N extends EndpointName> = Endpoints[N]['auth'] extends 'none' ? undefined : SessionRow;

export interface RouteInput<N extends EndpointName> {
  c: Context<AppEnv>;
  body: BodyOutput<N>;
  query: QueryOutput<N>;
  params: ParamsOutput<N>;
  session: SessionFor<N>;
  /** The client's address (TRUST_PROXY-aware), for rate limits. */
  ip: string;
}

export type RouteHandler<N extends EndpointName> = (input: RouteInput<N>) => Promise<ResponseWire<N>>;

export interface Router {
  on<N extends EndpointName>(name: N, handler: RouteHandler<N>): void;
  assertComplete(): void;
}

export function createRouter(app: Hono<AppEnv>, deps: RouteDeps): Router {
  const registered = new Set<EndpointName>();
  return {
    on(name, handler) {
      if (registered.has(name)) throw new Error(`Route ${name} registered twice`);
      registered.add(name);
      const def: EndpointDef = ENDPOINTS[name];
      app.on(def.method, def.path, async (c) => {
        const session =
          def.auth === 'none' ? undefined : await authenticate(deps, c.req.header('authorization'), def.auth);
        const body = await readJsonBody(c, def.body, maxBodyBytes(def));
        const query = parseInput(def.query, queryRecord(c), 'query');
        const params = parseInput(def.params, c.req.param(), 'path');
        const input = { c, body, query, params, session, ip: c.get('clientIp') } as RouteInput<typeof name>;
        const result: unknown = await handler(input);
        if (def.response === null) return c.body(null, def.status);
        return c.json(result as object, def.status as 200 | 202);
      });
    },
    assertComplete() {
      const missing = ENDPOINT_NAMES.filter((name) => !registered.has(name));
      if (missing.length > 0) throw new Error(`No handler for endpoints: ${missing.join(', ')}`);
    },
  };
}

function parseInput(
  schema: v.GenericSchema | undefined,
  value: Record<string, string>,
  root: string,
): unknown {
  if (schema === undefined) {
    if (root === 'query' && Object.keys(value).length > 0) {
      throw new ProblemError('bad-request', 'This endpoint takes no query parameters');
    }
    return undefined;
  }
  const parsed = v.safeParse(schema, value);
  if (!parsed.success) throw new ProblemError('bad-request', describeIssues(parsed.issues, root));
  return parsed.output;
}

/** Query parameters as a plain record; a repeated parameter is ambiguous, so it is refused. */
function queryRecord(c: Context): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of new URL(c.req.url).searchParams) {
    if (Object.hasOwn(out, key)) throw new ProblemError('bad-request', `query.${key}: given more than once`);
    out[key] = value;
  }
  return out;
}
