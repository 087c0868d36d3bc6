/**
 * The reader's own corpus in the browser: add article A (one invented outlet) from the popup, open
 * page B (another outlet on the same story): B's sentences are marked against A. Then export the
 * corpus from the options page, delete everything (B is no longer covered), re-import the pack and
 * reload B: the same marks. Pages are served from localhost; nothing may leave the machine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attribute, axeViolations, BROWSERS, count, LAUNCH, highlightTexts, openPopup, popupState, testId, text, waitFor, type Driver, type DriverPage } from './driver';
import { fold, serve, type Server } from './harness';
import { OUTLET_A, PAGE_A, PAGE_B, PARAGRAPHS_B } from '../fixtures/landslide-pages';

/** B's sentences that A also reports (the engine's verdict on these pages, checked in tests/unit). */
const SHARED_WITH_A = [0, 1, 2, 3, 5].map((i) => PARAGRAPHS_B[i]!);
const ONLY_IN_B = [4, 6, 7].map((i) => PARAGRAPHS_B[i]!);

let server: Server;
beforeAll(async () => {
  server = await serve(
    new Map([
      ['/news/2031/10/14/calder-pass-landslide/', PAGE_A],
      ['/transport/hundreds-stranded-calder-pass/', PAGE_B],
    ]),
  );
});
afterAll(async () => {
  await server?.close();
});

/** Our three kinds of marks' texts, in document order (read in the page's main world). */
async function marks(page: DriverPage): Promise<Record<string, string[]>> {
  const all = await highlightTexts(page);
  return Object.fromEntries(['corroborate-corroborated', 'corroborate-single-source', 'corroborate-conflict'].filter((n) => n in all).map((n) => [n, all[n]!]));
}

