/**
 * Launch Debian's Chromium with the built extension, serve test pages on localhost, and watch
 * what pages do (console errors, page errors, requests). A missing browser or build fails the
 * run: these tests never skip. The scenarios reach both browsers through ./driver.ts
 * (./chromium.ts builds on launch() here; ./firefox.ts is Firefox ESR).
 */
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type ConsoleMessage, type Page, type Worker } from 'playwright-core';
import { repoRoot } from './pages';

export const CHROMIUM = '/usr/bin/chromium';
export const extensionDir = path.join(repoRoot, '.output/chrome-mv3');
export const artifactsDir = path.join(repoRoot, 'tests/artifacts');
export const screenshotsDir = path.join(repoRoot, 'tests/screenshots');

export interface Server {
  origin: string;
  close(): Promise<void>;
}

/**
 * Serve fixed pages: path → HTML (JavaScript for a path ending in ".js"), each after its delay in ms if
 * it has one (a slow script holds up a page's load as on a real news site). Anything else is a 404 (an
 * empty favicon for /favicon.ico).
 */
export async function serve(routes: Map<string, string>, delays: ReadonlyMap<string, number> = new Map()): Promise<Server> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const body = routes.get(url.pathname);
    if (body !== undefined) {
      const type = url.pathname.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8';
      setTimeout(() => {
        res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
        res.end(body);
      }, delays.get(url.pathname) ?? 0);
    } else {
      res.writeHead(url.pathname === '/favicon.ico' ? 204 : 404, { 'content-type': 'text/plain' });
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface Browser {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  close(): Promise<void>;
}

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install it with \`apt-get install -y chromium\` (the browser tests never skip).`);
  }
  checkBuild(extensionDir);
  mkdirSync(artifactsDir, { recursive: true });
  const profile = await mkdtemp(path.join(os.tmpdir(), 'corroborate-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    worker,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Fail when a build is missing or older than the sources it is made from. */
export function checkBuild(dir: string): void {
  if (!existsSync(path.join(dir, 'manifest.json'))) {
    throw new Error(`${dir} is missing: run \`npm run build\` first.`);
  }
  const built = statSync(path.join(dir, 'manifest.json')).mtimeMs;
  const newer = sourcesNewerThan(built);
  if (newer.length > 0) {
    throw new Error(`The extension build ${path.basename(dir)} is older than ${newer.slice(0, 3).join(', ')}: run \`npm run build\` first.`);
  }
}

/** Sources of the extension (and the engine and corpus it bundles) changed after a build time. */
function sourcesNewerThan(time: number): string[] {
  const out: string[] = [];
  const visit = (dir: string): void => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(file);
      else if (/\.(ts|tsx|css|html|json)$/.test(entry.name) && statSync(file).mtimeMs > time) out.push(path.relative(repoRoot, file));
    }
  };
  for (const dir of ['lib', 'entrypoints', 'components']) visit(path.join(repoRoot, dir));
  for (const file of ['corpus/index.json', 'wxt.config.ts']) {
    const full = path.join(repoRoot, file);
    if (existsSync(full) && statSync(full).mtimeMs > time) out.push(file);
  }
  return out;
}

/** The extension's current service worker (it changes after an extension reload). */
export async function serviceWorker(browser: Browser): Promise<Worker> {
  const workers = browser.context.serviceWorkers().filter((w) => w.url().startsWith(`chrome-extension://${browser.extensionId}/`));
  return workers[workers.length - 1] ?? (await browser.context.waitForEvent('serviceworker'));
}

/** The bits of the extension API the tests call inside the service worker (`globalThis.chrome` there). */
export interface ExtensionGlobals {
  chrome: {
    tabs: { query(query: { active?: boolean; lastFocusedWindow?: boolean }): Promise<{ id?: number }[]> };
    action: { getBadgeText(details: { tabId: number }): Promise<string> };
    runtime: { reload(): void };
  };
}

export interface PageWatch {
  consoleErrors: string[];
  pageErrors: string[];
  requests: string[];
}

/** Record console errors, uncaught errors and every request of a page. */
export function watch(page: Page): PageWatch {
  const result: PageWatch = { consoleErrors: [], pageErrors: [], requests: [] };
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') result.consoleErrors.push(`${message.text()} @ ${message.location().url}`);
  });
  page.on('pageerror', (error) => result.pageErrors.push(String(error.stack ?? error)));
  page.on('request', (request) => result.requests.push(request.url()));
  return result;
}

/** The id the extension sees for a page's tab (asked from the service worker while the page is in front). */
export async function tabIdOf(browser: Browser, page: Pick<Page, 'bringToFront'>): Promise<number> {
  await page.bringToFront();
  const worker = await serviceWorker(browser);
  const id = await worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as ExtensionGlobals;
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return tab?.id ?? -1;
  });
  if (id < 0) throw new Error('no active tab');
  return id;
}

/** Our highlight names, as the page's main world sees them in CSS.highlights. */
export const HIGHLIGHTS = {
  corroborated: 'corroborate-corroborated',
  'single-source': 'corroborate-single-source',
  conflict: 'corroborate-conflict',
} as const;

/** Comparable text: no whitespace, lower case, straight quotes and hyphens. */
export function fold(text: string): string {
  return text
    .replace(/[\s\u00a0\u00ad\u200b-\u200f\ufeff]+/g, '')
    .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .toLowerCase();
}

export async function sleep(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}
