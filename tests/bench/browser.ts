/**
 * Part 3 — in the browser: Debian's Chromium with the built extension (tests/browser/harness.ts),
 * a seed article served on localhost.
 *
 * - Time to marks: from the content script's start to its marks drawn (the page state it reports to
 *   the extension: startedAt / markedAt), each load under a new URL so it is analysed, not answered
 *   from the background's report cache. Also from DOMContentLoaded to the first animation frame with
 *   our highlights (a main-world probe), which adds the wait for document_idle.
 * - Background cold start: the service worker stopped (CDP ServiceWorker.stopAllWorkers), then the
 *   same page loaded; cold start = time to marks (cold) − time to marks (warm), medians. Twice: on the
 *   page as served (ready at once, the worst case) and on the same page held up by a slow script for
 *   SLOW_SCRIPT_MS, as real news pages are, which gives the woken worker time to prime its engine.
 *   Also the worker's own timeline (performance marks the background sets): from its start to its index
 *   loaded, and how long its first analysis took against a warm one.
 * - Background heap: usedJSHeapSize of the service worker after it has analysed the page (CDP
 *   Runtime.getHeapUsage on the worker target), when the browser lets us reach it.
 * - Firefox ESR (the browser tests' driver): time to marks warm and the cold start on both pages, its
 *   event page suspended between cold loads by a one-second idle timeout.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { CDPSession, Page, Worker } from 'playwright-core';
import { median, summarize, type Timing } from './stats';
import { repoRoot } from './pages';
import { TIMING } from '../../lib/extension/timing';

export interface BrowserFigure {
  name: string;
  timing: Timing | null;
  value: string | null;
  budget: string;
  met: boolean | null;
}

export type BrowserReport =
  | { measured: false; reason: string }
  | { measured: true; figures: BrowserFigure[]; notes: string[]; raw: Record<string, number[] | number | null> };

const CHROMIUM = '/usr/bin/chromium';
const FIREFOX = '/usr/bin/firefox-esr';
const WARM_RUNS = 10;
const COLD_RUNS = 5;
/** How long the slow page's blocking script takes to arrive. */
const SLOW_SCRIPT_MS = 500;

/**
 * Main-world probe: DOMContentLoaded time and the first frame with our highlights. A string, not a
 * function: tsx (esbuild keepNames) would wrap a function's inner closures in a `__name` helper the
 * page does not have.
 */
const PROBE = `(() => {
  const probe = { dcl: -1, marksAt: -1 };
  Object.defineProperty(window, '__bench', { value: probe });
  document.addEventListener('DOMContentLoaded', () => {
    probe.dcl = performance.now();
    const poll = () => {
      if (CSS.highlights.size > 0) probe.marksAt = performance.now();
      else requestAnimationFrame(poll);
    };
    poll();
  });
})();`;

interface Probe {
  dcl: number;
  marksAt: number;
}

let loads = 0;

/**
 * Load the page and wait for the marks. Every load has its own URL (?load=n; the server ignores the
 * query) so the background's report cache, keyed by URL, never answers: each load is analysed.
 */
async function timeToMarks(page: Page, url: string, scriptTiming: () => Promise<number>): Promise<{ fromDcl: number; fromStart: number; fromScript: number }> {
  await page.goto(`${url}?load=${++loads}`);
  await page.waitForFunction('window.__bench.marksAt >= 0', undefined, { timeout: 30_000 });
  const probe = (await page.evaluate('({ ...window.__bench })')) as Probe;
  return { fromDcl: probe.marksAt - probe.dcl, fromStart: probe.marksAt, fromScript: await scriptTiming() };
}

/**
 * The content script's own account of the load: from its start to its marks drawn (PageState
 * startedAt / markedAt), asked from the service worker once the marks are there, outside the timing.
 */
function scriptTimingOf(worker: () => Promise<Worker>, tabId: number): () => Promise<number> {
  return async () => {
    const state = (await (await worker()).evaluate(async (id) => {
      const { chrome } = globalThis as unknown as { chrome: { tabs: { sendMessage(id: number, message: unknown): Promise<unknown> } } };
      return chrome.tabs.sendMessage(id, { id: 1, type: 'getPageState', data: undefined, timestamp: Date.now() });
    }, tabId)) as { res?: { status: string; startedAt?: number; markedAt?: number } };
    const res = state.res;
    if (res?.status !== 'ready' || res.startedAt === undefined || res.markedAt === undefined) throw new Error(`page state: ${JSON.stringify(res)}`);
    return res.markedAt - res.startedAt;
  };
}