describe.each(BROWSERS)('my corpus in %s', (name) => {
  let driver: Driver;
  const urlA = () => `${server.origin}/news/2031/10/14/calder-pass-landslide/`;
  const urlB = () => `${server.origin}/transport/hundreds-stranded-calder-pass/`;

  beforeAll(async () => {
    driver = await LAUNCH[name]({ allowedOrigin: server.origin });
  });
  afterAll(async () => {
    await driver?.close();
  });

  /** Open (or reload) B and wait until the extension has settled on it; returns the popup's state and the marks. */
  async function readB(page: DriverPage): Promise<{ state: string; coverage: string | null; marks: Record<string, string[]> }> {
    await page.goto(urlB());
    const popup = await openPopup(driver, await driver.tabIdOf(page));
    const state = await popupState(popup);
    const coverage = state === 'report' ? await text(popup, testId('coverage')) : null;
    await popup.close();
    if (state === 'report') {
      await page.waitForFunction(() => CSS.highlights.has('corroborate-corroborated'), undefined, 30_000);
    }
    return { state, coverage, marks: await marks(page) };
  }

  it('adds article A from the popup, then marks B against it; export, delete everything, re-import: the same marks', async () => {
    // Without A, nothing in the corpus covers the story.
    const pageB = await driver.newPage();
    const before = await readB(pageB);
    expect(before.state).toBe('no-coverage');
    expect(Object.keys(before.marks)).toEqual([]);

    // A: read, then added from the popup with its site name as the outlet.
    const pageA = await driver.newPage();
    await pageA.goto(urlA());
    const popup = await openPopup(driver, await driver.tabIdOf(pageA));
    expect(await popupState(popup)).toBe('no-coverage');
    await waitFor(popup, `${testId('add-article')} input[name="outlet"]`, 'visible', 10_000);
    expect(await popup.evaluate(() => (document.querySelector('input[name="outlet"]') as HTMLInputElement).value)).toBe(OUTLET_A);
    expect(await text(popup, '.cb-add-meta')).toContain('2031-10-14');
    expect(await count(popup, testId('auto-collect'))).toBe(0); // auto-collect is off by default
    expect(await axeViolations(popup)).toEqual([]);
    await popup.fill('input[name="outlet"]', `${OUTLET_A} `); // edited (trailing space trimmed on save)
    await popup.click('.cb-add-form button[type="submit"]');
    await waitFor(popup, '[data-result="added"]', 'visible', 15_000);
    expect(await text(popup, '[data-result="added"]')).toContain(OUTLET_A);
    await popup.close();

    // The same popup again: A is now in my corpus, no second copy.
    const again = await openPopup(driver, await driver.tabIdOf(pageA));
    await popupState(again);
    await waitFor(again, '[data-result="duplicate"]', 'visible', 10_000);
    expect(await text(again, '[data-result="duplicate"]')).toContain('already in your corpus');
    await again.close();

    // B: its sentences are marked against A.
    const withA = await readB(pageB);
    expect(withA.state).toBe('report');
    expect(withA.coverage).toContain(OUTLET_A);
    const corroborated = fold((withA.marks['corroborate-corroborated'] ?? []).join(''));
    for (const sentence of SHARED_WITH_A) expect(corroborated).toContain(fold(sentence));
    const singleSource = fold((withA.marks['corroborate-single-source'] ?? []).join(''));
    for (const sentence of ONLY_IN_B) expect(singleSource).toContain(fold(sentence));

    // Options: A is listed; export the corpus (a blob download, captured in the page).
    const options = await driver.openExtensionPage('/options.html');
    await waitFor(options, `${testId('corpus-list')} li`, 'visible', 15_000);
    expect(await count(options, `${testId('corpus-list')} > li`)).toBe(1);
    expect(await text(options, testId('storage-used'))).toMatch(/^Storage used: 1 article, about [\d.]+ KB of text/);
    expect(await axeViolations(options)).toEqual([]);
    await options.evaluate(() => {
      const original = URL.createObjectURL.bind(URL);
      const w = window as unknown as { exported?: Promise<string> };
      URL.createObjectURL = (blob: Blob | MediaSource) => {
        w.exported = (blob as Blob).text();
        return original(blob);
      };
    });
    await options.click(testId('export'));
    await options.waitForFunction(() => (window as unknown as { exported?: unknown }).exported !== undefined, undefined, 10_000);
    const packText = await options.evaluate(() => (window as unknown as { exported: Promise<string> }).exported);
    const pack = JSON.parse(packText) as { format: string; version: number; articles: { outlet: string; url?: string; text: string }[] };
    expect(pack.format).toBe('corroborate-corpus-pack');
    expect(pack.version).toBe(1);
    expect(pack.articles.map((a) => [a.outlet, a.url])).toEqual([[OUTLET_A, urlA()]]);

    // Delete everything (asked twice): B is no longer covered.
    await options.click(testId('delete-all'));
    await options.click(testId('confirm-delete-all'));
    await waitFor(options, testId('corpus-empty'), 'visible', 15_000);
    const wiped = await readB(pageB);
    expect(wiped.state).toBe('no-coverage');
    expect(Object.keys(wiped.marks)).toEqual([]);

    // A foreign file is refused with a clear message, and changes nothing.
    const importFile = (name: string, content: string) =>
      options.evaluate(
        ({ name, content }) => {
          const input = document.querySelector('[data-testid="import-file"]') as HTMLInputElement;
          const transfer = new DataTransfer();
          transfer.items.add(new File([content], name, { type: 'application/json' }));
          input.files = transfer.files;
          input.dispatchEvent(new Event('change', { bubbles: true }));
        },
        { name, content },
      );
    await importFile('bookmarks.json', '{"roots": {}}');
    await waitFor(options, `${testId('corpus-note')}[data-kind="error"]`, 'visible', 15_000);
    expect(await text(options, testId('corpus-note'))).toContain('bookmarks.json: is not a corpus pack');
    expect(await count(options, testId('corpus-empty'))).toBe(1);

    // Re-import the exported pack: A is back, and B gets the same marks as before.
    await importFile('my-corpus.json', packText);
    await waitFor(options, `${testId('corpus-note')}[data-kind="ok"]`, 'visible', 15_000);
    expect(await text(options, testId('corpus-note'))).toBe('Imported 1 article from my-corpus.json.');
    await waitFor(options, `${testId('corpus-list')} li`, 'visible', 15_000);
    const reimported = await readB(pageB);
    expect(reimported.state).toBe('report');
    expect(reimported.marks).toEqual(withA.marks);
    await options.close();

    // Nothing left the machine (data: URIs, such as a font Firefox decodes for the page, are not requests out).
    expect(driver.externalRequests).toEqual([]);
    for (const page of [pageA, pageB]) {
      const network = page.watch.requests.filter((url) => !url.startsWith('data:'));
      expect(network.every((url) => url.startsWith(`${server.origin}/`)), network.join('\n')).toBe(true);
    }
  });

  it('auto-collects articles on a chosen site when turned on, and says so in the popup', async () => {
    const options = await driver.openExtensionPage('/options.html');
    await waitFor(options, testId('my-corpus'), 'visible', 15_000);
    // Start empty (the previous test left A in the corpus).
    await options.waitForFunction(() => document.querySelector('[data-testid="corpus-list"], [data-testid="corpus-empty"]') !== null, undefined, 15_000);
    if ((await count(options, `${testId('corpus-list')} li`)) > 0) {
      await options.click(testId('delete-all'));
      await options.click(testId('confirm-delete-all'));
    }
    await waitFor(options, testId('corpus-empty'), 'visible', 15_000);
    await options.setChecked('input[name="autoCollect"]', true);
    await options.fill('input[name="collectSite"]', new URL(server.origin).hostname);
    await options.click('input[name="collectSite"] + button');
    await waitFor(options, '.cb-sites li', 'visible');

    const pageA = await driver.newPage();
    await pageA.goto(urlA());
    const popup = await openPopup(driver, await driver.tabIdOf(pageA));
    expect(await popupState(popup)).toBe('no-coverage');
    await waitFor(popup, testId('auto-collect'), 'visible', 10_000);
    expect(await attribute(popup, testId('auto-collect'), 'data-site')).toBe('on');
    expect(await text(popup, testId('auto-collect'))).toContain('Auto-collect is on for this site');
    await popup.close();
    // A was added without a click (just after its analysis): a freshly opened options page lists it.
    await expect
      .poll(
        async () => {
          const fresh = await driver.openExtensionPage('/options.html');
          try {
            await fresh.waitForFunction(() => document.querySelector('[data-testid="corpus-list"], [data-testid="corpus-empty"]') !== null, undefined, 10_000);
            return (await count(fresh, `${testId('corpus-list')} li`)) > 0 ? await text(fresh, `${testId('corpus-list')} li`) : '';
          } finally {
            await fresh.close();
          }
        },
        { timeout: 20_000, interval: 500 },
      )
      .toContain(OUTLET_A);

    // B is then marked against A.
    const pageB = await driver.newPage();
    const b = await readB(pageB);
    expect(b.state).toBe('report');
    expect(b.coverage).toContain(OUTLET_A);

    // Off again: nothing more is collected, and the popup no longer shows the indicator.
    await options.setChecked('input[name="autoCollect"]', false);
    const again = await openPopup(driver, await driver.tabIdOf(pageB));
    await popupState(again);
    await waitFor(again, testId('add-article'), 'visible', 10_000);
    expect(await count(again, testId('auto-collect'))).toBe(0);
    await again.close();
    await options.close();
  });
});
