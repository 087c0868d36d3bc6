/**
 * The Driver for Firefox ESR: puppeteer-core over WebDriver BiDi, the extension installed as a
 * temporary add-on (`browser.installExtension`).
 *
 * Firefox refuses to navigate a tab to moz-extension:// from automation, and an MV3 Firefox
 * background is an event page that BiDi cannot reach. So the tests install a temporary COPY of the
 * shipped build with one extra background script (written below, nowhere in the sources) that opens
 * an empty extension page, "test-control.html". That page has the full extension API: the tests
 * run `inExtension` there, and from there point a watched tab at the popup or the options page
 * (`tabs.update`). Every file of the shipped build is installed byte for byte; nothing test-only is
 * ever built or zipped.
 */
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type { Driver, DriverPage, ExtensionApi, LaunchOptions, PageWatch } from './driver';
import { checkBuild, sleep } from './harness';
import { repoRoot } from './pages';

export const FIREFOX = '/usr/bin/firefox-esr';
export const firefoxExtensionDir = path.join(repoRoot, '.output/firefox-mv3');

const CONTROL_PAGE = 'test-control.html';
const CONTROL_SCRIPT = `browser.tabs.create({ url: browser.runtime.getURL('/${CONTROL_PAGE}'), active: false });\n`;

type Api = { browser: ExtensionApi };

/** With `restartableBackground`: how long the event page may stay idle before Firefox suspends it. */
const BACKGROUND_IDLE_MS = 1000;

export async function launchFirefox(options: LaunchOptions): Promise<Driver> {
  if (!existsSync(FIREFOX)) {
    throw new Error(`${FIREFOX} is missing: install it with \`apt-get install -y firefox-esr\` (the browser tests never skip).`);
  }
  checkBuild(firefoxExtensionDir);
  const copy = await mkdtemp(path.join(os.tmpdir(), 'corroborate-firefox-'));
  await cp(firefoxExtensionDir, copy, { recursive: true });
  const manifest = JSON.parse(await readFile(path.join(copy, 'manifest.json'), 'utf8')) as { background: { scripts: string[] } };
  manifest.background.scripts.push('test-control.js');
  await writeFile(path.join(copy, 'manifest.json'), JSON.stringify(manifest));
  await writeFile(path.join(copy, 'test-control.js'), CONTROL_SCRIPT);
  await writeFile(path.join(copy, CONTROL_PAGE), '<!doctype html><meta charset="utf-8"><title>Corroborate test control</title>\n');

  const browser: Browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    defaultViewport: { width: 1280, height: 800 },
    extraPrefsFirefox: {
      // Nothing may leave the machine: every proxied request goes to a closed local port (the test
      // server on 127.0.0.1 is never proxied). Requests are still recorded (externalRequests).
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': 9,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': 9,
      'network.proxy.share_proxy_settings': true,
      'network.dns.disablePrefetch': true,
      'network.prefetch-next': false,
      ...(options.restartableBackground ? { 'extensions.background.idle.timeout': BACKGROUND_IDLE_MS } : {}),
    },
  });
  const externalRequests: string[] = [];
  const known = new Set<Page>();
  const wrap = (page: Page): DriverPage => {
    known.add(page);
    return wrapPage(page, (url) => {
      if (/^https?:/.test(url) && !url.startsWith(`${options.allowedOrigin}/`)) externalRequests.push(url);
    });
  };
  // Headless Firefox never gives focus to the tab it opened at start: there document.hasFocus()
  // stays false, even after bringToFront, so element.focus() and Tab presses move activeElement
  // without firing focus/focusin (a plain page with no extension shows the same). Tabs opened
  // later get focus when brought to front. So the first page is a tab of our own.
  const initial = (await browser.pages())[0]!;
  const first = await browser.newPage();
  await initial.close();
  const firstPage = wrap(first);

  await browser.installExtension(copy);
  let control = await findControlPage(browser, null);

  const driver: Driver = {
    name: 'firefox',
    extensionDir: firefoxExtensionDir,
    externalRequests,
    firstPage: async () => firstPage,
    newPage: async () => wrap(await browser.newPage()),
    async openExtensionPage(pathAndQuery) {
      // A watched tab first, then the extension points it at its own page.
      const page = wrap(await browser.newPage());
      const tabId = await driver.tabIdOf(page);
      const url = await control.evaluate(
        async ({ tabId, pathAndQuery }) => {
          const { browser } = globalThis as unknown as Api;
          const url = browser.runtime.getURL(pathAndQuery);
          await browser.tabs.update(tabId, { url });
          return url;
        },
        { tabId, pathAndQuery },
      );
      await waitUntil(async () => (await page.url()) === url && (await page.evaluate(() => document.readyState)) === 'complete', 20_000, `${pathAndQuery} to load`);
      return page;
    },
    async tabIdOf(page) {
      await page.bringToFront();
      const id = await control.evaluate(async () => {
        const { browser } = globalThis as unknown as Api;
        const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
        return tab?.id ?? -1;
      });
      if (id < 0) throw new Error('no active tab');
      return id;
    },
    inExtension: (fn, arg) => control.evaluate(fn as (arg: unknown) => never, arg),
    async reloadExtension() {
      const old = control;
      // Reloading closes the control page itself: do it after this evaluation has returned.
      await old.evaluate(() => {
        setTimeout(() => (globalThis as unknown as Api).browser.runtime.reload(), 50);
      });
      control = await findControlPage(browser, old);
    },
    async stopBackground() {
      if (!options.restartableBackground) throw new Error('Firefox suspends the background only when launched with restartableBackground.');
      await sleep(3 * BACKGROUND_IDLE_MS);
    },
    // Every start of the background runs the control script, which opens another control page.
    backgroundStarts: () =>
      control.evaluate(async (page) => {
        const { browser } = globalThis as unknown as Api;
        return (await browser.tabs.query({})).filter((tab) => tab.url?.endsWith(`/${page}`)).length;
      }, CONTROL_PAGE),
    async close() {
      await browser.close();
      await rm(copy, { recursive: true, force: true });
    },
  };
  return driver;
}

