import type { Page } from 'puppeteer-core';

/**
 * The raw WebDriver BiDi commands the Firefox tests need, which puppeteer does not wrap:
 * - `browsingContext.navigate` to moz-extension:// URLs: puppeteer's `page.goto` never resolves for them
 *   (TOOLCHAIN.md), while BiDi's own command with `wait: 'complete'` does;
 * - `script.evaluate` in Firefox's own (chrome) window, which `--remote-allow-system-access` allows: the one
 *   way to reach what about:debugging does, such as stopping an add-on's background page.
 * puppeteer does not type its BiDi connection publicly, so the two internals used are checked at run time.
 */
interface BidiConnection {
  send(method: string, params: Record<string, unknown>): Promise<unknown>;
}

function connectionOf(page: Page): BidiConnection {
  const connection = (page.browser() as unknown as { connection?: BidiConnection }).connection;
  if (typeof connection?.send !== 'function') {
    throw new Error('puppeteer-core no longer exposes its BiDi connection (Browser.connection)');
  }
  return connection;
}

export async function navigate(page: Page, url: string): Promise<void> {
  const context = (page.mainFrame() as unknown as { _id?: unknown })._id;
  if (typeof context !== 'string')
    throw new Error('puppeteer-core no longer exposes the browsing context id');
  await connectionOf(page).send('browsingContext.navigate', { context, url, wait: 'complete' });
}

/** Runs `expression` (privileged JavaScript) in the browser window's chrome context; answers a string. */
export async function evaluateInChrome(page: Page, expression: string): Promise<string> {
  const connection = connectionOf(page);
  const tree = (await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' })) as {
    result?: { contexts?: { context: string }[] };
    contexts?: { context: string }[];
  };
  const context = (tree.result ?? tree).contexts?.[0]?.context;
  if (context === undefined)
    throw new Error('no chrome browsing context: is --remote-allow-system-access set?');
  const answer = (await connection.send('script.evaluate', {
    expression,
    target: { context },
    awaitPromise: true,
  })) as { result?: EvaluateResult } & EvaluateResult;
  const outcome = answer.result ?? answer;
  if (outcome.type !== 'success' || outcome.result?.type !== 'string') {
    throw new Error(`chrome-context evaluation failed: ${JSON.stringify(outcome).slice(0, 500)}`);
  }
  return outcome.result.value;
}

interface EvaluateResult {
  type?: string;
  result?: { type: string; value: string };
}
