/**
 * The built extension in Debian's Chromium: inline marks, tooltip, popup, options, SPA navigation,
 * real pages and reload, on pages served from localhost. The engine is the real one: expectations
 * come from the command line (`npm run analyze -- --json`) on the same HTML.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Report, ReportSentence } from '../../lib/types';
import {
  artifactsDir,
  extensionDir,
  fold,
  highlightTexts,
  HIGHLIGHTS,
  launch,
  openPopup,
  popupState,
  screenshotsDir,
  serve,
  serviceWorker,
  sleep,
  tabIdOf,
  watch,
  watchOf,
  type Browser,
  type ExtensionGlobals,
  type PageWatch,
  type Server,
} from './harness';
import { realPage, repoRoot, seedPage, spaPage } from './pages';

type Kind = keyof typeof HIGHLIGHTS;

const HEADLINE = "Trump and Putin summit ends with 'no deal' in Alaska";
const REAL_ENGLISH = ['ars-1', 'nytimes-1', 'guardian-1', 'wapo-1'];
const REAL_FRENCH = 'lemonde-1';

/** The engine's report for a saved page, from the command line. */
function cliReport(file: string, sensitivity?: number): Report {
  const args = ['run', '--silent', 'analyze', '--', '--json', ...(sensitivity === undefined ? [] : ['--sensitivity', String(sensitivity)]), file];
  const out = execFileSync('npm', args, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return JSON.parse(out) as Report;
}

/** The same rule as the extension: conflicts first, then status; nothing when no outlet covers the story. */
function kindOf(sentence: ReportSentence): Kind | null {
  if (sentence.matches.some((m) => m.conflicts.length > 0)) return 'conflict';
  if (sentence.status === 'corroborated') return 'corroborated';
  if (sentence.status === 'single-source') return 'single-source';
  return null;
}

function expectedByKind(report: Report): Record<Kind, ReportSentence[]> {
  const out: Record<Kind, ReportSentence[]> = { corroborated: [], 'single-source': [], conflict: [] };
  if (report.summary.outlets.length === 0) return out;
  for (const s of report.sentences) {
    const kind = kindOf(s);
    if (kind) out[kind].push(s);
  }
  return out;
}

/** Main-world probe installed before the page loads: DOM mutations after load, a DOM snapshot, layout, time to marks. */
function installProbe(): void {
  interface Probe {
    loaded: boolean;
    mutations: { type: string; target: string; added: string[]; removed: string[]; attribute: string | null }[];
    snapshot: string | null;
    layout: number[][] | null;
    marksAt: number | null;
  }
  const probe: Probe = { loaded: false, mutations: [], snapshot: null, layout: null, marksAt: null };
  Object.defineProperty(window, '__probe', { value: probe });
  const observer = new MutationObserver((records) => {
    if (!probe.loaded) return;
    for (const r of records) {
      probe.mutations.push({
        type: r.type,
        target: r.target.nodeName.toLowerCase(),
        added: [...r.addedNodes].map((n) => n.nodeName.toLowerCase()),
        removed: [...r.removedNodes].map((n) => n.nodeName.toLowerCase()),
        attribute: r.attributeName,
      });
    }
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  document.addEventListener('DOMContentLoaded', () => {
    observer.takeRecords();
    probe.loaded = true;
    probe.snapshot = document.documentElement.outerHTML;
    probe.layout = [...document.querySelectorAll('p, h1, h2, li, figure, aside')].map((e) => {
      const r = e.getBoundingClientRect();
      return [r.left + scrollX, r.top + scrollY, r.width, r.height];
    });
    const poll = (): void => {
      if (CSS.highlights.size > 0) probe.marksAt = performance.now();
      else requestAnimationFrame(poll);
    };
    poll();
  });
}

/** Wait until the page shows our marks. */
async function waitForMarks(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForFunction(() => CSS.highlights.has('corroborate-corroborated') || CSS.highlights.has('corroborate-single-source'), undefined, {
    timeout,
  });
}

async function ourHighlightCount(page: Page): Promise<number> {
  return page.evaluate(() => [...CSS.highlights.keys()].filter((name) => name.startsWith('corroborate-')).length);
}

/** A point on the first line of the n-th plain-text range (not in a link; document order) of a highlight. */
async function rangePoint(page: Page, name: string, n = 0): Promise<{ x: number; y: number; text: string }> {
  return page.evaluate(
    ({ name, n }) => {
      const ranges = [...(CSS.highlights.get(name) as unknown as Set<Range>)]
        .filter((r) => !r.startContainer.parentElement?.closest('a') && r.toString().trim().length > 20)
        .sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
      const range = ranges[Math.min(n, ranges.length - 1)]!;
      range.startContainer.parentElement!.scrollIntoView({ block: 'center' });
      const rect = range.getClientRects()[0]!;
      return { x: rect.left + Math.min(rect.width / 2, 40), y: rect.top + rect.height / 2, text: range.toString() };
    },
    { name, n },
  );
}

/** The content script's state for a tab, asked from an extension page (same wire format as the popup). */
async function pageState(extensionPage: Page, tabId: number): Promise<{ status: string; sentences: number; anchored: number }> {
  const response = await extensionPage.evaluate(
    (id) =>
      (globalThis as unknown as { chrome: { tabs: { sendMessage(id: number, m: unknown): Promise<unknown> } } }).chrome.tabs.sendMessage(id, {
        id: 1,
        type: 'getPageState',
        data: undefined,
        timestamp: Date.now(),
      }),
    tabId,
  );
  return (response as { res: { status: string; sentences: number; anchored: number } }).res;
}

async function badgeText(browser: Browser, tabId: number): Promise<string> {
  const worker = await serviceWorker(browser);
  return worker.evaluate((id) => (globalThis as unknown as ExtensionGlobals).chrome.action.getBadgeText({ tabId: id }), tabId);
}

function tooltip(page: Page) {
  return page.locator('corroborate-ui .cb-tooltip');
}

function noisyConsole(errors: string[]): string[] {
  // Real pages: their own images, fonts, styles and web-app manifests are blocked or missing (no
  // request may leave the machine), which Chromium logs against the page.
  return errors.filter((e) => !/Failed to load resource|net::ERR_|Manifest fetch from/.test(e));
}

describe('Corroborate in Chromium', () => {
  let browser: Browser;
  let server: Server;
  let page: Page;
  let pageWatch: PageWatch;
  let tabId: number;
  let expected: Report;
  const seedFile = path.join(artifactsDir, 'seed-000.html');
  const metrics: Record<string, unknown> = {};
  const external: string[] = [];

  beforeAll(async () => {
    mkdirSync(artifactsDir, { recursive: true });
    mkdirSync(screenshotsDir, { recursive: true });
    for (const name of ['page-marks', 'tooltip', 'popup']) rmSync(path.join(artifactsDir, `${name}.png`), { force: true });
    const html = seedPage('000', { headline: HEADLINE });
    writeFileSync(seedFile, html);
    expected = cliReport(seedFile);
    const routes = new Map<string, string>([
      ['/news/trump-putin-summit', html],
      ['/spa/', spaPage()],
    ]);
    for (const name of [...REAL_ENGLISH, REAL_FRENCH]) routes.set(`/pages/${name}/`, realPage(name));
    server = await serve(routes);
    browser = await launch();
    // Nothing may leave the machine: record and refuse any request that is not to the local server.
    await browser.context.route(
      (url) => url.protocol === 'http:' || url.protocol === 'https:',
      (route) => {
        const url = route.request().url();
        if (url.startsWith(`${server.origin}/`)) return route.continue();
        external.push(url);
        return route.abort('blockedbyclient');
      },
    );
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    pageWatch = watch(page);
    await page.addInitScript(installProbe);
  });

  afterAll(async () => {
    writeFileSync(path.join(artifactsDir, 'metrics.json'), `${JSON.stringify(metrics, null, 2)}\n`);
    await browser?.close();
    await server?.close();
  });

  it('keeps the bundles small: content script ≤ 40 KB and popup ≤ 30 KB gzipped', () => {
    const gz = (file: string): number => gzipSync(readFileSync(path.join(extensionDir, file))).length;
    const manifest = JSON.parse(readFileSync(path.join(extensionDir, 'manifest.json'), 'utf8')) as {
      permissions?: string[];
      host_permissions?: string[];
      web_accessible_resources?: unknown[];
    };
    const content = gz('content-scripts/content.js');
    // The popup: its HTML and every script and stylesheet it loads.
    const popupHtml = readFileSync(path.join(extensionDir, 'popup.html'), 'utf8');
    const assets = [...popupHtml.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThan(0);
    const popup = gz('popup.html') + assets.reduce((sum, file) => sum + gz(file), 0);
    metrics.gzipBytes = { contentScript: content, popup, background: gz('background.js') };
    expect(content).toBeLessThanOrEqual(40 * 1024);
    expect(popup).toBeLessThanOrEqual(30 * 1024);
    // The fewest permissions: storage only; no host permissions, nothing web-accessible.
    expect(manifest.permissions).toEqual(['storage']);
    expect(manifest.host_permissions ?? []).toEqual([]);
    expect(manifest.web_accessible_resources ?? []).toEqual([]);
  });

  it('marks the seed article in the live page, each sentence with the right kind', async () => {
    expect(expected.summary.outlets.length).toBeGreaterThan(0);
    await page.goto(`${server.origin}/news/trump-putin-summit`);
    await waitForMarks(page);
    metrics.timeToMarksMs = await page.evaluate(() => Math.round((window as unknown as { __probe: { marksAt: number } }).__probe.marksAt));
    tabId = await tabIdOf(browser, page);

    const texts = await highlightTexts(page);
    const want = expectedByKind(expected);
    for (const kind of Object.keys(HIGHLIGHTS) as Kind[]) {
      const drawn = fold((texts[HIGHLIGHTS[kind]] ?? []).join(''));
      const sentences = fold(want[kind].map((s) => s.text).join(''));
      // Exactly the expected sentences, in page order, and no other text.
      expect(drawn, `${kind} marks`).toBe(sentences);
    }
    expect(want.corroborated.length + want.conflict.length).toBeGreaterThan(3);
    expect(want['single-source'].length).toBeGreaterThan(3);

    // Sentences with a link, emphasis or a <br> inside are anchored too.
    const all = fold(Object.values(texts).flat().join(''));
    for (const snippet of [
      'The two met in Anchorage, Alaska, today',
      'But they both left empty-handed',
      'who conceded there was "no deal"',
      'in an interview on Fox News',
      'Douglas Lute told the BBC',
    ]) {
      const sentence = expected.sentences.find((s) => s.text.includes(snippet));
      if (sentence && kindOf(sentence)) expect(all, snippet).toContain(fold(sentence.text));
    }

    // The only stylesheet we add holds ::highlight() rules and nothing else.
    const ruleTexts = await page.evaluate(() => document.adoptedStyleSheets.flatMap((sheet) => [...sheet.cssRules].map((r) => r.cssText)));
    expect(ruleTexts.length).toBeGreaterThan(0);
    for (const rule of ruleTexts) expect(rule).toMatch(/^::highlight\(corroborate-[a-z-]+\)/);

    // The toolbar badge: single-source claims.
    expect(await badgeText(browser, tabId)).toBe(String(expected.summary.singleSource));

    await page.evaluate(() => window.scrollTo(0, 360));
    await page.screenshot({ path: path.join(artifactsDir, 'page-marks.png') });
  });

  it('shows the other outlets’ wording in a tooltip on hover; Escape closes it', async () => {
    const kind: Kind = expectedByKind(expected).conflict.length > 0 ? 'conflict' : 'corroborated';
    const point = await rangePoint(page, HIGHLIGHTS[kind]);
    const sentence = expected.sentences.find((s) => kindOf(s) === kind && fold(s.text).includes(fold(point.text)))!;
    expect(sentence).toBeDefined();
    await page.mouse.move(point.x, point.y);
    await tooltip(page).waitFor({ state: 'visible', timeout: 5_000 });
    const shown = (await tooltip(page).innerText()).replace(/\s+/g, ' ');
    for (const match of sentence.matches) {
      expect(shown).toContain(match.outlet);
      expect(shown).toContain(match.title.replace(/\s+/g, ' ').trim());
      expect(shown).toContain(match.text.replace(/\s+/g, ' ').trim());
    }
    // Differences are marked, and conflicts stated.
    expect(await tooltip(page).locator('ins.cb-there').count()).toBeGreaterThan(0);
    if (kind === 'conflict') expect(await tooltip(page).locator('.cb-conflict').count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(artifactsDir, 'tooltip.png') });

    // Moving the pointer into the tooltip keeps it open.
    const box = (await tooltip(page).boundingBox())!;
    await page.mouse.move(box.x + 20, box.y + 20, { steps: 4 });
    await sleep(600);
    expect(await tooltip(page).isVisible()).toBe(true);

    await page.keyboard.press('Escape');
    await tooltip(page).waitFor({ state: 'detached', timeout: 3_000 });

    // A click pins it: moving away does not close it; a click elsewhere does.
    const single = await rangePoint(page, HIGHLIGHTS['single-source'], 2);
    await page.mouse.click(single.x, single.y);
    await tooltip(page).waitFor({ state: 'visible', timeout: 3_000 });
    expect(await tooltip(page).innerText()).toContain('Only this outlet reports this claim');
    await page.mouse.move(5, 5, { steps: 3 });
    await sleep(700);
    expect(await tooltip(page).isVisible()).toBe(true);
    await page.mouse.click(5, 5);
    await tooltip(page).waitFor({ state: 'detached', timeout: 3_000 });
  });

  it('is reachable by keyboard: a focused link in a sentence, Alt+Shift+N, Escape', async () => {
    // Focusing a link inside a marked sentence opens its comparison without taking focus.
    await page.focus('a[href="/topic/diplomacy"]');
    await tooltip(page).waitFor({ state: 'visible', timeout: 3_000 });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('/topic/diplomacy');
    await page.keyboard.press('Escape');
    await tooltip(page).waitFor({ state: 'detached', timeout: 3_000 });

    // Alt+Shift+N walks the marks with focus in the tooltip; Escape gives focus back.
    await page.focus('a[href="/authors/jane-reporter"]');
    await page.keyboard.press('Alt+Shift+N');
    await tooltip(page).waitFor({ state: 'visible', timeout: 3_000 });
    const focused = await page.evaluate(() => {
      const host = document.querySelector('corroborate-ui');
      return document.activeElement === host && host?.shadowRoot?.activeElement?.classList.contains('cb-tooltip');
    });
    expect(focused).toBe(true);
    expect(await tooltip(page).innerText()).toMatch(/\b1 of \d+/);
    await page.keyboard.press('Alt+Shift+N');
    await expect.poll(() => tooltip(page).innerText()).toMatch(/\b2 of \d+/);
    await page.keyboard.press('Escape');
    await tooltip(page).waitFor({ state: 'detached', timeout: 3_000 });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('/authors/jane-reporter');
  });

  it('changes nothing in the page but one shadow host; layout does not move; no request leaves', async () => {
    const result = await page.evaluate(() => {
      const probe = (window as unknown as { __probe: { mutations: { type: string; target: string; added: string[]; removed: string[] }[]; snapshot: string; layout: number[][] } }).__probe;
      const clone = document.documentElement.cloneNode(true) as HTMLElement;
      const hosts = clone.querySelectorAll('corroborate-ui');
      hosts.forEach((h) => h.remove());
      const layout = [...document.querySelectorAll('p, h1, h2, li, figure, aside')].map((e) => {
        const r = e.getBoundingClientRect();
        return [r.left + scrollX, r.top + scrollY, r.width, r.height];
      });
      return {
        hosts: hosts.length,
        sameDom: clone.outerHTML === probe.snapshot,
        mutations: probe.mutations,
        sameLayout: JSON.stringify(layout) === JSON.stringify(probe.layout),
      };
    });
    expect(result.hosts).toBe(1);
    expect(result.sameDom).toBe(true);
    expect(result.sameLayout).toBe(true);
    for (const m of result.mutations) {
      const addsHost = m.type === 'childList' && m.target === 'html' && m.added.join() === 'corroborate-ui' && m.removed.length === 0;
      expect(addsHost || m.target === 'corroborate-ui', JSON.stringify(m)).toBe(true);
    }
    expect(pageWatch.requests.every((url) => url.startsWith(`${server.origin}/`)), pageWatch.requests.join('\n')).toBe(true);
    expect(external).toEqual([]);
    expect(pageWatch.consoleErrors).toEqual([]);
    expect(pageWatch.pageErrors).toEqual([]);
  });

  it('popup: the same counts as the command line; clicking a claim scrolls the page to it', async () => {
    const popup = await openPopup(browser, tabId);
    const popupWatch = watchOf(popup);
    expect(await popupState(popup)).toBe('report');
    expect(await popup.getByTestId('outlets').innerText()).toBe(String(expected.summary.outlets.length));
    expect(await popup.getByTestId('count-corroborated').innerText()).toBe(String(expected.summary.corroborated));
    expect(await popup.getByTestId('count-single-source').innerText()).toBe(String(expected.summary.singleSource));
    expect(await popup.getByTestId('count-conflicts').innerText()).toBe(String(expected.summary.conflicts));
    expect(await popup.getByTestId('title').innerText()).toBe(expected.article.title);
    expect(await popup.locator('.cb-claim').count()).toBe(expected.sentences.filter((s) => s.claim).length);
    await popup.screenshot({ path: path.join(artifactsDir, 'popup.png') });

    // Filters.
    await popup.locator('[data-filter="single-source"]').click();
    expect(await popup.locator('.cb-claim').count()).toBe(expected.sentences.filter((s) => s.claim && kindOf(s) === 'single-source').length);
    await popup.locator('[data-filter="conflicts"]').click();
    expect(await popup.locator('.cb-claim').count()).toBe(expected.sentences.filter((s) => s.claim && kindOf(s) === 'conflict').length);
    await popup.locator('[data-filter="all"]').click();

    // Click the last claim (far down the page): the page scrolls to it and flashes it.
    await page.evaluate(() => window.scrollTo(0, 0));
    const last = popup.locator('.cb-claim').last();
    const index = Number(await last.getAttribute('data-index'));
    const sentence = expected.sentences.find((s) => s.index === index)!;
    await last.locator('.cb-claim-text').click();
    await page.bringToFront();
    await expect
      .poll(
        () =>
          page.evaluate(() => {
            const flash = CSS.highlights.get('corroborate-flash') as unknown as Set<Range> | undefined;
            const range = flash ? [...flash][0] : undefined;
            if (!range) return 'no flash';
            const r = range.getBoundingClientRect();
            return r.top >= 0 && r.bottom <= innerHeight && scrollY > 300 ? `visible:${range.toString()}` : 'out of view';
          }),
        { timeout: 5_000, interval: 50 },
      )
      .toMatch(/^visible:/);
    const flashed = await page.evaluate(() => {
      const flash = CSS.highlights.get('corroborate-flash') as unknown as Set<Range> | undefined;
      return flash ? [...flash].map((r) => r.toString()).join('') : '';
    });
    if (flashed) expect(fold(flashed)).toBe(fold(sentence.text));
    expect(popupWatch.consoleErrors).toEqual([]);
    expect(popupWatch.pageErrors).toEqual([]);
    await popup.close();
  });

  it('options apply to open tabs without a reload', async () => {
    const options = await browser.context.newPage();
    const optionsWatch = watch(options);
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    const marks = options.locator('input[name="marks"]');
    await marks.waitFor();

    await marks.uncheck();
    await expect.poll(() => ourHighlightCount(page)).toBe(0);
    await marks.check();
    await expect.poll(async () => Object.keys(await highlightTexts(page)).length).toBeGreaterThan(1);

    await options.locator('input[name="kind-single-source"]').uncheck();
    await expect.poll(async () => HIGHLIGHTS['single-source'] in (await highlightTexts(page))).toBe(false);
    expect(HIGHLIGHTS.corroborated in (await highlightTexts(page))).toBe(true);
    await options.locator('input[name="kind-single-source"]').check();
    await expect.poll(async () => HIGHLIGHTS['single-source'] in (await highlightTexts(page))).toBe(true);
    await options.screenshot({ path: path.join(artifactsDir, 'options.png'), fullPage: true });

    // Sensitivity re-runs the analysis: the popup then agrees with the command line at that sensitivity.
    const loose = cliReport(seedFile, 0.9);
    await options.locator('input[name="sensitivity"]').fill('0.9');
    await expect
      .poll(
        async () => {
          const popup = await openPopup(browser, tabId);
          await popupState(popup);
          const text = popup.getByTestId('count-single-source');
          const value = (await text.count()) ? await text.innerText() : '';
          await popup.close();
          return value;
        },
        { timeout: 20_000 },
      )
      .toBe(String(loose.summary.singleSource));
    await options.locator('input[name="sensitivity"]').fill('0.5');

    // A site where it never runs: marks go at once, and the popup says why.
    await options.locator('input[name="site"]').fill('127.0.0.1');
    await options.locator('.cb-site-form button[type="submit"]').click();
    await expect.poll(() => ourHighlightCount(page)).toBe(0);
    const popup = await openPopup(browser, tabId);
    expect(await popupState(popup)).toBe('excluded');
    await popup.close();
    await options.getByRole('button', { name: 'Remove 127.0.0.1' }).click();
    await waitForMarks(page);
    expect(optionsWatch.consoleErrors).toEqual([]);
    await options.close();
  });

  it('re-analyses on single-page-app navigation (history.pushState)', async () => {
    const spa = await browser.context.newPage();
    const spaWatch = watch(spa);
    await spa.addInitScript(installProbe);
    await spa.goto(`${server.origin}/spa/`);
    await waitForMarks(spa);
    const before = fold(Object.values(await highlightTexts(spa)).flat().join(''));
    expect(before).toContain(fold('Anchorage'));
    await spa.click('#next-story');
    expect(spa.url()).toBe(`${server.origin}/spa/next`);
    // The marks now belong to the new story (seed 001), none to the old one.
    const oldText = fold(expected.sentences.map((s) => s.text).join(''));
    await expect
      .poll(
        async () => {
          const texts = Object.values(await highlightTexts(spa)).flat();
          if (texts.length === 0) return 'none';
          return texts.some((t) => t.trim().length > 20 && oldText.includes(fold(t))) ? 'old story' : 'new story';
        },
        { timeout: 20_000 },
      )
      .toBe('new story');
    metrics.timeToMarksWarmMs = await spa.evaluate(() => Math.round((window as unknown as { __probe: { marksAt: number } }).__probe.marksAt));
    const spaTab = await tabIdOf(browser, spa);
    const popup = await openPopup(browser, spaTab);
    expect(await popupState(popup)).toBe('report');
    const singleSource = await popup.getByTestId('count-single-source').innerText();
    expect(await badgeText(browser, spaTab)).toBe(singleSource);
    expect(await popup.getByTestId('title').innerText()).toContain('Summit in Anchorage ends without a ceasefire deal');
    await popup.close();
    expect(spaWatch.consoleErrors).toEqual([]);
    expect(spaWatch.pageErrors).toEqual([]);
    await spa.close();
  });

  it('real pages: nothing breaks; other stories say that no other outlet covers them', async () => {
    const results: Record<string, string> = {};
    const anchoring: Record<string, string> = {};
    metrics.realPages = results;
    metrics.realPagesAnchored = anchoring;
    for (const name of [...REAL_ENGLISH, REAL_FRENCH]) {
      const real = await browser.context.newPage();
      const realWatch = watch(real);
      await real.goto(`${server.origin}/pages/${name}/`, { waitUntil: 'load' });
      const id = await tabIdOf(browser, real);
      const popup = await openPopup(browser, id);
      const state = await popupState(popup);
      results[name] = state;
      if (name !== REAL_FRENCH) {
        // Every sentence of the report is found in the live page (for the popup's "show in page").
        const page = await pageState(popup, id);
        expect(page.status, name).toBe('ready');
        anchoring[name] = `${page.anchored}/${page.sentences}`;
        expect(page.anchored / page.sentences, name).toBeGreaterThanOrEqual(0.95);
      }
      await popup.screenshot({ path: path.join(artifactsDir, `popup-${name}.png`) });
      await popup.close();
      expect(state, name).toBe(name === REAL_FRENCH ? 'not-article' : 'no-coverage');
      expect(await badgeText(browser, id), name).toBe('');
      expect(await ourHighlightCount(real), name).toBe(0);
      expect(await real.locator('corroborate-ui').count(), name).toBe(0);
      expect(realWatch.pageErrors, name).toEqual([]);
      expect(noisyConsole(realWatch.consoleErrors), name).toEqual([]);
      await real.close();
    }
  });

  it('popup on a page it cannot read says so, without errors', async () => {
    const other = await browser.context.newPage();
    await other.goto('about:blank');
    const id = await tabIdOf(browser, other);
    const popup = await openPopup(browser, id);
    const popupWatch = watchOf(popup);
    expect(await popupState(popup)).toBe('unavailable');
    expect(popupWatch.consoleErrors).toEqual([]);
    expect(popupWatch.pageErrors).toEqual([]);
    await popup.close();
    await other.close();
  });

  it('an extension reload leaves no marks, UI or listeners behind', async () => {
    await page.bringToFront();
    await waitForMarks(page);
    await page.mouse.move(5, 5);
    const worker = await serviceWorker(browser);
    await worker.evaluate(() => (globalThis as unknown as ExtensionGlobals).chrome.runtime.reload());
    await expect
      .poll(
        () =>
          page.evaluate(() => ({
            highlights: [...CSS.highlights.keys()].filter((n) => n.startsWith('corroborate-')).length,
            hosts: document.querySelectorAll('corroborate-ui').length,
            sheets: document.adoptedStyleSheets.length,
          })),
        { timeout: 15_000 },
      )
      .toEqual({ highlights: 0, hosts: 0, sheets: 0 });
    // Nothing reacts to the pointer or keyboard any more.
    await page.keyboard.press('Alt+Shift+N');
    await sleep(300);
    expect(await page.locator('corroborate-ui').count()).toBe(0);
    expect(pageWatch.pageErrors).toEqual([]);
  });

  afterAll(() => {
    // The three screenshots the README shows (when the tests that take them passed).
    for (const name of ['page-marks', 'tooltip', 'popup']) {
      const file = path.join(artifactsDir, `${name}.png`);
      if (existsSync(file)) copyFileSync(file, path.join(screenshotsDir, `${name}.png`));
    }
  });
});