/**
 * The extension's control page (BiDi reports extension pages as about:blank, so ask each page), once
 * the extension's API is there: a page just opened may already have its URL but not yet `browser`.
 */
async function findControlPage(browser: Browser, not: Page | null): Promise<Page> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    for (const page of await browser.pages()) {
      if (page === not || page.isClosed()) continue;
      const ready = await page
        .evaluate(
          (control) =>
            location.href.startsWith('moz-extension://') &&
            location.href.endsWith(`/${control}`) &&
            typeof (globalThis as unknown as Partial<Api>).browser?.tabs?.query === 'function',
          CONTROL_PAGE,
        )
        .catch(() => false);
      if (ready) return page;
    }
    await sleep(200);
  }
  throw new Error(`The extension did not open ${CONTROL_PAGE} within 30 s (was the build installed?).`);
}

async function waitUntil(check: () => Promise<boolean>, timeout: number, what: string): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** 'Alt+Shift+N' → modifiers and a key name puppeteer knows ('KeyN'). */
function chord(keys: string): { modifiers: ('Alt' | 'Shift' | 'Control' | 'Meta')[]; key: string } {
  const parts = keys.split('+');
  const last = parts.pop()!;
  return {
    modifiers: parts as ('Alt' | 'Shift' | 'Control' | 'Meta')[],
    key: /^[A-Z]$/.test(last) ? `Key${last}` : /^[0-9]$/.test(last) ? `Digit${last}` : last,
  };
}

function wrapPage(page: Page, onRequest: (url: string) => void): DriverPage {
  const pageWatch: PageWatch = { consoleErrors: [], pageErrors: [], requests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') pageWatch.consoleErrors.push(`${message.text()} @ ${message.location().url ?? ''}`);
  });
  page.on('pageerror', (error) => pageWatch.pageErrors.push(String((error as Error).stack ?? error)));
  page.on('request', (request) => {
    // Only network requests, as in Chromium: Firefox also reports data: URLs (its own list-bullet
    // font, a data: URL in its built-in html.css, loads when a page shows a bulleted list).
    if (!/^https?:/.test(request.url())) return;
    pageWatch.requests.push(request.url());
    onRequest(request.url());
  });
  const deep = (selector: string): string => selector;
  return {
    watch: pageWatch,
    async goto(url) {
      await page.goto(url, { waitUntil: 'load' });
    },
    url: () => page.evaluate(() => location.href),
    async addInitScript(fn) {
      await page.evaluateOnNewDocument(fn);
    },
    evaluate: (fn, arg) => page.evaluate(fn as (arg: unknown) => never, arg),
    async evaluateScript(source) {
      await page.evaluate(`${source}\n;void 0`);
    },
    emulateColorScheme: () => Promise.reject(new Error('Firefox over WebDriver BiDi cannot emulate prefers-color-scheme')),
    async waitForFunction(fn, arg, timeout = 30_000) {
      // Interval polling: requestAnimationFrame does not run in background tabs.
      await page.waitForFunction(fn as (arg: unknown) => unknown, { timeout, polling: 50 }, arg);
    },
    async screenshot(file, options) {
      await page.screenshot({ path: file as `${string}.png`, fullPage: options?.fullPage ?? false });
    },
    setViewport: (width, height) => page.setViewport({ width, height }),
    bringToFront: () => page.bringToFront(),
    mouseMove: (x, y, steps) => page.mouse.move(x, y, steps ? { steps } : undefined),
    mouseClick: (x, y) => page.mouse.click(x, y),
    async press(keys) {
      const { modifiers, key } = chord(keys);
      for (const m of modifiers) await page.keyboard.down(m);
      await page.keyboard.press(key as never);
      for (const m of modifiers.reverse()) await page.keyboard.up(m);
    },
    click: (selector) => page.click(deep(selector)),
    async focus(selector) {
      // Firefox fires focus events only in the focused window's selected tab.
      await page.bringToFront();
      await page.focus(deep(selector));
    },
    async fill(selector, value) {
      await page.$eval(
        deep(selector),
        (element, value) => {
          const input = element as HTMLInputElement;
          input.focus();
          const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
          setter.call(input, value);
          input.dispatchEvent(new Event('input', { bubbles: true }));
          input.dispatchEvent(new Event('change', { bubbles: true }));
        },
        value,
      );
    },
    async setChecked(selector, checked) {
      const current = await page.$eval(deep(selector), (element) => (element as HTMLInputElement).checked);
      if (current !== checked) await page.click(deep(selector));
    },
    close: () => page.close(),
  };
}
