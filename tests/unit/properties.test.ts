/**
 * Properties that hold for any input (fast-check): page text is untrusted, so the engine must never throw
 * on it and must keep its promises (verbatim offsets, diffs that rebuild both sentences, conflicts quoted
 * from the sentences). Texts are built from the bundled corpus's own words and marks, so that matching,
 * quotes, amounts and names are exercised, not only the early exits. Fixed seeds keep CI reproducible.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_PACK_FORMAT, CorpusError, parseCorpusFile, parseCorpusPack, type CorpusIndex } from '../../lib/corpus';
import { splitSentences } from '../../lib/sentences';
import { judgeClaim } from '../../lib/claims';
import { findConflicts, rewordsQuotation, wordDiff } from '../../lib/compare';
import { articleFromText, extractArticle } from '../../lib/extract';
import { parseHtml } from '../../lib/html';
import { analyze } from '../../lib/report';
import { foldText, locateQuotes } from '../../lib/anchor';
import { loadBundledCorpus } from '../../bin/corpus';
import { parseArticle, parseReport } from '../../lib/extension/schemas';
import { expectWellFormed } from '../fixtures/well-formed';

let corpus: CorpusIndex;
let sentence: fc.Arbitrary<string>;
let article: fc.Arbitrary<string>;

beforeAll(() => {
  corpus = loadBundledCorpus();
  const words = [...new Set(corpus.sentences.flatMap((s) => s.text.split(/\s+/)))].filter(Boolean);
  const odd = ['Mr.', 'U.S.', 'St.', '2.5', '$1,200', '—', '-', '…', '“', '”', '"', '‘', '’', '(', ')', '?', '!', ':', ';', 'é', '\u200b', '\u00a0', '🙂', 'Ω', '\t'];
  const token = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...words) }, { weight: 2, arbitrary: fc.constantFrom(...odd) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) });
  const separator = fc.constantFrom(' ', ' ', ' ', '', '. ', ', ', '\n');
  sentence = fc.array(fc.tuple(token, separator), { minLength: 1, maxLength: 30 }).map((parts) => parts.map(([t, s]) => t + s).join('').trim());
  article = fc.array(sentence, { minLength: 1, maxLength: 14 }).map((lines) => lines.join('\n'));
});

const seeded = (seed: number, numRuns = 100) => ({ seed, numRuns });

/** The comparison's promises: the diff rebuilds both wordings, and every conflict quotes both sentences. */
function expectComparable(here: string, there: string): void {
  const parts = wordDiff(here, there);
  expect(parts.filter((p) => p.side !== 'there').map((p) => p.text).join('')).toBe(here);
  expect(parts.filter((p) => p.side !== 'here').map((p) => p.text).join('')).toBe(there);
  for (const c of findConflicts(here, there)) {
    expect(here).toContain(c.here);
    expect(there).toContain(c.there);
  }
}