/**
 * The worker's own timeline (entrypoints/background.ts marks it): when its index was loaded, in ms
 * from the worker's start, and how long its latest analysis took. A string, as PROBE is.
 */
async function workerTimeline(worker: Worker): Promise<{ indexReady: number; analysis: number }> {
  const timeline = (await worker.evaluate(`({
    indexReady: performance.getEntriesByName(${JSON.stringify(TIMING.indexReady)})[0]?.startTime ?? -1,
    analysis: performance.getEntriesByName(${JSON.stringify(TIMING.analysis)})[0]?.duration ?? -1,
  })`)) as { indexReady: number; analysis: number };
  if (timeline.indexReady < 0 || timeline.analysis < 0) throw new Error(`the worker's timeline has no marks: ${JSON.stringify(timeline)}`);
  return timeline;
}

/** The service worker's used JS heap after a GC, through a non-flattened CDP session on its target. */
async function workerHeap(cdp: CDPSession): Promise<number | null> {
  try {
    const { targetInfos } = await cdp.send('Target.getTargets');
    const sw = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'));
    if (!sw) return null;
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: sw.targetId, flatten: false });
    const pending = new Map<number, (result: unknown) => void>();
    cdp.on('Target.receivedMessageFromTarget', (event) => {
      const message = JSON.parse(event.message) as { id?: number; result?: unknown };
      if (message.id !== undefined) pending.get(message.id)?.(message.result);
    });
    let id = 0;
    const call = (method: string): Promise<unknown> =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${method} timed out`)), 5000);
        pending.set(++id, (result) => (clearTimeout(timer), resolve(result)));
        void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) });
      });
    await call('HeapProfiler.collectGarbage');
    const usage = (await call('Runtime.getHeapUsage')) as { usedSize?: number } | undefined;
    await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
    return usage?.usedSize ?? null;
  } catch {
    return null;
  }
}

export async function runBrowser(log: (line: string) => void): Promise<BrowserReport> {
  if (!existsSync(CHROMIUM)) return { measured: false, reason: `${CHROMIUM} is missing` };
  if (!existsSync(path.join(repoRoot, '.output/chrome-mv3/manifest.json'))) return { measured: false, reason: 'the extension is not built (npm run build)' };
  let harness: typeof import('../browser/harness');
  let pages: typeof import('../browser/pages');
  try {
    harness = await import('../browser/harness');
    pages = await import('../browser/pages');
  } catch (error) {
    return { measured: false, reason: `tests/browser harness unavailable: ${(error as Error).message}` };
  }
  let server: Awaited<ReturnType<typeof harness.serve>> | undefined;
  let browser: Awaited<ReturnType<typeof harness.launch>> | undefined;
  try {
    const headline = pages.SEED_000_HEADLINE;
    server = await harness.serve(
      new Map([
        ['/news/trump-putin-summit', pages.seedPage('000', { headline })],
        ['/news/trump-putin-summit-slow', pages.seedPage('000', { headline, headScript: '/slow.js' })],
        ['/slow.js', '// held up by the server'],
      ]),
      new Map([['/slow.js', SLOW_SCRIPT_MS]]),
    );
    browser = await harness.launch();
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.addInitScript(PROBE);
    const url = `${server.origin}/news/trump-putin-summit`;
    const slowUrl = `${url}-slow`;

    log('  browser: first load, then warm loads…');
    await page.goto(url);
    const scriptTiming = scriptTimingOf(() => harness.serviceWorker(browser!), await harness.tabIdOf(browser, page));
    const first = await timeToMarks(page, url, scriptTiming);
    const warm: number[] = [];
    const warmFromStart: number[] = [];
    const warmFromScript: number[] = [];
    for (let i = 0; i < WARM_RUNS; i++) {
      const t = await timeToMarks(page, url, scriptTiming);
      warm.push(t.fromDcl);
      warmFromStart.push(t.fromStart);
      warmFromScript.push(t.fromScript);
    }

    const cdp = await browser.context.newCDPSession(page);
    const heap = await workerHeap(cdp);
    const warmAnalysis = (await workerTimeline(await harness.serviceWorker(browser))).analysis;

    log('  browser: slow page, warm loads…');
    const slowWarmFromScript: number[] = [];
    for (let i = 0; i < COLD_RUNS; i++) slowWarmFromScript.push((await timeToMarks(page, slowUrl, scriptTiming)).fromScript);

    log('  browser: cold service worker loads…');
    const cold: number[] = [];
    const coldFromScript: number[] = [];
    const slowColdFromScript: number[] = [];
    const coldIndexReady: number[] = [];
    const coldAnalysis: number[] = [];
    let coldOk = true;
    try {
      await cdp.send('ServiceWorker.enable');
      const coldLoad = async (at: string) => {
        await cdp.send('ServiceWorker.stopAllWorkers');
        await harness.sleep(200);
        const t = await timeToMarks(page, at, scriptTiming);
        return { ...t, ...(await workerTimeline(await harness.serviceWorker(browser!))) };
      };
      for (let i = 0; i < COLD_RUNS; i++) {
        const t = await coldLoad(url);
        cold.push(t.fromDcl);
        coldFromScript.push(t.fromScript);
        coldIndexReady.push(t.indexReady);
        coldAnalysis.push(t.analysis);
        slowColdFromScript.push((await coldLoad(slowUrl)).fromScript);
      }
    } catch (error) {
      coldOk = false;
      log(`  browser: cold start not measured (${(error as Error).message.split('\n')[0]})`);
    }

    const warmT = summarize(warm);
    const scriptT = summarize(warmFromScript);
    const coldStart = coldOk ? summarize(coldFromScript.map((c) => c - scriptT.median)) : null;
    const slowWarm = median(slowWarmFromScript);
    const slowColdStart = coldOk ? summarize(slowColdFromScript.map((c) => c - slowWarm)) : null;
    log('  browser: Firefox…');
    const firefox = await firefoxFigures(server.origin, url, slowUrl);
    const figures: BrowserFigure[] = [
      { name: 'time to marks, warm (content script start → marks drawn)', timing: scriptT, value: null, budget: '≤ 150 ms', met: scriptT.median <= 150 },
      { name: 'time to marks, warm (DOMContentLoaded → marks drawn)', timing: warmT, value: null, budget: '–', met: null },
      { name: 'time to marks from navigation start, warm', timing: summarize(warmFromStart), value: null, budget: '–', met: null },
      { name: 'time to marks, first load after launch', timing: null, value: `${first.fromDcl.toFixed(0)} ms`, budget: '–', met: null },
      {
        name: 'background cold start (cold − warm, from the content script start)',
        timing: coldStart,
        value: coldStart ? null : 'not measured',
        budget: '≤ 100 ms',
        met: coldStart ? coldStart.median <= 100 : null,
      },
      {
        name: 'background cold start, in the worker: from its start to the index loaded',
        timing: coldOk ? summarize(coldIndexReady) : null,
        value: coldOk ? null : 'not measured',
        budget: '≤ 100 ms',
        met: coldOk ? median(coldIndexReady) <= 100 : null,
      },
      {
        name: 'analysis in the worker: first in a woken worker / warm',
        timing: null,
        value: coldOk ? `${median(coldAnalysis).toFixed(0)} ms / ${warmAnalysis.toFixed(0)} ms` : 'not measured',
        budget: '–',
        met: null,
      },
      {
        name: `background cold start, page held up ${SLOW_SCRIPT_MS} ms by a slow script (cold − warm)`,
        timing: slowColdStart,
        value: slowColdStart ? null : 'not measured',
        budget: '≤ 100 ms',
        met: slowColdStart ? slowColdStart.median <= 100 : null,
      },
      {
        name: 'background heap (bundled corpus, after analysing)',
        timing: null,
        value: heap === null ? 'not measured (worker heap unreachable over CDP)' : `${(heap / 2 ** 20).toFixed(1)} MB`,
        budget: '≤ 20 MB',
        met: heap === null ? null : heap <= 20 * 2 ** 20,
      },
      ...firefox,
    ];
    return {
      measured: true,
      figures,
      notes: [
        `Warm: ${WARM_RUNS} loads of the seed-000 page after one first load; cold: ${COLD_RUNS} loads each after stopping the service worker.`,
        `The slow page is the same page with a blocking script the server holds for ${SLOW_SCRIPT_MS} ms (${COLD_RUNS} warm and ${COLD_RUNS} cold loads): a worker woken as the page starts loading loads the index and warms the engine meanwhile.`,
        'The content script runs at document_idle, which Chromium may put well after DOMContentLoaded; its own start and marks times come from its page state.',
      ],
      raw: { warm, warmFromScript, cold, coldFromScript, coldIndexReady, coldAnalysis, warmAnalysis, slowWarmFromScript, slowColdFromScript, first: first.fromDcl, heap, coldMedian: cold.length ? median(cold) : null },
    };
  } catch (error) {
    return { measured: false, reason: (error as Error).message.split('\n')[0] ?? String(error) };
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.close().catch(() => undefined);
  }
}

/** Firefox: warm time to marks, and the cold start on the page ready at once and on the slow page. */
async function firefoxFigures(origin: string, url: string, slowUrl: string): Promise<BrowserFigure[]> {
  const notMeasured = (reason: string): BrowserFigure[] => [
    { name: 'Firefox: time to marks, warm (content script start → marks drawn)', timing: null, value: `not measured (${reason})`, budget: '≤ 150 ms', met: null },
  ];
  if (!existsSync(FIREFOX)) return notMeasured(`${FIREFOX} is missing`);
  if (!existsSync(path.join(repoRoot, '.output/firefox-mv3/manifest.json'))) return notMeasured('the Firefox build is missing');
  const { launchFirefox } = await import('../browser/firefox');
  const { pageState } = await import('../browser/driver');
  let driver: Awaited<ReturnType<typeof launchFirefox>> | undefined;
  try {
    driver = await launchFirefox({ allowedOrigin: origin, restartableBackground: true });
    const page = await driver.newPage();
    await page.goto(`${url}?load=${++loads}`);
    const tabId = await driver.tabIdOf(page);
    const d = driver;
    const load = async (at: string): Promise<number> => {
      await page.goto(`${at}?load=${++loads}`);
      await page.waitForFunction(() => CSS.highlights.size > 0, undefined, 30_000);
      const state = await pageState(d, tabId);
      if (state?.startedAt === undefined || state.markedAt === undefined) throw new Error(`page state: ${JSON.stringify(state)}`);
      return state.markedAt - state.startedAt;
    };
    const series = async (n: number, at: string, cold: boolean): Promise<number[]> => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) {
        if (cold) await d.stopBackground();
        out.push(await load(at));
      }
      return out;
    };
    const startsBefore = await d.backgroundStarts();
    const warm = await series(WARM_RUNS, url, false);
    const slowWarm = await series(COLD_RUNS, slowUrl, false);
    // The idle timeout is short: a warm load must not have found the background suspended.
    const restarts = (await d.backgroundStarts()) - startsBefore;
    if (restarts > 0) throw new Error(`the background restarted ${restarts} times during the warm loads`);
    const cold = await series(COLD_RUNS, url, true);
    const slowCold = await series(COLD_RUNS, slowUrl, true);
    const warmT = summarize(warm);
    const coldStart = summarize(cold.map((x) => x - warmT.median));
    const slowColdStart = summarize(slowCold.map((x) => x - median(slowWarm)));
    return [
      { name: 'Firefox: time to marks, warm (content script start → marks drawn)', timing: warmT, value: null, budget: '≤ 150 ms', met: warmT.median <= 150 },
      { name: 'Firefox: background cold start (cold − warm)', timing: coldStart, value: null, budget: '≤ 100 ms', met: coldStart.median <= 100 },
      {
        name: `Firefox: background cold start, page held up ${SLOW_SCRIPT_MS} ms`,
        timing: slowColdStart,
        value: null,
        budget: '≤ 100 ms',
        met: slowColdStart.median <= 100,
      },
    ];
  } catch (error) {
    return notMeasured((error as Error).message.split('\n')[0] ?? String(error));
  } finally {
    await driver?.close().catch(() => undefined);
  }
}
