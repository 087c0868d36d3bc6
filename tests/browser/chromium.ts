/**
 * The Driver for Chromium: playwright-core with the built extension loaded (harness.launch), the
 * extension's API reached through its service worker.
 */
import type { Page } from 'playwright-core';
import type { Driver, DriverPage, LaunchOptions } from './driver';
import { extensionDir, launch, serviceWorker, tabIdOf, watch } from './harness';

export async function launchChromium(options: LaunchOptions): Promise<Driver> {
  const browser = await launch();
  const externalRequests: string[] = [];
  // Nothing may leave the machine: record and refuse any request that is not to the local server.
  await browser.context.route(
    (url) => url.protocol === 'http:' || url.protocol === 'https:',
    (route) => {
      const url = route.request().url();
      if (url.startsWith(`${options.allowedOrigin}/`)) return route.continue();
      externalRequests.push(url);
      return route.abort('blockedbyclient');
    },
  );
  const wrap = (page: Page): DriverPage => wrapPage(page);
  const driver: Driver = {
    name: 'chromium',
    extensionDir,
    externalRequests,
    async firstPage() {
      return wrap(browser.context.pages()[0] ?? (await browser.context.newPage()));
    },
    async newPage() {
      return wrap(await browser.context.newPage());
    },
    async openExtensionPage(pathAndQuery) {
      const page = wrap(await browser.context.newPage());
      await page.goto(`chrome-extension://${browser.extensionId}${pathAndQuery}`);
      return page;
    },
    tabIdOf: (page) => tabIdOf(browser, page),
    async inExtension(fn, arg) {
      const worker = await serviceWorker(browser);
      return worker.evaluate(fn as (arg: unknown) => never, arg);
    },
    async reloadExtension() {
      const worker = await serviceWorker(browser);
      await worker.evaluate(() => (globalThis as unknown as { chrome: { runtime: { reload(): void } } }).chrome.runtime.reload());
    },
    async stopBackground() {
      const page = browser.context.pages()[0] ?? (await browser.context.newPage());
      const cdp = await browser.context.newCDPSession(page);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await cdp.detach();
    },
    backgroundStarts: () => driver.inExtension(() => performance.timeOrigin, undefined),
    close: () => browser.close(),
  };
  return driver;
}

function wrapPage(page: Page): DriverPage {
  const pageWatch = watch(page);
  return {
    watch: pageWatch,
    async goto(url) {
      await page.goto(url, { waitUntil: 'load' });
    },
    url: async () => page.url(),
    async addInitScript(fn) {
      await page.addInitScript(fn);
    },
    evaluate: (fn, arg) => page.evaluate(fn as (arg: unknown) => never, arg),
    async evaluateScript(source) {
      await page.evaluate(`${source}\n;void 0`);
    },
    emulateColorScheme: (scheme) => page.emulateMedia({ colorScheme: scheme }),
    async waitForFunction(fn, arg, timeout = 30_000) {
      await page.waitForFunction(fn as (arg: unknown) => unknown, arg, { timeout });
    },
    async screenshot(file, options) {
      await page.screenshot({ path: file, fullPage: options?.fullPage ?? false });
    },
    setViewport: (width, height) => page.setViewportSize({ width, height }),
    bringToFront: () => page.bringToFront(),
    mouseMove: (x, y, steps) => page.mouse.move(x, y, steps ? { steps } : undefined),
    mouseClick: (x, y) => page.mouse.click(x, y),
    press: (keys) => page.keyboard.press(keys),
    // Playwright's CSS pierces open shadow roots by itself.
    click: (selector) => page.click(selector.replaceAll('>>>', ' ')),
    focus: (selector) => page.focus(selector.replaceAll('>>>', ' ')),
    fill: (selector, value) => page.fill(selector, value),
    setChecked: (selector, checked) => page.setChecked(selector, checked),
    close: () => page.close(),
  };
}