describe('properties on any text', () => {
  it('sentences are verbatim, in order, trimmed and never overlap', () => {
    fc.assert(
      fc.property(fc.oneof(article, fc.string({ maxLength: 300 })), (text) => {
        let previousEnd = 0;
        for (const s of splitSentences(text)) {
          expect(text.slice(s.start, s.end)).toBe(s.text);
          expect(s.text.length).toBeGreaterThan(0);
          expect(s.text.trim()).toBe(s.text);
          expect(s.start).toBeGreaterThanOrEqual(previousEnd);
          previousEnd = s.end;
        }
      }),
      seeded(1),
    );
  });

  it('a claim verdict always has a reason', () => {
    fc.assert(
      fc.property(fc.oneof(sentence, fc.string({ maxLength: 200 })), (text) => {
        const verdict = judgeClaim(text);
        expect(typeof verdict.claim).toBe('boolean');
        expect(verdict.reason.length).toBeGreaterThan(0);
      }),
      seeded(2),
    );
  });

  it('a diff rebuilds both wordings, and every conflict quotes both sentences', () => {
    fc.assert(
      fc.property(sentence, sentence, expectComparable),
      seeded(3, 300),
    );
  });

  it('a corpus sentence compared with an edited copy of itself: the diff rebuilds both, conflicts quote both', () => {
    // Edits of a real sentence reach the comparison's deeper paths (aligned quotes, amounts, names, negation).
    const real = fc.constantFrom(...corpus.sentences.map((c) => c.text));
    const edited = fc.tuple(real, fc.nat(), fc.nat(), sentence).map(([s, at, length, insert]) => {
      const from = at % (s.length + 1);
      return [s, s.slice(0, from) + insert + s.slice(from + (length % 12))] as const;
    });
    fc.assert(
      fc.property(edited, ([here, there]) => expectComparable(here, there)),
      seeded(4, 300),
    );
  });

  it('a sentence never conflicts with itself, nor with itself in other quotation marks or spacing', () => {
    const real = fc.constantFrom(...corpus.sentences.map((c) => c.text));
    const restyled = (text: string) => text.replace(/[“”]/g, '"').replace(/[‘’]/g, "'").replace(/ +/g, '  ');
    fc.assert(
      fc.property(fc.oneof(real, sentence), (text) => {
        expect(findConflicts(text, text)).toEqual([]);
        expect(wordDiff(text, text).every((part) => part.side === 'same')).toBe(true);
        expect(findConflicts(text, restyled(text))).toEqual([]);
      }),
      seeded(12, 200),
    );
  });

  it('a sentence never rewords a quotation of its own, nor of itself in other quotation marks or spacing', () => {
    const real = fc.constantFrom(...corpus.sentences.map((c) => c.text));
    const restyled = (text: string) => text.replace(/[“”]/g, '"').replace(/ +/g, '  ');
    fc.assert(
      fc.property(fc.oneof(real, sentence), (text) => {
        expect(rewordsQuotation(text, text)).toBe(false);
        expect(rewordsQuotation(text, restyled(text))).toBe(false);
      }),
      seeded(13, 300),
    );
  });

  it('a report on any text is well formed', () => {
    fc.assert(
      fc.property(article, (text) => {
        expectWellFormed(analyze(articleFromText(text), corpus), corpus);
      }),
      seeded(5, 60),
    );
  });

  it('a report on corpus sentences shuffled and cut is well formed', () => {
    // Real sentences of the story, in another order, some cut short: many matches, conflicts and close calls.
    const story = fc
      .array(fc.tuple(fc.nat(corpus.sentences.length - 1), fc.nat(100)), { minLength: 2, maxLength: 20 })
      .map((picks) =>
        picks
          .map(([id, cut]) => {
            const s = corpus.sentences[id]!.text;
            return cut < 70 ? s : s.slice(0, Math.ceil((s.length * cut) / 100));
          })
          .join('\n'),
      );
    fc.assert(
      fc.property(story, (text) => {
        const article = articleFromText(text);
        const report = analyze(article, corpus);
        expectWellFormed(report, corpus);
        // What the background sends and the views accept: the message schemas take every real article and report.
        expect(parseArticle(JSON.parse(JSON.stringify(article)))).toEqual(article);
        expect(parseReport(JSON.parse(JSON.stringify(report)))).toEqual(report);
      }),
      seeded(6, 40),
    );
  });
});

