import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { articleFromText, extractArticle, isProbablyArticle } from '../../lib/extract';
import { parseHtml } from '../../lib/html';

const PAGES_DIR = path.resolve(__dirname, '../../../shared/pages');
const SEEDS_DIR = path.resolve(__dirname, '../../../shared/seeds');

interface ExpectedMetadata {
  title: string;
  byline: string | null;
  lang?: string;
  siteName: string | null;
  publishedTime: string | null;
  readerable: boolean;
}

const pages = readdirSync(PAGES_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

const read = (...parts: string[]): string => readFileSync(path.join(...parts), 'utf8');
const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();
const words = (s: string): string[] => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** Share of `expected`'s words (with multiplicity) also found in `actual`, order ignored. */
function coverage(expected: string[], actual: string[]): number {
  const bag = new Map<string, number>();
  for (const w of actual) bag.set(w, (bag.get(w) ?? 0) + 1);
  let found = 0;
  for (const w of expected) {
    const n = bag.get(w) ?? 0;
    if (n > 0) {
      found++;
      bag.set(w, n - 1);
    }
  }
  return expected.length === 0 ? 1 : found / expected.length;
}

describe('extractArticle on real pages (../shared/pages)', () => {
  it('finds the pages', () => {
    expect(pages.length).toBeGreaterThanOrEqual(9);
  });

  it.each(pages)('%s', (page) => {
    const dir = path.join(PAGES_DIR, page);
    const html = read(dir, 'source.html');
    const meta = JSON.parse(read(dir, 'expected-metadata.json')) as ExpectedMetadata;
    const url = `https://news.example.com/${page}`;

    const doc = parseHtml(html, url);
    const before = doc.documentElement.outerHTML;
    const gate = isProbablyArticle(doc);
    const article = extractArticle(doc);

    expect(gate).toBe(meta.readerable);
    expect(article).not.toBeNull();
    if (!article) return;

    // Neither the gate nor the extraction touches the live document.
    expect(doc.documentElement.outerHTML).toBe(before);

    // Title: expected-metadata.json is Readability's own output on this page, and we pass
    // Readability's title through, so we require equality up to whitespace. Anything looser
    // ("close enough") would hide a regression in the DOM layer (linkedom vs jsdom) that
    // Readability's heuristics depend on. guardian-1's "| Eleanor Ainge Roy" suffix is part of
    // what Readability reports, not our doing.
    expect(article.title).toBe(collapse(meta.title));

    // Language: the primary subtag of what the page states ("en-us" → "en"); cnn and wapo-1
    // state none, and we do not guess here (lib/language.ts does, see language.test.ts).
    const lang = meta.lang ? meta.lang.split('-')[0]!.toLowerCase() : null;
    expect(article.language).toBe(lang);

    if (meta.siteName) expect(article.siteName).toBe(collapse(meta.siteName));
    if (meta.byline) expect(article.byline).toBe(collapse(meta.byline));
    if (meta.publishedTime) expect(article.published).toBe(meta.publishedTime.replace(' ', 'T'));
    expect(article.url).toBe(url);

    // Text: covers expected.html's words (bag of words, order-insensitive), not much longer.
    const expectedText = parseHtml(read(dir, 'expected.html')).body.textContent ?? '';
    const expectedWords = words(expectedText);
    const actualWords = words(article.text);
    const cov = coverage(expectedWords, actualWords);
    const ratio = actualWords.length / expectedWords.length;
    expect(cov).toBeGreaterThanOrEqual(0.9);
    expect(ratio).toBeLessThanOrEqual(1.5);

    // Shape: paragraphs are collapsed, trimmed, non-empty, and make up the text.
    expect(article.text).toBe(article.paragraphs.join('\n'));
    for (const p of article.paragraphs) {
      expect(p).not.toBe('');
      expect(p).toBe(collapse(p));
    }
  });

  it('reads the publication date from meta tags when Readability finds none (cnn: DC.date.issued)', () => {
    const article = extractArticle(parseHtml(read(PAGES_DIR, 'cnn', 'source.html')));
    expect(article?.published).toBe('2016-02-01T01:28:49');
    // No url given and none in the document: no url.
    expect(article?.url).toBeNull();
  });
});

const SYNTHETIC = `<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>Harbour bridge to close for six weeks of repairs | The Daily Example</title>
  <meta property="og:title" content="Harbour bridge to close for six weeks of repairs">
  <meta property="og:site_name" content="The Daily Example">
  <meta name="author" content="Jane Doe">
  <meta name="dc.date.issued" content="2024-03-05T09:30:00Z">
</head>
<body>
  <header class="site-header">
    <nav class="main-nav">
      <ul>
        <li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
        <li><a href="/weather">Weather</a></li><li><a href="/login">Sign in</a></li>
      </ul>
    </nav>
  </header>
  <div class="ad-banner advertisement" id="ad-top">Advertisement: Buy one mattress, get a second mattress free this weekend only!</div>
  <main>
    <article class="article-body">
      <h1>Harbour bridge to close for six weeks of repairs</h1>
      <p>The city's harbour bridge will close to all traffic for six weeks from 1 April, the transport authority said on Tuesday, so that engineers can replace corroded steel cables.</p>
      <p>Commuters face <em>significant</em> delays, according to <a href="/transport">the transport
        authority</a>, which expects about 40,000 vehicles a day to be diverted through the tunnel.</p>
      <p>The mayor, Anna Smith, said the closure was unavoidable.<br>She added that free ferry services would run every ten minutes during the morning and evening peaks.</p>
      <figure><img src="/img/bridge.jpg" alt="The bridge at dusk"><figcaption>The harbour bridge at dusk. Photo: City Council</figcaption></figure>
      <p style="display:none">Subscribe to read more hidden text.</p>
      <blockquote><p>"We cannot put off this work any longer without putting lives at risk," the chief engineer said.</p></blockquote>
      <p>The repairs are expected to cost 12 million pounds, twice the original estimate published in 2022, and will be paid for from the city's infrastructure reserve.</p>
      <p>The work will run in three stages:<br>1. Cables on the north span, from 1 April.<br>2. Cables on the south span, from 15 April.<br>3. Resurfacing, in the final week.</p>
      <ul>
        <li>Cyclists and pedestrians may still use the east footpath.</li>
        <li>Buses will be rerouted through the tunnel.</li>
      </ul>
      <div>The authority will publish a map of diversions on its website next week.<p>Residents can also request a printed copy by post.</p>Deliveries to the harbour market will continue overnight.</div>
      <p>Local businesses near the southern approach have asked for compensation, saying that the last closure, in 2019, cut their takings by a third over a whole summer.</p>
    </article>
    <aside class="related sidebar">
      <h2>Related stories</h2>
      <ul>
        <li><a href="/a">Tunnel tolls to rise in June</a></li>
        <li><a href="/b">Ferry operator wins new contract</a></li>
        <li><a href="/c">Ten things to do this weekend</a></li>
      </ul>
    </aside>
    <div class="ad advertisement sponsored">Sponsored: Cheap flights to Lisbon from 19 pounds, book now!</div>
  </main>
  <footer class="site-footer"><p>© 2024 The Daily Example. All rights reserved. <a href="/privacy">Privacy</a></p></footer>
</body>
</html>`;

describe('extractArticle on a synthetic news page', () => {
  const url = 'https://news.example.com/2024/03/05/bridge';

  it('extracts the body paragraphs in order, inline markup flattened, <br> kept inside its paragraph unless a numbered line follows', () => {
    const article = extractArticle(parseHtml(SYNTHETIC, url));
    expect(article).not.toBeNull();
    expect(article?.paragraphs).toEqual([
      "The city's harbour bridge will close to all traffic for six weeks from 1 April, the transport authority said on Tuesday, so that engineers can replace corroded steel cables.",
      'Commuters face significant delays, according to the transport authority, which expects about 40,000 vehicles a day to be diverted through the tunnel.',
      'The mayor, Anna Smith, said the closure was unavoidable. She added that free ferry services would run every ten minutes during the morning and evening peaks.',
      '"We cannot put off this work any longer without putting lives at risk," the chief engineer said.',
      "The repairs are expected to cost 12 million pounds, twice the original estimate published in 2022, and will be paid for from the city's infrastructure reserve.",
      'The work will run in three stages:',
      '1. Cables on the north span, from 1 April.',
      '2. Cables on the south span, from 15 April.',
      '3. Resurfacing, in the final week.',
      'Cyclists and pedestrians may still use the east footpath.',
      'Buses will be rerouted through the tunnel.',
      'The authority will publish a map of diversions on its website next week.',
      'Residents can also request a printed copy by post.',
      'Deliveries to the harbour market will continue overnight.',
      'Local businesses near the southern approach have asked for compensation, saying that the last closure, in 2019, cut their takings by a third over a whole summer.',
    ]);
    expect(article?.text).toBe(article?.paragraphs.join('\n'));
  });

  it('leaves out navigation, ads, related links, photo captions, the footer and hidden text', () => {
    const text = extractArticle(parseHtml(SYNTHETIC, url))?.text ?? '';
    for (const junk of ['Home', 'Sign in', 'Advertisement', 'mattress', 'Sponsored', 'Lisbon', 'Related stories', 'Tunnel tolls', 'bridge at dusk', 'City Council', 'All rights reserved', 'Subscribe']) {
      expect(text).not.toContain(junk);
    }
  });

  it('fills the metadata', () => {
    const article = extractArticle(parseHtml(SYNTHETIC, url));
    expect(article).toMatchObject({
      title: 'Harbour bridge to close for six weeks of repairs',
      byline: 'Jane Doe',
      siteName: 'The Daily Example',
      published: '2024-03-05T09:30:00Z',
      language: 'en',
      url,
    });
    expect(extractArticle(parseHtml(SYNTHETIC, url), { url: 'https://elsewhere.example/x' })?.url).toBe(
      'https://elsewhere.example/x',
    );
    expect(extractArticle(parseHtml(SYNTHETIC))?.url).toBeNull();
  });

  it('does not modify the live document', () => {
    const doc = parseHtml(SYNTHETIC, url);
    const before = doc.documentElement.outerHTML;
    isProbablyArticle(doc);
    extractArticle(doc);
    extractArticle(doc);
    expect(doc.documentElement.outerHTML).toBe(before);
    // …and extraction is repeatable.
    expect(extractArticle(doc)).toEqual(extractArticle(parseHtml(SYNTHETIC, url)));
  });

  it('is gated in as an article', () => {
    expect(isProbablyArticle(parseHtml(SYNTHETIC, url))).toBe(true);
  });
});

describe('non-article pages', () => {
  const LOGIN = `<!DOCTYPE html><html lang="en"><head><title>Sign in - Example Mail</title></head><body>
    <nav><ul><li><a href="/">Home</a></li><li><a href="/help">Help</a></li><li><a href="/signup">Create account</a></li></ul></nav>
    <main><h1>Sign in</h1>
      <form action="/login" method="post">
        <label>Email <input type="email" name="email"></label>
        <label>Password <input type="password" name="password"></label>
        <button type="submit">Sign in</button>
      </form>
      <p><a href="/forgot">Forgot your password?</a></p>
    </main>
    <footer><p>© Example Mail</p></footer></body></html>`;

  it('a login page is not probably an article', () => {
    expect(isProbablyArticle(parseHtml(LOGIN))).toBe(false);
  });

  it('an empty document yields no article', () => {
    expect(extractArticle(parseHtml(''))).toBeNull();
    expect(isProbablyArticle(parseHtml(''))).toBe(false);
  });
});

describe('articleFromText', () => {
  const seedFile = readdirSync(SEEDS_DIR).find((f) => /^000_.*\.txt$/.test(f));

  it('makes one paragraph per non-blank line of a seed file', () => {
    expect(seedFile).toBeDefined();
    const text = read(SEEDS_DIR, seedFile!);
    const article = articleFromText(text);
    const lines = text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '');
    expect(article.paragraphs).toEqual(lines);
    expect(article.text).toBe(lines.join('\n'));
    expect(article).toMatchObject({ title: null, byline: null, siteName: null, published: null, language: null, url: null });
  });

  it('takes a title, handles CRLF and blank lines', () => {
    const article = articleFromText('  First line. \r\n\r\n\t\nSecond line.\r\n', { title: 'A title' });
    expect(article.title).toBe('A title');
    expect(article.paragraphs).toEqual(['First line.', 'Second line.']);
    expect(article.text).toBe('First line.\nSecond line.');
    expect(articleFromText('').paragraphs).toEqual([]);
  });

  it('takes a short first line without closing punctuation as the headline, keeping it in the text', () => {
    const article = articleFromText('Putin, Trump end Alaska talks without Ukraine truce\nThe two leaders met for about three hours.');
    expect(article.title).toBe('Putin, Trump end Alaska talks without Ukraine truce');
    expect(article.paragraphs).toHaveLength(2);
    // A sentence, a lone line, or a given title: no headline guessed.
    expect(articleFromText('The two leaders met.\nThey spoke for three hours.').title).toBeNull();
    expect(articleFromText('Putin, Trump end Alaska talks').title).toBeNull();
    expect(articleFromText('A headline\nText.', { title: 'Given' }).title).toBe('Given');
  });
});

