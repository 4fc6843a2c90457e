import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { median, type Benchmark, type Figure } from '../harness/types';
import { measureFill } from './content-fill';
import {
  benchExtension,
  launchTraced,
  PAGE_PROBE,
  readAndSearch,
  type LoadCost,
  type TracedBrowser,
} from './content-load';
import { startBenchSite } from './content-pages';

/**
 * The always-on content script's budgets (issue 6, DESIGN §7), measured on the BUILT Chrome extension
 * (`npm run build` first; LATCHKEY_BENCH_EXTENSION_DIR=<copy of .output/chrome-mv3> measures a snapshot) in
 * real Chromium. Method: content-trace.ts (Chrome traces; the events that name the script's URL, merged).
 *
 *   content.size.kb      .output/chrome-mv3/content.js as shipped (minified), KB; gzip beside: the always-on
 *                        loader, which every frame of every page compiles and runs.
 *   content.agent.kb     .output/chrome-mv3/autofill-agent.js, the agent the loader imports on the first focus of
 *                        a possible login field or push from our background (not a budget of its own).
 *   content.idle.ms      the script's main-thread time on a ~20,000-element page with no login form
 *                        (content-pages.ts /large), over its load + ~3.5 s of reading: scrolling, clicks, typing
 *                        in the search box (content-load.ts readAndSearch); the loader's and the agent's, had it
 *                        loaded (content-load.ts contentScripts). Median of 5 loads. Beside it: what
 *                        it is made of (first run), the samples attribution of 2 more loads with the V8
 *                        sampler, and the page's renderer busy time with and without the extension (a check
 *                        that needs no attribution, but ±tens of ms of noise on ~1 s of page work).
 *   content.mutation.ms  the same per second, traced for 5 s after the load of a page that mutates its DOM
 *                        ~1000 times a second (/mutating); median of 3 loads.
 *   content.fill.ms      the fill shortcut (Alt+Shift+L) pressed (xdotool, headed Chromium on Xvfb) → the password field's input
 *                        event, signed in and unlocked, one matching login; median of 10 (content-fill.ts),
 *                        and content.fill.in-page.ms: the fill message's arrival → the last input event.
 *
 * LATCHKEY_BENCH_TRACE_DIR=<dir> keeps the traces of idle and mutation loads (DevTools or Perfetto opens them).
 */
const LOADS = 5;
const SAMPLED_LOADS = 2;
const MUTATION_LOADS = 3;
const MUTATION_SECONDS = 5;

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

interface Costs {
  /** Traced loads with the extension: the figure. */
  own: LoadCost[];
  /** The same page without the extension: the renderer-busy cross-check. */
  baseline: LoadCost[];
  /** Loads traced with the V8 sampler too: the samples attribution (it slows what it samples). */
  sampled: LoadCost[];
}

/** Runs `visit` in both browsers, alternating, so the machine's load drifts over both alike. */
async function measureLoads(
  runs: number,
  visit: (browser: TracedBrowser, sampling: boolean) => Promise<LoadCost>,
): Promise<Costs> {
  const withExtension = await launchTraced(true);
  const without = await launchTraced(false);
  try {
    const costs: Costs = { own: [], baseline: [], sampled: [] };
    for (let run = 0; run < runs; run++) {
      costs.own.push(await visit(withExtension, false));
      costs.baseline.push(await visit(without, false));
      if (run < SAMPLED_LOADS) costs.sampled.push(await visit(withExtension, true));
    }
    return costs;
  } finally {
    await withExtension.close();
    await without.close();
  }
}

function costFigure(name: string, { own, baseline, sampled }: Costs, perSecond: boolean): Figure {
  const scale = (cost: LoadCost) => (perSecond ? 1 / cost.tracedSeconds : 1);
  const list = (costs: LoadCost[], pick: (cost: LoadCost) => number) =>
    costs.map((cost) => round(pick(cost) * scale(cost), 3));
  const values = list(own, (cost) => cost.eventsMs);
  const busy = (costs: LoadCost[]) => round(median(list(costs, (cost) => cost.rendererMainMs)), 1);
  const byEvent = Object.fromEntries(
    Object.entries(own[0]?.byEvent ?? {}).map(([event, { count, ms }]) => [
      event,
      { count, ms: round(ms * scale(own[0]!), 3) },
    ]),
  );
  return {
    name,
    value: round(median(values)),
    unit: perSecond ? 'ms/s' : 'ms',
    runs: values.length,
    min: round(Math.min(...values)),
    max: round(Math.max(...values)),
    all: values,
    // The two parts, medians: the script's own start (compile + top-level run, once per frame) and the
    // callbacks the page's events, timers and messages invoked later (summed: a nested call would count twice).
    startMs: round(median(list(own, (cost) => cost.byEvent.EvaluateScript?.ms ?? 0)), 3),
    callbacksMs: round(median(list(own, (cost) => cost.byEvent.FunctionCall?.ms ?? 0)), 3),
    firstRunByEvent: byEvent,
    sampledRuns: { eventsMs: list(sampled, (c) => c.eventsMs), samplesMs: list(sampled, (c) => c.samplesMs) },
    pageBusyWithExtensionMs: busy(own),
    pageBusyWithoutExtensionMs: busy(baseline),
    page: own[0]?.page ?? {},
    ...(perSecond ? {} : { budget: 1 }),
  };
}

async function sizeFigure(name: string, file: string, budget?: number): Promise<Figure> {
  const code = await readFile(join(benchExtension(), file));
  return {
    name,
    value: round(code.length / 1024, 1),
    unit: 'KB',
    bytes: code.length,
    gzipKb: round(gzipSync(code, { level: 9 }).length / 1024, 1),
    ...(budget === undefined ? {} : { budget }),
  };
}

export const benchmarks: Benchmark[] = [
  { name: 'content.size.kb', run: () => sizeFigure('content.size.kb', 'content.js', 30) },
  { name: 'content.agent.kb', run: () => sizeFigure('content.agent.kb', 'autofill-agent.js') },
  {
    name: 'content.idle.ms',
    async run() {
      const site = await startBenchSite();
      try {
        const costs = await measureLoads(LOADS, (browser, sampling) =>
          browser.visit(site.origin, {
            sampling,
            path: '/large',
            traceAfterLoad: false,
            settleMs: 0,
            act: readAndSearch,
            probe: PAGE_PROBE,
          }),
        );
        return costFigure('content.idle.ms', costs, false);
      } finally {
        await site.close();
      }
    },
  },
  {
    name: 'content.mutation.ms',
    async run() {
      const site = await startBenchSite();
      try {
        const costs = await measureLoads(MUTATION_LOADS, (browser, sampling) =>
          browser.visit(site.origin, {
            sampling,
            path: '/mutating',
            traceAfterLoad: true,
            settleMs: 1_000,
            act: async (page) => {
              await page.click('#q');
              await page.waitForTimeout(MUTATION_SECONDS * 1000);
            },
            probe: PAGE_PROBE,
          }),
        );
        return costFigure('content.mutation.ms', costs, true);
      } finally {
        await site.close();
      }
    },
  },
  {
    name: 'content.fill.ms',
    run: measureFill,
  },
];