describe('properties on pages', () => {
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

  it('every sentence is found in a page that wraps its words in links, emphasis and line breaks', () => {
    // Each word, escaped, either as it is or inside inline markup; spaces sometimes become <br>.
    const markup = fc.constantFrom('', '', '', 'a', 'em', 'strong', 'span');
    const page = fc.array(article, { minLength: 1, maxLength: 3 }).chain((texts) => {
      const words = texts.join('\n').split(/(\s+)/);
      return fc.array(fc.tuple(markup, fc.boolean()), { minLength: words.length, maxLength: words.length }).map((wraps) => {
        const html = words
          .map((w, i) => {
            const [tag, br] = wraps[i]!;
            if (/^\s+$/.test(w)) return w.includes('\n') ? '</p><p>' : br ? '<br>' : w;
            return tag ? `<${tag}>${escape(w)}</${tag}>` : escape(w);
          })
          .join('');
        return { text: texts.join('\n'), html: `<!DOCTYPE html><html><body><article><p>${html}</p></article></body></html>` };
      });
    });
    fc.assert(
      fc.property(page, ({ text, html }) => {
        const quotes = splitSentences(text).map((x) => x.text);
        const found = locateQuotes(parseHtml(html).body as unknown as Node, quotes);
        found.forEach((f, i) => {
          expect(f.method).toBe('exact');
          expect(foldText(f.spans.map((span) => span.node.data.slice(span.start, span.end)).join(''))).toBe(foldText(quotes[i]!));
        });
      }),
      seeded(8, 60),
    );
  });

  const page = readFileSync(path.resolve(__dirname, '../../../shared/pages/ars-1/source.html'), 'utf8');

  it('a page cut short or with junk spliced in extracts to an article or to nothing, never an error', () => {
    const broken = fc.tuple(fc.nat(page.length), fc.nat(page.length), fc.string({ maxLength: 40 })).map(([cut, at, junk]) => {
      const text = page.slice(0, Math.max(cut, at));
      return text.slice(0, at) + junk + text.slice(at);
    });
    fc.assert(
      fc.property(broken, (html) => {
        const extracted = extractArticle(parseHtml(html));
        if (extracted) expect(extracted.text).toBe(extracted.paragraphs.join('\n'));
      }),
      seeded(7, 25),
    );
  });
});

describe('properties on corpus files', () => {
  const file = readFileSync(path.resolve(__dirname, '../../corpus/articles/001.txt'), 'utf8');
  /** Parses, and returns how: an article, or a CorpusError naming the file. Anything else fails the test. */
  const outcome = (parse: () => unknown): 'parsed' | 'rejected' => {
    try {
      parse();
      return 'parsed';
    } catch (error) {
      expect(error).toBeInstanceOf(CorpusError);
      // "broken.txt: …", or for an entry of a pack "broken.txt, article 1 (id 001): …".
      expect((error as CorpusError).message).toMatch(/^broken\.txt(?:, article \d+(?: \(id .*\))?)?: \S/s);
      return 'rejected';
    }
  };

  it('a corpus file cut, spliced or replaced by junk parses or is rejected with a message naming it', () => {
    const broken = fc.oneof(
      fc.string({ maxLength: 400 }),
      fc.tuple(fc.nat(file.length), fc.nat(file.length), fc.string({ maxLength: 30 })).map(([cut, at, junk]) => {
        const text = file.slice(0, Math.max(cut, at));
        return text.slice(0, at) + junk + text.slice(at);
      }),
    );
    fc.assert(
      fc.property(broken, (content) => {
        outcome(() => parseCorpusFile('broken.txt', content));
      }),
      seeded(9, 300),
    );
  });

  it('a corpus pack of any JSON value, or with a field of an article changed, parses or is rejected with a message naming it', () => {
    const article = parseCorpusFile('001.txt', file) as unknown as Record<string, unknown>;
    const mutated = fc.tuple(fc.constantFrom(...Object.keys(article), 'extra'), fc.option(fc.jsonValue())).map(([key, value]) => {
      const changed: Record<string, unknown> = { ...article };
      if (value === null) delete changed[key];
      else changed[key] = value;
      return { format: CORPUS_PACK_FORMAT, version: 1, articles: [changed] };
    });
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.json(), mutated), (input) => {
        outcome(() => parseCorpusPack('broken.txt', input));
      }),
      seeded(10, 300),
    );
  });
});