describe('parseHtml', () => {
  it('gives fragments a head and a body', () => {
    const doc = parseHtml('<title>T</title><p>Hello <b>world</b></p>');
    expect(doc.documentElement.tagName).toBe('HTML');
    expect(doc.title).toBe('T');
    expect(doc.body.innerHTML).toBe('<p>Hello <b>world</b></p>');
  });

  it('moves content outside <body> into it, in order', () => {
    const doc = parseHtml('<html><head><title>T</title></head><p>one</p><body><p>two</p></body><p>three</p></html>');
    expect(Array.from(doc.body.children).map((p) => p.textContent)).toEqual(['one', 'two', 'three']);
    expect(doc.title).toBe('T');
    // A stray element between <head> and <body> must not make linkedom create a second body.
    const stray = parseHtml('<html><head></head><div>one</div><body><p>two</p></body></html>');
    expect(stray.documentElement.outerHTML).toBe('<html><head></head><body><div>one</div><p>two</p></body></html>');
    expect(stray.getElementsByTagName('body').length).toBe(1);
  });

  it('sets the document URL and resolves <base href> against it', () => {
    const doc = parseHtml('<html><head><base href="/news/"></head><body><p>x</p></body></html>', 'https://example.com/a/b.html');
    expect(doc.URL).toBe('https://example.com/a/b.html');
    expect(doc.documentURI).toBe('https://example.com/a/b.html');
    expect(doc.baseURI).toBe('https://example.com/news/');
    expect(parseHtml('<p>x</p>').documentURI).toBe('about:blank');
  });

  it('lets Readability resolve relative links against the page URL', async () => {
    const { Readability } = await import('@mozilla/readability');
    // Readability may mutate this throwaway document.
    const content = new Readability(parseHtml(SYNTHETIC, 'https://news.example.com/2024/03/05/bridge')).parse()?.content;
    expect(content).toContain('href="https://news.example.com/transport"');
  });
});
