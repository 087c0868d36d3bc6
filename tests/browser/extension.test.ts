/**
 * The built extension in a real browser: inline marks, tooltip, popup, options, SPA navigation,
 * real pages and reload, on pages served from localhost. The engine is the real one: expectations
 * come from the command line (`npm run analyze -- --json`) on the same HTML.
 *
 * One set of scenarios, run in each browser of ./driver.ts (Debian's Chromium through playwright-core,
 * Firefox ESR through puppeteer-core over WebDriver BiDi). A scenario talks to the browser only
 * through the Driver; where the browsers really behave differently, the scenario says so by name.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report, ReportSentence } from '../../lib/types';
import {
  axeViolations,
  badgeText,
  boxOf,
  BROWSERS,
  LAUNCH,
  count,
  highlightTexts,
  isVisible,
  openPopup,
  pageState,
  popupState,
  testId,
  text,
  waitFor,
  type Driver,
  type DriverPage,
} from './driver';
import { PAGE_ORIGINS } from '../../lib/extension/platform';
import { artifactsDir, fold, HIGHLIGHTS, screenshotsDir, serve, sleep, type Server } from './harness';
import { lateArticlePage, realPage, repoRoot, SEED_000_HEADLINE, seedPage, spaPage } from './pages';

type Kind = keyof typeof HIGHLIGHTS;

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
    // The layout is taken again on every frame until the marks appear (Firefox lays the page out once
    // more after DOMContentLoaded): the comparison is then with the layout just before our marks.
    const poll = (): void => {
      if (CSS.highlights.size > 0) probe.marksAt = performance.now();
      else {
        probe.layout = [...document.querySelectorAll('p, h1, h2, li, figure, aside')].map((e) => {
          const r = e.getBoundingClientRect();
          return [r.left + scrollX, r.top + scrollY, r.width, r.height];
        });
        requestAnimationFrame(poll);
      }
    };
    poll();
  });
}

/** Wait until the page shows our marks. */
async function waitForMarks(page: DriverPage, timeout = 30_000): Promise<void> {
  await page.waitForFunction(() => CSS.highlights.has('corroborate-corroborated') || CSS.highlights.has('corroborate-single-source'), undefined, timeout);
}

async function ourHighlightCount(page: DriverPage): Promise<number> {
  return page.evaluate(() => [...CSS.highlights.keys()].filter((name) => name.startsWith('corroborate-')).length);
}

