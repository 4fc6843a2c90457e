import type { CDPSession } from 'playwright-core';

/**
 * Chrome trace capture and attribution for the content-script benchmarks (bench/node/content.bench.ts).
 *
 * Method. The page's CDP session records a trace (Tracing.start, the categories DevTools' Performance panel
 * uses; in some runs the V8 sampling profiler too) while the page loads, idles and is used. Two attributions
 * give the main-thread time that belongs to the content script, whose code all comes from one URL
 * (chrome-extension://<id>/content.js):
 *
 * - events: every trace event that names the script's URL: EvaluateScript (its top-level run), v8.compile /
 *   v8.run / v8.produceCache (compiling it), FunctionCall (each listener or callback of it that the page's
 *   events, timers or messages invoke: EventDispatch → FunctionCall; TimerFire → FunctionCall).
 *   Nested and overlapping events are merged per thread (an interval union), so nothing counts twice.
 * - samples: the V8 CPU profile that the trace carries (ProfileChunk events): each sample whose stack holds a
 *   frame of the script counts its interval. This also sees what the events cannot name: promise reactions
 *   (microtasks run outside any FunctionCall) and code of the script called from inside another frame.
 *
 * The figures come from the events (what DevTools' Performance panel shows as the script's time). Sampled
 * traces are separate runs (SAMPLING_CATEGORY), a check that the events miss nothing big: their resolution is
 * the sampler's interval (~0.2 ms here). Tracing itself costs a little in each traced call, so the figures
 * lean high, never low. Trace event formats: the Trace Event Format
 * (https://docs.google.com/document/d/1CvAClvFfyA5R-PhYUmn5OOQtYMH4h6I0nSsKchNAySU) and Chrome's
 * third_party/blink/renderer/core/inspector/inspector_trace_events.cc (which events carry `data.url`).
 */
export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: Record<string, unknown>;
}

export const TRACE_CATEGORIES = [
  '-*',
  'devtools.timeline',
  'v8.execute',
  'v8',
  'toplevel',
  'blink.user_timing',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
];

/**
 * The V8 sampling profiler's category. It is not free (V8 logs every code object it creates and interrupts
 * the thread every ~0.2 ms), so the figures come from traces without it, and separate traced loads with it
 * give the `samples` attribution. Measured here it changed the content script's own figure little (±2 ms of
 * noise on a 6–9 ms figure), but the separation keeps the figure independent of the check.
 */
export const SAMPLING_CATEGORY = 'disabled-by-default-v8.cpu_profiler';

/** Starts a trace on `cdp`; the returned function ends it and answers every event recorded. */
export async function startTrace(cdp: CDPSession, sampling = false): Promise<() => Promise<TraceEvent[]>> {
  const events: TraceEvent[] = [];
  const onData = ({ value }: { value: unknown[] }) => events.push(...(value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', onData);
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: {
      recordMode: 'recordAsMuchAsPossible',
      includedCategories: sampling ? [...TRACE_CATEGORIES, SAMPLING_CATEGORY] : TRACE_CATEGORIES,
    },
  });
  return async () => {
    const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', onData);
    return events;
  };
}

type Interval = [start: number, end: number];
const key = (event: TraceEvent) => `${event.pid}:${event.tid}`;

/** The script URL an event names, where Chrome puts one. */
function urlOf(event: TraceEvent): string | undefined {
  const args = event.args ?? {};
  const data = (args.data ?? {}) as Record<string, unknown>;
  for (const candidate of [data.url, data.scriptName, args.fileName, data.fileName]) {
    if (typeof candidate === 'string' && candidate !== '') return candidate;
  }
  return undefined;
}

/** Complete (X) events, and B/E pairs matched per thread, that satisfy `wanted`, as intervals per thread. */
function intervals(
  events: readonly TraceEvent[],
  wanted: (e: TraceEvent) => boolean,
): Map<string, Interval[]> {
  const out = new Map<string, Interval[]>();
  const open = new Map<string, TraceEvent[]>();
  const add = (thread: string, interval: Interval) => out.set(thread, [...(out.get(thread) ?? []), interval]);
  for (const event of [...events].sort((a, b) => a.ts - b.ts)) {
    if (event.ph === 'X' && wanted(event)) add(key(event), [event.ts, event.ts + (event.dur ?? 0)]);
    else if (event.ph === 'B') open.set(key(event), [...(open.get(key(event)) ?? []), event]);
    else if (event.ph === 'E') {
      const begun = open.get(key(event))?.pop();
      if (begun && wanted(begun)) add(key(event), [begun.ts, event.ts]);
    }
  }
  return out;
}

/** The union of intervals, in ms (trace timestamps are µs). */
function unionMs(byThread: Map<string, Interval[]>): number {
  let total = 0;
  for (const list of byThread.values()) {
    list.sort((a, b) => a[0] - b[0]);
    let [start, end] = [-Infinity, -Infinity];
    for (const [s, e] of list) {
      if (s > end) {
        if (end > start) total += end - start;
        [start, end] = [s, e];
      } else end = Math.max(end, e);
    }
    if (end > start) total += end - start;
  }
  return total / 1000;
}

