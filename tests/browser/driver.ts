/**
 * The small interface the browser scenarios drive, so one scenario file runs in Chromium
 * (playwright-core, ./chromium.ts) and in Firefox ESR (puppeteer-core over WebDriver BiDi,
 * ./firefox.ts). Everything a scenario does to a browser goes through here; the differences
 * between the two automation stacks and the two browsers' extension hosting live in those two files.
 *
 * Element queries (text, count, visibility, boxes) are answered inside the page by one shared
 * function, so both browsers read the DOM the same way; `a >>> b` looks for `b` inside the open
 * shadow root of `a` (our tooltip lives in one).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { launchChromium } from './chromium';
import { launchFirefox } from './firefox';

export type BrowserName = 'chromium' | 'firefox';

/** Both browsers, in the order the tests run them. */
export const BROWSERS: BrowserName[] = ['chromium', 'firefox'];

export interface LaunchOptions {
  /** The local test server: requests to anything else are refused. */
  allowedOrigin: string;
  /** Firefox: suspend the background after a second idle, so that stopBackground can wait for it. */
  restartableBackground?: boolean;
}

/** Launches each browser with the built extension loaded. */
export const LAUNCH: Record<BrowserName, (options: LaunchOptions) => Promise<Driver>> = {
  chromium: launchChromium,
  firefox: launchFirefox,
};

export interface PageWatch {
  consoleErrors: string[];
  pageErrors: string[];
  /** Every request the page made (http(s), and the page itself). */
  requests: string[];
}

export interface DriverPage {
  /** Console errors, uncaught errors and requests, recorded from the moment the page was opened. */
  readonly watch: PageWatch;
  /** Navigate and wait for the load event. */
  goto(url: string): Promise<void>;
  /** The document's current address (asked from the page: BiDi does not report extension URLs). */
  url(): Promise<string>;
  /** Run `fn` in the page's main world before any of its scripts, on every navigation from now on. */
  addInitScript(fn: () => void): Promise<void>;
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** Run a script's source in the page's main world, as the automation protocol does (no page CSP applies). */
  evaluateScript(source: string): Promise<void>;
  /**
   * prefers-color-scheme as the page sees it. Chromium only: Firefox over WebDriver BiDi has no
   * emulation of media features, and this throws there.
   */
  emulateColorScheme(scheme: 'light' | 'dark'): Promise<void>;
  waitForFunction<A>(fn: (arg: A) => unknown, arg: A, timeout?: number): Promise<void>;
  screenshot(file: string, options?: { fullPage?: boolean }): Promise<void>;
  setViewport(width: number, height: number): Promise<void>;
  bringToFront(): Promise<void>;
  mouseMove(x: number, y: number, steps?: number): Promise<void>;
  mouseClick(x: number, y: number): Promise<void>;
  /** A key or a chord: 'Escape', 'Alt+Shift+N'. */
  press(keys: string): Promise<void>;
  /** Real input on an element (scrolled into view, clicked with the mouse). */
  click(selector: string): Promise<void>;
  focus(selector: string): Promise<void>;
  /** Set an input's value as typing would (input and change events). */
  fill(selector: string, value: string): Promise<void>;
  setChecked(selector: string, checked: boolean): Promise<void>;
  close(): Promise<void>;
}

export interface Driver {
  readonly name: BrowserName;
  /** The build under test. */
  readonly extensionDir: string;
  /** Requests of any page to anything but the local test server (refused before they leave). */
  readonly externalRequests: string[];
  /** The tab the scenarios start in (open from launch; Firefox: not the startup tab, see firefox.ts). */
  firstPage(): Promise<DriverPage>;
  newPage(): Promise<DriverPage>;
  /** Open one of the extension's own pages in a new tab, e.g. '/options.html' (watched from the start). */
  openExtensionPage(pathAndQuery: string): Promise<DriverPage>;
  /** The id the extension sees for a page's tab. */
  tabIdOf(page: DriverPage): Promise<number>;
  /**
   * Run `fn` in a context of the extension with its full API (Chromium: the service worker;
   * Firefox: an extension page). Inside, use `globalThis.browser ?? globalThis.chrome`.
   */
  inExtension<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** `runtime.reload()`, and wait until the extension runs again. */
  reloadExtension(): Promise<void>;
  /**
   * Stop the background as the browser does when it is idle; the next event starts it again. Chromium
   * stops its service worker at once; Firefox's event page is left idle until its timeout suspends it,
   * which needs `restartableBackground` at launch.
   */
  stopBackground(): Promise<void>;
  /** A number that grows each time the background starts again. */
  backgroundStarts(): Promise<number>;
  close(): Promise<void>;
}

/** The popup as a page for a given tab (a popup opened as a tab would otherwise pick itself). */
export function openPopup(driver: Driver, tabId: number): Promise<DriverPage> {
  return driver.openExtensionPage(`/popup.html?tab=${tabId}`).then(async (popup) => {
    await popup.setViewport(440, 640);
    return popup;
  });
}

/** The extension API as the tests use it in `Driver.inExtension`. */
export interface ExtensionApi {
  tabs: {
    query(query: { active?: boolean; lastFocusedWindow?: boolean }): Promise<{ id?: number; url?: string }[]>;
    sendMessage(tabId: number, message: unknown): Promise<unknown>;
    create(options: { url: string; active?: boolean }): Promise<{ id?: number }>;
    update(tabId: number, options: { url?: string; active?: boolean }): Promise<unknown>;
  };
  action: { getBadgeText(details: { tabId: number }): Promise<string> };
  runtime: { reload(): void; getURL(path: string): string; id: string };
}

