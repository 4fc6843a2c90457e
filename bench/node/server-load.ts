import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * autocannon (a real HTTP load generator) for the server benchmarks, typed for what they use, with one rule:
 * a run with a connection error, a timeout, a non-2xx answer or a body that is not the expected one throws,
 * naming what went wrong, instead of yielding a figure (a fast 401 is not a fast pull).
 */

/** The part of autocannon 8's options used here (node_modules/autocannon/README.md, "API"). */
interface AutocannonRequest {
  method?: 'GET' | 'POST';
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (request: AutocannonRequest, context: object) => AutocannonRequest;
  onResponse?: (status: number, body: string, context: object) => void;
}

interface AutocannonClient {
  setRequests(requests: AutocannonRequest[]): void;
}

interface AutocannonOptions extends AutocannonRequest {
  url: string;
  connections: number;
  duration: number;
  timeout?: number;
  expectBody?: string;
  verifyBody?: (body: string) => boolean;
  setupClient?: (client: AutocannonClient) => void;
}

interface Histogram {
  average: number;
  p50: number;
  p99: number;
  max: number;
  total: number;
}

interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  mismatches: number;
  non2xx: number;
  resets: number;
  statusCodeStats: Record<string, { count: number }>;
  latency: Histogram;
  requests: Histogram & { sent: number };
}

interface AutocannonInstance {
  on(event: 'reqMismatch', listener: (body: string) => void): void;
  on(event: 'reqError', listener: (error: Error) => void): void;
}

type Autocannon = (
  options: AutocannonOptions,
  done: (error: Error | null, result: AutocannonResult) => void,
) => AutocannonInstance;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export type LoadOptions = AutocannonOptions;

export interface LoadSummary {
  /** Completed requests per second over the run. */
  rps: number;
  requests: number;
  durationS: number;
  connections: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
  non2xx: number;
  /** CPU the server process used during the run, in cores (1 = one core busy all along); Linux only. */
  serverCores: number | undefined;
  /** CPU this process (the load generator) used during the run, in cores. */
  loadCores: number;
}

export class LoadTestFailure extends Error {
  override readonly name = 'LoadTestFailure';
}

/** Runs autocannon against a server process (its pid, for its CPU use) and checks that every answer was right. */
export async function runLoad(options: LoadOptions, serverPid: number): Promise<LoadSummary> {
  const serverBefore = processCpuSeconds(serverPid);
  const loadBefore = process.cpuUsage();
  // The first bad answer of each kind, for the failure message.
  let mismatch: string | undefined;
  let requestError: string | undefined;
  const result = await new Promise<AutocannonResult>((resolve, reject) => {
    const instance = autocannon(options, (error, answer) => (error ? reject(error) : resolve(answer)));
    instance.on('reqMismatch', (body) => (mismatch ??= String(body).slice(0, 500)));
    instance.on('reqError', (error) => (requestError ??= error.message));
  });
  const serverAfter = processCpuSeconds(serverPid);
  const load = process.cpuUsage(loadBefore);

  const bad = {
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    mismatches: result.mismatches,
    resets: result.resets,
  };
  if (Object.values(bad).some((count) => count > 0) || result.requests.total === 0) {
    throw new LoadTestFailure(
      `${options.method ?? 'GET'} ${options.url}: ${JSON.stringify(bad)} in ${result.requests.total} answers; ` +
        `status codes ${JSON.stringify(result.statusCodeStats)}` +
        (mismatch === undefined ? '' : `; first unexpected body: ${mismatch}`) +
        (requestError === undefined ? '' : `; first error: ${requestError}`),
    );
  }
  return {
    rps: Math.round(result.requests.total / result.duration),
    requests: result.requests.total,
    durationS: result.duration,
    connections: options.connections,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    errors: 0,
    non2xx: 0,
    serverCores:
      serverBefore === undefined || serverAfter === undefined
        ? undefined
        : round2((serverAfter - serverBefore) / result.duration),
    loadCores: round2((load.user + load.system) / 1e6 / result.duration),
  };
}

/** utime + stime of a process from /proc (clock ticks of 1/100 s on Linux); undefined elsewhere. */
function processCpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces, hence the last ')'): state is field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