/** A point on the first line of the n-th plain-text range (not in a link; document order) of a highlight. */
async function rangePoint(page: DriverPage, name: string, n = 0): Promise<{ x: number; y: number; text: string }> {
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

/** Our tooltip, inside the shadow root of our one host element. */
const TOOLTIP = 'corroborate-ui >>> .cb-tooltip';

function noisyConsole(errors: string[]): string[] {
  // Real pages: their own images, fonts, styles, scripts and web-app manifests are blocked or
  // missing (no request may leave the machine), which the browsers log against the page.
  return errors.filter((e) => !/Failed to load resource|net::ERR_|Manifest fetch from|Loading failed for|NS_ERROR_|downloadable font/.test(e));
}

/** The page's marks of each kind are exactly the command line's sentences of that kind, in page order. */
async function expectSeedMarks(page: DriverPage): Promise<Record<string, string[]>> {
  const texts = await highlightTexts(page);
  const want = expectedByKind(expected);
  for (const kind of Object.keys(HIGHLIGHTS) as Kind[]) {
    const drawn = fold((texts[HIGHLIGHTS[kind]] ?? []).join(''));
    const sentences = fold(want[kind].map((s) => s.text).join(''));
    expect(drawn, `${kind} marks`).toBe(sentences);
  }
  return texts;
}

const SEED_PATH = '/news/trump-putin-summit';
/** The seed page held up by a blocking script, as real news pages are: the woken worker primes meanwhile. */
const SLOW_SEED_PATH = '/news/trump-putin-summit-slow';
/** The seed page with its story put in by the page's script 2 s after it has loaded. */
const LATE_SEED_PATH = '/news/trump-putin-summit-late';
const LATE_ARTICLE_DELAY_MS = 2000;
const seedFile = path.join(artifactsDir, 'seed-000.html');
let server: Server;
let expected: Report;

beforeAll(async () => {
  mkdirSync(artifactsDir, { recursive: true });
  mkdirSync(screenshotsDir, { recursive: true });
  const html = seedPage('000', { headline: SEED_000_HEADLINE });
  writeFileSync(seedFile, html);
  expected = cliReport(seedFile);
  const routes = new Map<string, string>([
    [SEED_PATH, html],
    ['/spa/', spaPage()],
    // The seed article under a comment thread of 40,000 elements: beyond what the extension reads.
    ['/news/long-thread', seedPage('000', { headline: SEED_000_HEADLINE, tail: `<section class="comments">${'<p><span>A comment.</span></p>'.repeat(20_000)}</section>` })],
  ]);
  for (const name of [...REAL_ENGLISH, REAL_FRENCH]) routes.set(`/pages/${name}/`, realPage(name));
  routes.set(SLOW_SEED_PATH, seedPage('000', { headline: SEED_000_HEADLINE, headScript: '/slow.js' }));
  routes.set(LATE_SEED_PATH, lateArticlePage(LATE_ARTICLE_DELAY_MS));
  routes.set('/slow.js', '// held up by the server');
  server = await serve(routes, new Map([['/slow.js', 400]]));
});

afterAll(async () => {
  await server?.close();
});

describe.each(BROWSERS)('Corroborate in %s', (name) => {
  let driver: Driver;
  let page: DriverPage;
  let tabId: number;
  const metrics: Record<string, unknown> = {};
  /** Chromium's screenshots are the README's; Firefox's carry its name. */
  const artifact = (file: string): string => path.join(artifactsDir, name === 'chromium' ? `${file}.png` : `${name}-${file}.png`);
  const screenshots = ['page-marks', 'tooltip', 'popup'];

  beforeAll(async () => {
    for (const file of screenshots) rmSync(artifact(file), { force: true });
    driver = await LAUNCH[name]({ allowedOrigin: server.origin });
    page = await driver.firstPage();
    await page.addInitScript(installProbe);
  });

  afterAll(async () => {
    writeFileSync(path.join(artifactsDir, name === 'chromium' ? 'metrics.json' : `metrics-${name}.json`), `${JSON.stringify(metrics, null, 2)}\n`);
    await driver?.close();
    // The three screenshots the README shows, refreshed on request (UPDATE_SCREENSHOTS=1) so that a test
    // run leaves the tree clean; every run keeps its own copies in tests/artifacts/.
    if (name === 'chromium' && process.env.UPDATE_SCREENSHOTS) {
      for (const file of screenshots) if (existsSync(artifact(file))) copyFileSync(artifact(file), path.join(screenshotsDir, `${file}.png`));
    }
  });

  it('keeps the bundles small (content script ≤ 40 KB, popup ≤ 30 KB gzipped), the permissions few, and ships its icons', () => {
    const dir = driver.extensionDir;
    const gz = (file: string): number => gzipSync(readFileSync(path.join(dir, file))).length;
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as {
      manifest_version: number;
      permissions?: string[];
      host_permissions?: string[];
      web_accessible_resources?: unknown[];
      browser_specific_settings?: unknown;
      icons?: Record<string, string>;
      action?: { default_icon?: Record<string, string> };
    };
    const content = gz('content-scripts/content.js');
    // The popup: its HTML and every script and stylesheet it loads.
    const popupHtml = readFileSync(path.join(dir, 'popup.html'), 'utf8');
    const assets = [...popupHtml.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThan(0);
    const popup = gz('popup.html') + assets.reduce((sum, file) => sum + gz(file), 0);
    metrics.gzipBytes = { contentScript: content, popup, background: gz('background.js') };
    expect(content).toBeLessThanOrEqual(40 * 1024);
    expect(popup).toBeLessThanOrEqual(30 * 1024);
    // The fewest permissions: storage, and contextMenus for "Add this article to Corroborate" (the
    // reader's corpus lives in IndexedDB, which needs none); no host permissions, nothing web-accessible.
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.permissions).toEqual(['storage', 'contextMenus']);
    expect(manifest.host_permissions ?? []).toEqual([]);
    expect(manifest.web_accessible_resources ?? []).toEqual([]);
    if (name === 'firefox') {
      expect(manifest.browser_specific_settings).toEqual({
        gecko: { id: expect.stringMatching(/^[\w.-]+@[\w.-]+$/), strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
        gecko_android: { strict_min_version: '142.0' },
      });
    } else {
      expect(manifest.browser_specific_settings).toBeUndefined();
    }
    // The icon at every size the stores and toolbars ask for, each a PNG of its stated size.
    const icons = { ...manifest.icons, ...manifest.action?.default_icon };
    expect(Object.keys(manifest.icons ?? {}).sort()).toEqual(['128', '16', '32', '48']);
    expect(Object.keys(manifest.action?.default_icon ?? {}).sort()).toEqual(['16', '32']);
    for (const [size, file] of Object.entries(icons)) {
      const png = readFileSync(path.join(dir, file));
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([Number(size), Number(size)]);
    }
  });

  it('marks the seed article in the live page, each sentence with the right kind', async () => {
    expect(expected.summary.outlets.length).toBeGreaterThan(0);
    await page.goto(`${server.origin}${SEED_PATH}`);
    await waitForMarks(page);
    metrics.timeToMarksMs = await page.evaluate(() => Math.round((window as unknown as { __probe: { marksAt: number } }).__probe.marksAt));
    tabId = await driver.tabIdOf(page);

    const texts = await expectSeedMarks(page);
    const want = expectedByKind(expected);
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
    await expect.poll(() => badgeText(driver, tabId)).toBe(String(expected.summary.singleSource));

    await page.evaluate(() => window.scrollTo(0, 360));
    await page.screenshot(artifact('page-marks'));
  });

  it('shows the other outlets’ wording in a tooltip on hover; Escape closes it', async () => {
    const kind: Kind = expectedByKind(expected).conflict.length > 0 ? 'conflict' : 'corroborated';
    const point = await rangePoint(page, HIGHLIGHTS[kind]);
    const sentence = expected.sentences.find((s) => kindOf(s) === kind && fold(s.text).includes(fold(point.text)))!;
    expect(sentence).toBeDefined();
    await page.mouseMove(point.x, point.y);
    await waitFor(page, TOOLTIP, 'visible', 5_000);
    const shown = (await text(page, TOOLTIP)).replace(/\s+/g, ' ');
    for (const match of sentence.matches) {
      expect(shown).toContain(match.outlet);
      expect(shown).toContain(match.title.replace(/\s+/g, ' ').trim());
      expect(shown).toContain(match.text.replace(/\s+/g, ' ').trim());
    }
    // Differences are marked, and conflicts stated.
    expect(await count(page, `${TOOLTIP} ins.cb-there`)).toBeGreaterThan(0);
    if (kind === 'conflict') expect(await count(page, `${TOOLTIP} .cb-conflict`)).toBeGreaterThan(0);
    await page.screenshot(artifact('tooltip'));

    // Moving the pointer into the tooltip keeps it open.
    const box = await boxOf(page, TOOLTIP);
    await page.mouseMove(box.x + 20, box.y + 20, 4);
    await sleep(600);
    expect(await isVisible(page, TOOLTIP)).toBe(true);

    await page.press('Escape');
    await waitFor(page, TOOLTIP, 'detached', 3_000);

    // A click pins it: moving away does not close it; a click elsewhere does.
    const single = await rangePoint(page, HIGHLIGHTS['single-source'], 2);
    await page.mouseClick(single.x, single.y);
    await waitFor(page, TOOLTIP, 'visible', 3_000);
    expect(await text(page, TOOLTIP)).toContain('No other outlet found reporting this claim');
    await page.mouseMove(5, 5, 3);
    await sleep(700);
    expect(await isVisible(page, TOOLTIP)).toBe(true);
    await page.mouseClick(5, 5);
    await waitFor(page, TOOLTIP, 'detached', 3_000);
  });

  it('is reachable by keyboard: a focused link in a sentence, Alt+Shift+N, Escape', async () => {
    // Focusing a link inside a marked sentence opens its comparison without taking focus.
    await page.focus('a[href="/topic/diplomacy"]');
    await waitFor(page, TOOLTIP, 'visible', 3_000);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('/topic/diplomacy');
    await page.press('Escape');
    await waitFor(page, TOOLTIP, 'detached', 3_000);

    // Alt+Shift+N walks the marks with focus in the tooltip; Escape gives focus back.
    await page.focus('a[href="/authors/jane-reporter"]');
    await page.press('Alt+Shift+N');
    await waitFor(page, TOOLTIP, 'visible', 3_000);
    const focused = await page.evaluate(() => {
      const host = document.querySelector('corroborate-ui');
      return document.activeElement === host && host?.shadowRoot?.activeElement?.classList.contains('cb-tooltip');
    });
    expect(focused).toBe(true);
    expect(await text(page, TOOLTIP)).toMatch(/\b1 of \d+/);
    await page.press('Alt+Shift+N');
    await expect.poll(() => text(page, TOOLTIP)).toMatch(/\b2 of \d+/);
    await page.press('Escape');
    await waitFor(page, TOOLTIP, 'detached', 3_000);
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
      // Boxes are compared to within 1/100 px: the page is scrolled now, and Firefox's viewport
      // rects plus scroll offsets round differently (544.40002 vs 544.39999) for a box that has
      // not moved; layout itself has a resolution of 1/60 px, so any real move is larger.
      const moved = layout.flatMap((box, i) => {
        const before = probe.layout[i];
        if (before && box.length === before.length && box.every((v, k) => Math.abs(v - before[k]!) < 0.01)) return [];
        const e = document.querySelectorAll('p, h1, h2, li, figure, aside')[i]!;
        return [`${e.localName}#${i} ${JSON.stringify(before)} → ${JSON.stringify(box)}`];
      });
      return {
        hosts: hosts.length,
        sameDom: clone.outerHTML === probe.snapshot,
        mutations: probe.mutations,
        boxes: [layout.length, probe.layout.length],
        moved,
      };
    });
    expect(result.hosts).toBe(1);
    expect(result.sameDom).toBe(true);
    expect(result.boxes[0]).toBe(result.boxes[1]);
    expect(result.moved).toEqual([]);
    for (const m of result.mutations) {
      const addsHost = m.type === 'childList' && m.target === 'html' && m.added.join() === 'corroborate-ui' && m.removed.length === 0;
      expect(addsHost || m.target === 'corroborate-ui', JSON.stringify(m)).toBe(true);
    }
    expect(page.watch.requests.every((url) => url.startsWith(`${server.origin}/`)), page.watch.requests.join('\n')).toBe(true);
    expect(driver.externalRequests).toEqual([]);
    expect(page.watch.consoleErrors).toEqual([]);
    expect(page.watch.pageErrors).toEqual([]);
  });

  it('popup: the same counts as the command line; clicking a claim scrolls the page to it', async () => {
    const popup = await openPopup(driver, tabId);
    expect(await popupState(popup)).toBe('report');
    expect(await text(popup, testId('outlets'))).toBe(String(expected.summary.outlets.length));
    expect(await text(popup, testId('count-corroborated'))).toBe(String(expected.summary.corroborated));
    expect(await text(popup, testId('count-single-source'))).toBe(String(expected.summary.singleSource));
    expect(await text(popup, testId('close-calls'))).toMatch(new RegExp(`^${expected.summary.closeCalls} close calls?:`));
    expect(await text(popup, testId('count-conflicts'))).toBe(String(expected.summary.conflicts));
    expect(await text(popup, testId('title'))).toBe(expected.article.title);
    expect(await count(popup, '.cb-claim')).toBe(expected.sentences.filter((s) => s.claim).length);
    await popup.screenshot(artifact('popup'));

    // Filters.
    await popup.click('[data-filter="single-source"]');
    expect(await count(popup, '.cb-claim')).toBe(expected.sentences.filter((s) => s.claim && kindOf(s) === 'single-source').length);
    await popup.click('[data-filter="conflicts"]');
    expect(await count(popup, '.cb-claim')).toBe(expected.sentences.filter((s) => s.claim && kindOf(s) === 'conflict').length);
    await popup.click('[data-filter="all"]');

    // A close call (a claim neither matched nor single-source) says which outlet came close, and how.
    const closeCall = expected.sentences.find((s) => s.closeCall);
    expect(closeCall, 'the seed page has a close call').toBeDefined();
    const item = `.cb-claim[data-index="${closeCall!.index}"]`;
    expect(await text(popup, `${item} .cb-claim-kind`)).toBe('Possibly reported elsewhere: a close call');
    expect(await text(popup, `${item} .cb-close-call`)).toBe(closeCall!.closeCall!.text);
    await popup.evaluate((selector) => document.querySelector(selector)!.scrollIntoView(), item);
    await popup.screenshot(artifact('popup-close-call'));

    // Click the last claim (far down the page): the page scrolls to it and flashes it.
    await page.evaluate(() => window.scrollTo(0, 0));
    const index = await popup.evaluate(() => Number([...document.querySelectorAll('.cb-claim')].at(-1)!.getAttribute('data-index')));
    const sentence = expected.sentences.find((s) => s.index === index)!;
    await popup.click(`.cb-claim[data-index="${index}"] .cb-claim-text`);
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
    expect(popup.watch.consoleErrors).toEqual([]);
    expect(popup.watch.pageErrors).toEqual([]);
    await popup.close();
  });

  it('passes axe-core’s accessibility checks: the tooltip of each kind, the popup, the options page', async () => {
    // Firefox over WebDriver BiDi cannot emulate the colour scheme; the stylesheets are the same in both browsers.
    const schemes = name === 'chromium' ? (['light', 'dark'] as const) : (['light'] as const);
    const popup = await openPopup(driver, tabId);
    expect(await popupState(popup)).toBe('report');
    await popup.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    const options = await driver.openExtensionPage('/options.html');
    await options.waitForFunction(() => document.querySelector('input'), undefined);
    const found: string[] = [];
    try {
      for (const scheme of schemes) {
        if (name === 'chromium') for (const p of [page, popup, options]) await p.emulateColorScheme(scheme);
        await page.bringToFront();
        for (const kind of Object.keys(HIGHLIGHTS) as Kind[]) {
          if (expectedByKind(expected)[kind].length === 0) continue;
          const point = await rangePoint(page, HIGHLIGHTS[kind]);
          await page.mouseClick(point.x, point.y);
          await waitFor(page, TOOLTIP, 'visible', 3_000);
          found.push(...(await axeViolations(page, 'corroborate-ui')).map((v) => `${scheme}, tooltip (${kind}): ${v}`));
          await page.press('Escape');
          await waitFor(page, TOOLTIP, 'detached', 3_000);
        }
        found.push(...(await axeViolations(popup)).map((v) => `${scheme}, popup: ${v}`));
        found.push(...(await axeViolations(options)).map((v) => `${scheme}, options: ${v}`));
      }
    } finally {
      if (name === 'chromium') await page.emulateColorScheme('light');
      await popup.close();
      await options.close();
    }
    expect(found).toEqual([]);
  });

  it('options apply to open tabs without a reload', async () => {
    const options = await driver.openExtensionPage('/options.html');
    const marks = 'input[name="marks"]';
    await waitFor(options, marks, 'visible', 10_000);

    await options.setChecked(marks, false);
    await expect.poll(() => ourHighlightCount(page)).toBe(0);
    await options.setChecked(marks, true);
    await expect.poll(async () => Object.keys(await highlightTexts(page)).length).toBeGreaterThan(1);

    await options.setChecked('input[name="kind-single-source"]', false);
    await expect.poll(async () => HIGHLIGHTS['single-source'] in (await highlightTexts(page))).toBe(false);
    expect(HIGHLIGHTS.corroborated in (await highlightTexts(page))).toBe(true);
    await options.setChecked('input[name="kind-single-source"]', true);
    await expect.poll(async () => HIGHLIGHTS['single-source'] in (await highlightTexts(page))).toBe(true);
    await options.screenshot(artifact('options'), { fullPage: true });

    // Sensitivity re-runs the analysis: the popup then agrees with the command line at that sensitivity.
    const loose = cliReport(seedFile, 0.9);
    await options.fill('input[name="sensitivity"]', '0.9');
    await expect
      .poll(
        async () => {
          const popup = await openPopup(driver, tabId);
          await popupState(popup);
          const value = (await count(popup, testId('count-single-source'))) ? await text(popup, testId('count-single-source')) : '';
          await popup.close();
          return value;
        },
        { timeout: 30_000 },
      )
      .toBe(String(loose.summary.singleSource));
    await options.fill('input[name="sensitivity"]', '0.5');

    // A site where it never runs: marks go at once, and the popup says why.
    await options.fill('input[name="site"]', '127.0.0.1');
    await options.click('.cb-site-form button[type="submit"]');
    await expect.poll(() => ourHighlightCount(page)).toBe(0);
    const popup = await openPopup(driver, tabId);
    expect(await popupState(popup)).toBe('excluded');
    await popup.close();
    await options.click('button[aria-label="Remove 127.0.0.1"]');
    await waitForMarks(page);
    expect(options.watch.consoleErrors).toEqual([]);
    await options.close();
  });

  it('reads a page again when its article is rendered by script after it has loaded', async () => {
    const page = await driver.newPage();
    await page.goto(`${server.origin}${LATE_SEED_PATH}`);
    const tabId = await driver.tabIdOf(page);
    await expect.poll(async () => (await pageState(driver, tabId)).status, { timeout: 10_000 }).toBe('not-article');
    await waitForMarks(page);
    await expectSeedMarks(page);
    await expect.poll(() => badgeText(driver, tabId)).toBe(String(expected.summary.singleSource));
    expect(page.watch.consoleErrors).toEqual([]);
    expect(page.watch.pageErrors).toEqual([]);
    await page.close();
  });

  it('re-analyses on single-page-app navigation (history.pushState)', async () => {
    const spa = await driver.newPage();
    await spa.addInitScript(installProbe);
    await spa.goto(`${server.origin}/spa/`);
    await waitForMarks(spa);
    const before = fold(Object.values(await highlightTexts(spa)).flat().join(''));
    expect(before).toContain(fold('Anchorage'));
    await spa.click('#next-story');
    expect(await spa.url()).toBe(`${server.origin}/spa/next`);
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
    const spaTab = await driver.tabIdOf(spa);
    const popup = await openPopup(driver, spaTab);
    expect(await popupState(popup)).toBe('report');
    const singleSource = await text(popup, testId('count-single-source'));
    await expect.poll(() => badgeText(driver, spaTab)).toBe(singleSource);
    expect(await text(popup, testId('title'))).toContain('Summit in Anchorage ends without a ceasefire deal');
    await popup.close();
    expect(spa.watch.consoleErrors).toEqual([]);
    expect(spa.watch.pageErrors).toEqual([]);
    await spa.close();
  });

  it('real pages: nothing breaks; other stories say that no other outlet covers them', async () => {
    const results: Record<string, string> = {};
    const anchoring: Record<string, string> = {};
    metrics.realPages = results;
    metrics.realPagesAnchored = anchoring;
    for (const real of [...REAL_ENGLISH, REAL_FRENCH]) {
      const tab = await driver.newPage();
      await tab.goto(`${server.origin}/pages/${real}/`);
      const id = await driver.tabIdOf(tab);
      const popup = await openPopup(driver, id);
      const state = await popupState(popup);
      results[real] = state;
      if (real !== REAL_FRENCH) {
        // Every sentence of the report is found in the live page (for the popup's "show in page").
        const found = await pageState(driver, id);
        expect(found.status, real).toBe('ready');
        anchoring[real] = `${found.anchored}/${found.sentences}`;
        expect(found.anchored / found.sentences, real).toBeGreaterThanOrEqual(0.95);
      }
      await popup.screenshot(artifact(`popup-${real}`));
      await popup.close();
      expect(state, real).toBe(real === REAL_FRENCH ? 'not-article' : 'no-coverage');
      await expect.poll(() => badgeText(driver, id), { message: real }).toBe('');
      expect(await ourHighlightCount(tab), real).toBe(0);
      expect(await count(tab, 'corroborate-ui'), real).toBe(0);
      expect(tab.watch.pageErrors, real).toEqual([]);
      expect(noisyConsole(tab.watch.consoleErrors), real).toEqual([]);
      await tab.close();
    }
  });

  it('a page too large to check is left alone, and the popup says why', async () => {
    const tab = await driver.newPage();
    await tab.goto(`${server.origin}/news/long-thread`);
    const id = await driver.tabIdOf(tab);
    const popup = await openPopup(driver, id);
    expect(await popupState(popup)).toBe('not-article');
    expect(await text(popup, '.cb-popup')).toContain('Too large to check');
    expect(await axeViolations(popup)).toEqual([]);
    expect(await pageState(driver, id)).toMatchObject({ status: 'not-article', reason: 'size' });
    expect(await ourHighlightCount(tab)).toBe(0);
    await expect.poll(() => badgeText(driver, id)).toBe('');
    expect(tab.watch.pageErrors).toEqual([]);
    expect(popup.watch.pageErrors).toEqual([]);
    await popup.close();
    await tab.close();
  });

  it('popup on a page it cannot read says so, without errors', async () => {
    const other = await driver.newPage();
    await other.goto('about:blank');
    const id = await driver.tabIdOf(other);
    const popup = await openPopup(driver, id);
    expect(await popupState(popup)).toBe('unavailable');
    // Every site is allowed: no steps for allowing one.
    expect(await count(popup, testId('site-access'))).toBe(0);
    expect(await axeViolations(popup)).toEqual([]);
    expect(popup.watch.consoleErrors).toEqual([]);
    expect(popup.watch.pageErrors).toEqual([]);
    await popup.close();
    await other.close();
  });

  it('an extension reload leaves no marks, UI or listeners behind', async () => {
    await page.bringToFront();
    await waitForMarks(page);
    await page.mouseMove(5, 5);
    await driver.reloadExtension();
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
      // Chromium leaves the page alone until it is reloaded; Firefox injects the new content script
      // into open pages at once, which marks the page again, exactly once (platform.clearLeftovers).
      .toEqual(name === 'firefox' ? { highlights: 3, hosts: 0, sheets: 1 } : { highlights: 0, hosts: 0, sheets: 0 });
    // Nothing of the old instance reacts to the pointer or keyboard any more.
    await page.press('Alt+Shift+N');
    await sleep(300);
    expect(await count(page, 'corroborate-ui')).toBe(name === 'firefox' ? 1 : 0);
    expect(page.watch.pageErrors).toEqual([]);
  });

  // Last: in Firefox it takes away access to sites, which only the user can give back.
  it('a site the user has not allowed: the popup says how to allow it', async () => {
    // The popup asks the browser about the sites the content script runs on (platform.PAGE_ORIGINS).
    const manifest = JSON.parse(readFileSync(path.join(driver.extensionDir, 'manifest.json'), 'utf8')) as { content_scripts: { matches: string[] }[] };
    expect(manifest.content_scripts.map((c) => c.matches)).toEqual([PAGE_ORIGINS]);
    // Chromium grants those sites at install and the extension cannot give them up (only the user can
    // restrict them); after the reload above its extension does not run again here. The rest is Firefox's.
    if (name !== 'firefox') return;
    // Firefox (MV3) lets the user withhold the sites (about:addons → Permissions); our script then never runs.
    const removed = await driver.inExtension((origins) => {
      const g = globalThis as unknown as { browser: { permissions: { remove(p: { origins: string[] }): Promise<boolean> } } };
      return g.browser.permissions.remove({ origins });
    }, PAGE_ORIGINS);
    expect(removed).toBe(true);
    const tab = await driver.newPage();
    await tab.goto(`${server.origin}${SEED_PATH}`);
    const id = await driver.tabIdOf(tab);
    const popup = await openPopup(driver, id);
    expect(await popupState(popup)).toBe('unavailable');
    expect(await text(popup, testId('site-access'))).toMatch(/Firefox asks .*allow Corroborate on this site.*about:addons/s);
    expect(await axeViolations(popup)).toEqual([]);
    expect(await count(tab, 'corroborate-ui')).toBe(0);
    expect(popup.watch.consoleErrors).toEqual([]);
    expect(popup.watch.pageErrors).toEqual([]);
    await popup.close();
    await tab.close();
  });
});

describe.each(BROWSERS)('Corroborate in %s, its background stopped before each page', (name) => {
  let driver: Driver;
  beforeAll(async () => {
    driver = await LAUNCH[name]({ allowedOrigin: server.origin, restartableBackground: true });
  });
  afterAll(async () => {
    await driver?.close();
  });

  it.each([
    ['a page ready at once (its request comes before the index is loaded)', SEED_PATH],
    ['a page held up by a slow script (the background primes while it loads)', SLOW_SEED_PATH],
  ])('marks %s as a running background does', async (_, at) => {
    const page = await driver.newPage();
    for (const load of [1, 2]) {
      const before = await driver.backgroundStarts();
      await driver.stopBackground();
      await page.goto(`${server.origin}${at}?load=${load}`);
      await waitForMarks(page);
      expect(await driver.backgroundStarts(), 'a new background').toBeGreaterThan(before);
      await expectSeedMarks(page);
      const tabId = await driver.tabIdOf(page);
      await expect.poll(() => badgeText(driver, tabId)).toBe(String(expected.summary.singleSource));
    }
    expect(page.watch.consoleErrors).toEqual([]);
    expect(page.watch.pageErrors).toEqual([]);
    await page.close();
  });
});
