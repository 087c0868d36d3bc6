import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { extractArticle } from '../../lib/extract';
import { parseHtml } from '../../lib/html';
import { articleSentences } from '../../lib/report';
import { foldText, locateQuotes, type TextSpan } from '../../lib/anchor';

function body(html: string): HTMLElement {
  const { document } = parseHTML(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`);
  return document.body as unknown as HTMLElement;
}

/** The text the spans cover, joined. */
function covered(spans: TextSpan[]): string {
  return spans.map((s) => s.node.data.slice(s.start, s.end)).join('');
}

/** Spans of each quote (linkedom has no usable Range; the browser tests cover Range creation). */
function anchor(root: Node, quotes: string[]): TextSpan[][] {
  return locateQuotes(root, quotes).map((q) => q.spans);
}

describe('anchor', () => {
  it('finds a sentence across links, emphasis and a <br>', () => {
    const root = body(
      `<nav>Home News Sport</nav><article><p>The two met in <a href="/x">Anchorage,\n  Alaska</a>, today for <em>what was</em>
      projected<br>to be several hours of talks. Then they left.</p></article>`,
    );
    const [ranges] = anchor(root, ['The two met in Anchorage, Alaska, today for what was projected to be several hours of talks.']);
    expect(ranges).toBeDefined();
    expect(ranges!.length).toBe(6);
    // The <br> is not text: the covered text runs straight on across it.
    expect(covered(ranges!).replace(/\s+/g, ' ')).toBe(
      'The two met in Anchorage, Alaska, today for what was projectedto be several hours of talks.',
    );
    // The first range starts at the sentence, not at the paragraph start of an earlier node.
    expect(ranges![0]!.start).toBe(0);
    expect(ranges![5]!.node.data.slice(ranges![5]!.end)).toBe(' Then they left.');
  });

  it('folds typographic quotes, dashes and non-breaking spaces', () => {
    const root = body('<p>Mr Trump said it was \u201cvery\u00a0productive\u201d \u2014 and left.</p>');
    const [ranges] = anchor(root, ['Mr Trump said it was "very productive" - and left.']);
    expect(ranges!.length).toBe(1);
  });

  it('falls back to an approximate match when the wording differs slightly', () => {
    const root = body(
      '<p>Intro sentence here.</p><p>Both leaders claimed that unspecified progress had been made during their three-hour meeting [1].</p>',
    );
    const [found] = locateQuotes(root, [
      'Both leaders claimed that unspecified progress had been made during their three hour meeting.',
    ]);
    expect(found!.method).toBe('approximate');
    expect(found!.errors).toBeGreaterThan(0);
    const text = covered(found!.spans);
    expect(text.startsWith('Both leaders')).toBe(true);
    expect(text).toContain('three-hour meeting');
  });

  it('returns no ranges for a sentence that is not on the page', () => {
    const root = body('<p>Something else entirely, about the weather in Lisbon this spring.</p>');
    const [ranges] = anchor(root, ['The talks lasted around two and a half hours at the air base in Anchorage.']);
    expect(ranges).toEqual([]);
  });

  it('prefers the occurrence after the previous quote (teaser before the article)', () => {
    const root = body(
      '<aside><p>No deal was reached.</p></aside><article><p>The summit closed.</p><p>No deal was reached.</p></article>',
    );
    const article = root.querySelector('article')!;
    const [first, second] = anchor(root, ['The summit closed.', 'No deal was reached.']);
    expect(article.contains(first![0]!.node)).toBe(true);
    expect(article.contains(second![0]!.node)).toBe(true);
  });

  it('skips scripts, styles and hidden elements', () => {
    const root = body(
      '<p>Putin spoke <span style="display:none">HIDDEN</span>first<script>var x = 1;</script>, then Trump.</p>',
    );
    const [ranges] = anchor(root, ['Putin spoke first, then Trump.']);
    expect(covered(ranges!)).not.toContain('HIDDEN');
    expect(covered(ranges!)).not.toContain('var');
  });

  it('anchors a very long quote by its ends', () => {
    const words = Array.from({ length: 900 }, (_, i) => `word${i}`);
    const page = words.join(' ');
    const quote = words.map((w, i) => (i === 450 ? 'CHANGED' : w)).join(' ');
    const root = body(`<p>Before.</p><p>${page}</p><p>After.</p>`);
    const [found] = locateQuotes(root, [quote]);
    expect(found!.method).toBe('approximate');
    expect(covered(found!.spans)).toBe(page);
  });

  it('folds without changing length relations', () => {
    expect(foldText('A \u201cB\u201d\u00a0\u2014 c')).toBe('a"b"-c');
  });
});

describe('anchor on a real page', () => {
  it('finds every sentence of the report in the page, the items of a list of statements too (bbc-1)', () => {
    const html = readFileSync(path.resolve(__dirname, '../../../shared/pages/bbc-1/source.html'), 'utf8');
    const article = extractArticle(parseHtml(html));
    expect(article).not.toBeNull();
    const sentences = articleSentences(article!).filter((s) => !s.boilerplate);
    const listed = sentences.filter((s) => s.listed);
    expect(listed.map((s) => s.text)).toContain('He is confident the Iran nuclear deal will be passed by Congress');
    const found = anchor(parseHtml(html).body as unknown as Node, sentences.map((s) => s.text));
    const missing = sentences.filter((_, i) => found[i]!.length === 0).map((s) => s.text);
    expect(missing).toEqual([]);
  });
});