/** The content script's state for a tab, asked from the extension (same wire format as the popup). */
export async function pageState(
  driver: Driver,
  tabId: number,
): Promise<{ status: string; sentences: number; anchored: number; startedAt?: number; markedAt?: number }> {
  const response = await driver.inExtension((id) => {
    const g = globalThis as unknown as { browser?: ExtensionApi; chrome: ExtensionApi };
    return (g.browser ?? g.chrome).tabs.sendMessage(id, { id: 1, type: 'getPageState', data: undefined, timestamp: Date.now() });
  }, tabId);
  return (response as { res: { status: string; sentences: number; anchored: number; startedAt?: number; markedAt?: number } }).res;
}

export async function badgeText(driver: Driver, tabId: number): Promise<string> {
  return driver.inExtension((id) => {
    const g = globalThis as unknown as { browser?: ExtensionApi; chrome: ExtensionApi };
    return (g.browser ?? g.chrome).action.getBadgeText({ tabId: id });
  }, tabId);
}

// ---- element queries, answered in the page (shared by both drivers)

interface ElementInfo {
  count: number;
  text: string | null;
  visible: boolean;
  box: { x: number; y: number; width: number; height: number } | null;
  attribute: string | null;
}

/** Count, innerText, visibility, box and one attribute of the elements matching a (deep) selector. */
function inspect(page: DriverPage, selector: string, attribute?: string): Promise<ElementInfo> {
  return page.evaluate(
    ({ selector, attribute }) => {
      let scopes: (Document | ShadowRoot)[] = [document];
      const parts = selector.split('>>>').map((s) => s.trim());
      let found: Element[] = [];
      parts.forEach((part, i) => {
        found = scopes.flatMap((scope) => [...scope.querySelectorAll(part)]);
        if (i < parts.length - 1) scopes = found.map((e) => e.shadowRoot).filter((r): r is ShadowRoot => r !== null);
      });
      const first = found[0] as HTMLElement | undefined;
      if (!first) return { count: 0, text: null, visible: false, box: null, attribute: null };
      const rect = first.getBoundingClientRect();
      const style = getComputedStyle(first);
      return {
        count: found.length,
        text: first.innerText,
        visible: rect.width > 0 && rect.height > 0 && style.visibility !== 'hidden',
        box: { x: rect.x, y: rect.y, width: rect.width, height: rect.height },
        attribute: attribute ? first.getAttribute(attribute) : null,
      };
    },
    { selector, attribute },
  );
}

export async function count(page: DriverPage, selector: string): Promise<number> {
  return (await inspect(page, selector)).count;
}

/** innerText of the first match; fails when nothing matches. */
export async function text(page: DriverPage, selector: string): Promise<string> {
  const info = await inspect(page, selector);
  if (info.text === null) throw new Error(`no element matches ${selector}`);
  return info.text;
}

export async function attribute(page: DriverPage, selector: string, name: string): Promise<string | null> {
  return (await inspect(page, selector, name)).attribute;
}

export async function isVisible(page: DriverPage, selector: string): Promise<boolean> {
  return (await inspect(page, selector)).visible;
}

export async function boxOf(page: DriverPage, selector: string): Promise<{ x: number; y: number; width: number; height: number }> {
  const info = await inspect(page, selector);
  if (!info.box) throw new Error(`no element matches ${selector}`);
  return info.box;
}

/** Wait until the first match is visible, or until nothing matches ('detached'). */
export async function waitFor(page: DriverPage, selector: string, state: 'visible' | 'detached', timeout = 5_000): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const info = await inspect(page, selector);
    if (state === 'visible' ? info.visible : info.count === 0) return;
    if (Date.now() > deadline) throw new Error(`${selector} did not become ${state} within ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's accessibility violations (all its rules: WCAG 2 A/AA and best practices) in the page, or
 * only inside the open shadow root of `host`; one line per element: "rule (impact): where".
 */
export async function axeViolations(page: DriverPage, host?: string): Promise<string[]> {
  await page.evaluateScript(AXE_SOURCE);
  return page.evaluate(async (host) => {
    type Result = { violations: { id: string; impact: string; nodes: { target: string[][] | string[] }[] }[] };
    const axe = (window as unknown as { axe: { run(context: unknown): Promise<Result> } }).axe;
    const { violations } = await axe.run(host ? { include: [[host]] } : document);
    return violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.flat().join(' ')}`));
  }, host);
}

/** The test id attribute the views carry. */
export const testId = (id: string): string => `[data-testid="${id}"]`;

/** Wait until the popup has settled on a state other than loading/analysing; returns it. */
export async function popupState(popup: DriverPage, timeout = 30_000): Promise<string> {
  await popup.waitForFunction(
    () => {
      const state = document.querySelector('.cb-popup')?.getAttribute('data-state');
      return state && state !== 'loading' && state !== 'analysing';
    },
    undefined,
    timeout,
  );
  return (await attribute(popup, '.cb-popup', 'data-state')) ?? '';
}

/** The text of each of our highlights' ranges, in document order, read from the page's main world. */
export async function highlightTexts(page: DriverPage): Promise<Record<string, string[]>> {
  return page.evaluate(() => {
    const out: Record<string, string[]> = {};
    for (const name of ['corroborate-corroborated', 'corroborate-single-source', 'corroborate-conflict', 'corroborate-active', 'corroborate-flash']) {
      const highlight = CSS.highlights.get(name);
      if (!highlight) continue;
      const ranges = [...(highlight as unknown as Set<Range>)];
      ranges.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
      out[name] = ranges.map((r) => r.toString());
    }
    return out;
  });
}
