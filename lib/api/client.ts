import * as v from 'valibot';
import { ApiError } from './api-error';
import {
  ENDPOINTS,
  type BodyInput,
  type EndpointDef,
  type EndpointName,
  type Endpoints,
  type ResponseOutput,
} from './endpoints';

/**
 * A small typed client for the sync API, shared by the extension and the tests. Calls are made by endpoint name
 * (endpoints.ts), responses are validated with the same schemas the server uses, and every failure is an
 * ApiError with a code the caller can branch on: the caller never parses a response by hand.
 */

type QueryInput<N extends EndpointName> = Endpoints[N] extends { query: infer S extends v.GenericSchema }
  ? { query: { [K in keyof v.InferInput<S>]?: number | string } }
  : unknown;
type ParamsInput<N extends EndpointName> = Endpoints[N] extends { params: infer S extends v.GenericSchema }
  ? { params: v.InferInput<S> }
  : unknown;
type BodyPart<N extends EndpointName> = Endpoints[N] extends { body: v.GenericSchema }
  ? { body: BodyInput<N> }
  : unknown;

export type CallInput<N extends EndpointName> = BodyPart<N> & QueryInput<N> & ParamsInput<N>;

/** Endpoints without input take no second argument. */
type CallArgs<N extends EndpointName> = Endpoints[N] extends
  { body: unknown } | { query: unknown } | { params: unknown }
  ? [input: CallInput<N>]
  : [];

export interface ApiClientOptions {
  /** e.g. "http://127.0.0.1:8787" (no trailing /v1: endpoint paths carry it). */
  baseUrl: string;
  /** Bearer token of the session, if signed in. */
  token?: string | null;
  /** Injected for tests and for the extension's background (defaults to the global fetch). */
  fetch?: typeof fetch;
  /** Aborts every call (e.g. on lock or sign-out). */
  signal?: AbortSignal;
}

export class ApiClient {
  constructor(private readonly options: ApiClientOptions) {}

  get token(): string | null {
    return this.options.token ?? null;
  }

  /** The same client for another session (or none). */
  withToken(token: string | null): ApiClient {
    return new ApiClient({ ...this.options, token });
  }

  async call<N extends EndpointName>(name: N, ...args: CallArgs<N>): Promise<ResponseOutput<N>> {
    const def: EndpointDef = ENDPOINTS[name];
    const input = (args[0] ?? {}) as {
      body?: unknown;
      query?: Record<string, unknown>;
      params?: Record<string, string>;
    };
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    let body: string | undefined;
    if (def.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(input.body ?? {});
    }

    let response: Response;
    try {
      response = await (this.options.fetch ?? fetch)(this.url(def, input), {
        method: def.method,
        headers,
        body,
        signal: this.options.signal,
        // The API never redirects; a redirect would be a misconfigured proxy or an attack on the token.
        redirect: 'error',
      });
    } catch (error) {
      if (error instanceof Error && error.name === 'AbortError') throw error;
      throw new ApiError(0, 'network', `The server could not be reached (${describe(error)})`);
    }
    return this.read(def, response) as Promise<ResponseOutput<N>>;
  }

  private url(def: EndpointDef, input: { query?: Record<string, unknown>; params?: Record<string, string> }) {
    const path = def.path.replace(/:([a-z]+)/gi, (_match, key: string) => {
      const value = input.params?.[key];
      if (value === undefined) throw new TypeError(`ApiClient: missing path parameter "${key}"`);
      return encodeURIComponent(value);
    });
    const url = new URL(path, this.options.baseUrl);
    for (const [key, value] of Object.entries(input.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url;
  }

  private async read(def: EndpointDef, response: Response): Promise<unknown> {
    const text = await response.text().catch((error: unknown) => {
      throw new ApiError(0, 'network', `The response was cut off (${describe(error)})`);
    });
    if (!response.ok) {
      throw ApiError.fromProblem(response.status, parseJson(text), response.headers.get('retry-after'));
    }
    if (response.status !== def.status) {
      throw new ApiError(
        response.status,
        'invalid-response',
        `Expected HTTP ${def.status}, got ${response.status}`,
      );
    }
    if (def.response === null) return null;
    const parsed = v.safeParse(def.response, parseJson(text));
    if (!parsed.success) {
      const path = v.getDotPath(parsed.issues[0]) ?? 'body';
      throw new ApiError(response.status, 'invalid-response', `The server's answer is malformed at ${path}`);
    }
    return parsed.output;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