export interface Attribution {
  /** Interval union of the events that name the script. */
  eventsMs: number;
  /** CPU-profile samples with a frame of the script on their stack. */
  samplesMs: number;
  /** The attributed events by name: how many, and their summed duration in ms (nested ones overlap). */
  byEvent: Record<string, { count: number; ms: number }>;
}

/**
 * The main-thread time of code from `scriptUrl` in the trace (see the method above): a URL prefix, or a test of
 * the URL for several scripts (the loader and the agent it imports, whose Chrome URL has a per-session id).
 */
export function attribute(
  events: readonly TraceEvent[],
  scriptUrl: string | ((url: string) => boolean),
): Attribution {
  const isOurs = typeof scriptUrl === 'string' ? (url: string) => url.startsWith(scriptUrl) : scriptUrl;
  const ours = (event: TraceEvent) => {
    const url = urlOf(event);
    return url !== undefined && isOurs(url);
  };
  const byEvent: Record<string, { count: number; ms: number }> = {};
  for (const event of events) {
    if (!ours(event)) continue;
    const entry = (byEvent[event.name] ??= { count: 0, ms: 0 });
    entry.count += 1;
    entry.ms += (event.dur ?? 0) / 1000;
  }
  return { eventsMs: unionMs(intervals(events, ours)), samplesMs: sampledMs(events, isOurs), byEvent };
}

interface ProfileNode {
  id: number;
  parent?: number;
  callFrame?: { url?: string };
}

interface SampledProfile {
  nodes: Map<number, ProfileNode>;
  samples: number[];
  deltas: number[];
}

/**
 * Sums the sample intervals whose stack holds a frame from one of our scripts (`isOurs`). A trace's profile arrives as a Profile
 * event then ProfileChunk events (same pid and id): nodes (with parents) and samples with time deltas (µs).
 */
function sampledMs(events: readonly TraceEvent[], isOurs: (url: string) => boolean): number {
  const profiles = new Map<string, SampledProfile>();
  for (const event of events) {
    if (event.name !== 'ProfileChunk') continue;
    const data = (event.args?.data ?? {}) as {
      cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] };
      timeDeltas?: number[];
    };
    const profileKey = `${event.pid}:${event.id ?? ''}`;
    const profile: SampledProfile = profiles.get(profileKey) ?? { nodes: new Map(), samples: [], deltas: [] };
    profiles.set(profileKey, profile);
    for (const node of data.cpuProfile?.nodes ?? []) profile.nodes.set(node.id, node);
    profile.samples.push(...(data.cpuProfile?.samples ?? []));
    profile.deltas.push(...(data.timeDeltas ?? []));
  }
  let total = 0;
  for (const { nodes, samples, deltas } of profiles.values()) {
    const memo = new Map<number, boolean>();
    const inScript = (id: number | undefined): boolean => {
      if (id === undefined) return false;
      const known = memo.get(id);
      if (known !== undefined) return known;
      const node = nodes.get(id);
      const url = node?.callFrame?.url;
      const answer = (url !== undefined && isOurs(url)) || inScript(node?.parent);
      memo.set(id, answer);
      return answer;
    };
    // A sample stands for the time until the next one (timeDeltas[i] is the gap before sample i).
    samples.forEach((id, i) => {
      if (inScript(id)) total += deltas[i + 1] ?? 0;
    });
  }
  return total / 1000;
}

/**
 * Busy time of the main thread that rendered `pageUrl` (the one whose events name it): the union of its
 * top-level tasks. With and without the extension, the difference is a cross-check of the attribution that
 * needs no URL (but carries the noise of the whole page's work: tens of ms on a page this size).
 */
export function rendererMainMs(events: readonly TraceEvent[], pageUrl: string): number {
  // ParseHTML names the page when the trace saw the load; else the page's own script calls do.
  const parsed = (e: TraceEvent) => {
    const url = e.name === 'ParseHTML' ? (e.args?.beginData as { url?: unknown } | undefined)?.url : urlOf(e);
    return typeof url === 'string' && url.startsWith(pageUrl);
  };
  const threads = new Set(events.filter(parsed).map(key));
  const tasks = (e: TraceEvent) =>
    threads.has(key(e)) && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask');
  return unionMs(intervals(events, tasks));
}

/** Trace timestamps (µs) of `console.timeStamp(label…)` calls, for marks the page sets. */
export function timeStamps(events: readonly TraceEvent[], labelPrefix: string): number[] {
  return events
    .filter((e) => e.name === 'TimeStamp')
    .filter((e) => {
      const data = (e.args?.data ?? {}) as { message?: unknown; name?: unknown };
      const label = typeof data.message === 'string' ? data.message : data.name;
      return typeof label === 'string' && label.startsWith(labelPrefix);
    })
    .map((e) => e.ts);
}

/** Trace timestamps (µs) at which events attributed to `scriptUrl` start. */
export function scriptEventStarts(events: readonly TraceEvent[], scriptUrl: string): number[] {
  return events.filter((e) => urlOf(e)?.startsWith(scriptUrl) === true).map((e) => e.ts);
}
