import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCorpusIndex, loadCorpusIndex, type CorpusIndex } from '../../lib/corpus';
import { articleFromText, extractArticle } from '../../lib/extract';
import { formatReport } from '../../lib/format';
import { parseHtml } from '../../lib/html';
import { matchArticle, thresholdFor } from '../../lib/match';
import { analyze, articleSentences, warmUp } from '../../lib/report';
import type { Article, CorpusArticle, Report } from '../../lib/types';
import { loadBundledCorpus, readCorpusFolder } from '../../bin/corpus';
import { FIRE_ARTICLES } from '../fixtures/fire-corpus';
import { expectWellFormed } from '../fixtures/well-formed';

const ROOT = path.resolve(__dirname, '../..');
const SEEDS_DIR = path.resolve(ROOT, '../shared/seeds');
const PAGES_DIR = path.resolve(ROOT, '../shared/pages');

/** The bundled corpus (corpus/index.json, or built in memory when it is missing) and its full texts. */
let bundled: CorpusIndex;
let bundledTexts: Map<string, CorpusArticle>;
beforeAll(() => {
  bundled = loadBundledCorpus();
  bundledTexts = new Map(readCorpusFolder(path.join(ROOT, 'corpus/articles')).map((a) => [a.id, a]));
});

const fire = loadCorpusIndex(JSON.parse(JSON.stringify(buildCorpusIndex(FIRE_ARTICLES))));

const seedFile = (id: string): string => {
  const name = readdirSync(SEEDS_DIR).find((f) => f.startsWith(`${id}_`));
  if (!name) throw new Error(`no seed ${id} in ${SEEDS_DIR}`);
  return path.join(SEEDS_DIR, name);
};
const seedArticle = (id: string): Article => articleFromText(readFileSync(seedFile(id), 'utf8'));

const pageArticle = (page: string): Article => {
  const article = extractArticle(parseHtml(readFileSync(path.join(PAGES_DIR, page, 'source.html'), 'utf8')));
  if (!article) throw new Error(`no article extracted from ${page}`);
  return article;
};

describe('analyze on the bundled corpus', () => {
  it.each(['000', '001', '002', '003', '004'])('recognises seed %s as itself, never matches it to itself, and is well formed', (id) => {
    const report = analyze(seedArticle(id), bundled);
    expect(report.article.corpusId).toBe(id);
    expectWellFormed(report, bundled, bundledTexts);
    // The seeds all report the same summit: other outlets corroborate several sentences.
    expect(report.summary.corroborated).toBeGreaterThanOrEqual(3);
    expect(report.summary.outlets.length).toBeGreaterThanOrEqual(2);
    expect(report.summary.outlets).not.toContain(bundled.articles.find((a) => a.id === id)!.outlet);
  });

  it('flags a claim single-source only when no candidate comes close; a near miss is a close call', () => {
    let closeCalls = 0;
    for (const id of ['000', '001', '002', '003', '004']) {
      const article = seedArticle(id);
      const report = analyze(article, bundled);
      const { nearest } = matchArticle(
        articleSentences(article).map((s) => (s.boilerplate ? '' : s.text)),
        bundled,
        { excludeArticle: bundled.articles.findIndex((a) => a.id === id) },
      );
      for (const s of report.sentences) {
        if (s.status === 'single-source') expect(nearest[s.index]?.score ?? 0).toBeLessThan(thresholdFor() - 0.2);
        if (s.closeCall) {
          closeCalls++;
          expect(s.closeCall.score).toBeCloseTo(nearest[s.index]!.score, 3);
        }
      }
    }
    expect(closeCalls).toBeGreaterThan(0);
  });

  it('finds every outlet on the story for a page that repeats one corpus article among other material', () => {
    // Seed 003 whole, then a real page on another story: too little of it is 003 to be 003 itself.
    const text = `${seedArticle('003').text}\n${pageArticle('wapo-1').text}`;
    const report = analyze(articleFromText(text), bundled);
    expect(report.article.corpusId).toBeNull();
    expectWellFormed(report, bundled, bundledTexts);
    expect(report.summary.outlets).toEqual(bundled.articles.map((a) => a.outlet).sort());
  });

  it('recognises a corpus article read with other whitespace and quote marks', () => {
    const text = readFileSync(seedFile('002'), 'utf8').replace(/[“”]/g, '"').replace(/’/g, "'").replace(/ /g, '  ');
    const report = analyze(articleFromText(text), bundled);
    expect(report.article.corpusId).toBe('002');
    expect(report.sentences.flatMap((s) => s.matches).every((m) => m.articleId !== '002')).toBe(true);
  });

  it('does not take a one-paragraph excerpt for the corpus article, so the article corroborates it', () => {
    const paragraphs = seedArticle('001').paragraphs.slice(0, 1);
    const report = analyze(articleFromText(paragraphs.join('\n')), bundled);
    expect(report.article.corpusId).toBeNull();
    expectWellFormed(report, bundled, bundledTexts);
    expect(report.sentences[0]!.matches.map((m) => m.articleId)).toContain('001');
  });

  it('drops boilerplate from the claims: promo lines and link lists are unchecked', () => {
    const report = analyze(seedArticle('000'), bundled);
    const promo = report.sentences.filter((s) => /^(READ MORE:|You may also like)/.test(s.text));
    expect(promo.length).toBeGreaterThan(0);
    for (const s of promo) {
      expect(s).toMatchObject({ claim: false, status: 'unchecked', matches: [] });
    }
  });

  it('keeps offsets exact when a paragraph occurs twice', () => {
    const line = 'Putin and Trump met for about three hours in Anchorage on Friday.';
    const article = articleFromText([line, 'Officials gave no details of the talks.', line].join('\n'));
    const report = analyze(article, bundled);
    expectWellFormed(report, bundled);
    const starts = report.sentences.filter((s) => s.text === line).map((s) => s.start);
    expect(starts).toEqual([0, article.text.lastIndexOf(line)]);
  });
});

describe('analyze: a plain text with a headline', () => {
  it('reports the headline as the title and as a line that is not a claim, not as boilerplate', () => {
    const story = [
      'About 400 residents were evacuated when a chemical warehouse caught fire in Port Elsmere on Thursday.',
      'Fire chief Dana Kowalczyk said the blaze was brought under control shortly after 3am.',
    ];
    const report = analyze(articleFromText(['Warehouse fire forces hundreds from their homes', ...story].join('\n')), fire);
    expectWellFormed(report, fire);
    expect(report.article.title).toBe('Warehouse fire forces hundreds from their homes');
    expect(report.sentences[0]).toMatchObject({ text: 'Warehouse fire forces hundreds from their homes', claim: false, reason: 'headline', status: 'unchecked' });
    expect(report.sentences.slice(1).some((s) => s.status === 'corroborated')).toBe(true);
  });
});

describe('analyze: a list of key points', () => {
  it('checks the items, which have no sentence punctuation, as claims', () => {
    const text = [
      'Fire chief Dana Kowalczyk said the blaze at the Port Elsmere warehouse was under control by 3am.',
      'Key points:',
      'Around 400 residents near the Port Elsmere docks were evacuated on Thursday night',
      'Mayor Tomas Reuven will run again for office in May',
    ].join('\n');
    const report = analyze(articleFromText(text), fire);
    expectWellFormed(report, fire);
    const [, header, evacuated, mayor] = report.sentences;
    expect(header).toMatchObject({ claim: false, status: 'unchecked' });
    expect(evacuated).toMatchObject({ claim: true, status: 'corroborated' });
    expect(mayor!.claim).toBe(true);
  });
});

describe('analyze: which outlets cover the story', () => {
  // Matches one West sentence, but not near-certainly (score below 0.9).
  const LONE = "The depot's owner said it was cooperating.";

  it('takes a one-sentence text at its word: its one match is enough', () => {
    const report = analyze(articleFromText(LONE), fire);
    expectWellFormed(report, fire);
    const [sentence] = report.sentences;
    expect(sentence!.status).toBe('corroborated');
    expect(sentence!.matches.map((m) => m.articleId)).toEqual(['west']);
    expect(sentence!.matches[0]!.score).toBeLessThan(0.9);
    expect(report.summary.outlets).toEqual(['Outlet West']);
  });

  it('does not let that one sentence make an article on another story corroborated', () => {
    const text = ['The home side won the cup final 2-1 after extra time.', LONE, 'The winning goal came from a corner in the 112th minute.'].join('\n');
    const report = analyze(articleFromText(text), fire);
    expectWellFormed(report, fire);
    expect(report.sentences.every((s) => s.matches.length === 0)).toBe(true);
    expect(report.summary.outlets).toEqual([]);
  });
});

describe('analyze: the article is in the corpus', () => {
  const south = FIRE_ARTICLES[1]!;

  it('recognises the same text and never matches it to itself', () => {
    const report = analyze(articleFromText(south.text), fire);
    expect(report.article.corpusId).toBe('south');
    expectWellFormed(report, fire);
    // The quote is still corroborated, by the other outlet that carries it.
    const quote = report.sentences.find((s) => s.text.includes('extraordinary job'))!;
    expect(quote.status).toBe('corroborated');
    const north = quote.matches.find((m) => m.articleId === 'north');
    expect(north?.text).toContain('extraordinary job');
  });

  it('recognises itself in a page that carries more promos than story', () => {
    const lines = south.text.split('\n');
    const page = lines.flatMap((line, i) => [line, `READ MORE: Unrelated headline number ${i}`, `Also Read: Another story elsewhere ${i}`]).join('\n');
    const report = analyze(articleFromText(page), fire);
    expect(report.sentences.filter((s) => s.reason === 'boilerplate').length).toBeGreaterThan(lines.length);
    expect(report.article.corpusId).toBe('south');
    expect(report.sentences.flatMap((s) => s.matches.map((m) => m.articleId))).not.toContain('south');
  });

  it('recognises the same URL even when the text has changed since', () => {
    const updated = [
      'Port Elsmere residents returned home on Saturday after air quality tests near the warehouse came back clear.',
      ...south.text.split('\n').slice(1, 3),
    ].join('\n');
    const withUrl: Article = { ...articleFromText(updated), url: south.url! };
    const report = analyze(withUrl, fire);
    expect(report.article.corpusId).toBe('south');
    expect(report.corpusSize).toBe(2);
    expectWellFormed(report, fire);
    // Without the URL, two sentences are too few to call it the same article: it matches itself.
    const withoutUrl = analyze(articleFromText(updated), fire);
    expect(withoutUrl.article.corpusId).toBeNull();
    expect(withoutUrl.sentences.flatMap((s) => s.matches.map((m) => m.articleId))).toContain('south');
  });

  it('is not fooled by another URL', () => {
    const report = analyze({ ...articleFromText('Unrelated text about a football match.'), url: 'https://south.example/other' }, fire);
    expect(report.article.corpusId).toBeNull();
  });
});

describe('analyze: real pages on other stories', () => {
  const pages = readdirSync(PAGES_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name !== 'lemonde-1') // lemonde-1 is French
    .map((e) => e.name)
    .sort();

  it('has the eight English pages to check', () => {
    expect(pages).toHaveLength(8);
  });

  it.each(pages)('%s: no other outlet covers the story, nothing is corroborated', (page) => {
    const report = analyze(pageArticle(page), bundled);
    expectWellFormed(report, bundled, bundledTexts);
    const falseMatches = report.sentences
      .filter((s) => s.matches.length > 0)
      .map((s) => `${s.text} ⇒ ${s.matches.map((m) => `${m.outlet}: ${m.text}`).join(' | ')}`);
    expect(falseMatches).toEqual([]);
    expect(report.summary.outlets).toEqual([]);
    expect(report.summary.corroborated).toBe(0);
    expect(report.article.corpusId).toBeNull();
    expect(report.summary.claims).toBeGreaterThan(5);
  });
});

describe('formatReport', () => {
  const summaryLines = (report: Report): string[] => [
    'Summary',
    `  sentences:        ${report.summary.sentences}`,
    `  claims:           ${report.summary.claims}`,
    `  corroborated:     ${report.summary.corroborated}`,
    `  single-source:    ${report.summary.singleSource}`,
    `  close calls:      ${report.summary.closeCalls}`,
    `  conflicts:        ${report.summary.conflicts}`,
  ];

  it('prints every sentence, its matches and the summary for a corpus article', () => {
    const report = analyze(seedArticle('000'), bundled);
    const text = formatReport(report);
    const lines = text.split('\n');
    for (const line of summaryLines(report)) expect(lines).toContain(line);
    expect(text).toContain(`outlets covering this story: ${report.summary.outlets.join(', ')} (of 4 in the corpus)`);
    expect(text).toContain('This article is corpus article 000; it is not compared with itself.');
    for (const s of report.sentences) expect(text).toContain(`[${s.index + 1}] `);
    const corroborated = report.sentences.find((s) => s.matches.length > 0)!;
    expect(text).toContain(`    ↳ ${corroborated.matches[0]!.outlet} (`);
    const closeCall = report.sentences.find((s) => s.closeCall)!;
    expect(text).toContain(`[${closeCall.index + 1}] claim (${closeCall.reason}), a close call: not matched, not marked single-source`);
    expect(text).toContain(`    ≈ nearest, ${closeCall.closeCall!.outlet} (${Math.round(closeCall.closeCall!.score * 100)}%): ${closeCall.closeCall!.text}`);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('says calmly that no outlet covers an unrelated story', () => {
    const report = analyze(pageArticle('ars-1'), bundled);
    const text = formatReport(report);
    for (const line of summaryLines(report)) expect(text.split('\n')).toContain(line);
    expect(text).toContain(`no other outlet in the corpus (${bundled.articles.length} articles) covers this story`);
    expect(text).toContain(`Corroborate — ${report.article.title}`);
    // Before the sentences, so that no claim reads as a finding first.
    expect(text.split('\n')[1]).toBe(`No other outlet in the corpus (${bundled.articles.length} articles) covers this story, so every claim below counts as single-source.`);
    expect(text).not.toContain('↳');
  });
});

describe('warmUp', () => {
  it('leaves the next report exactly as a fresh corpus gives it', () => {
    const warmed = loadBundledCorpus();
    warmUp(warmed);
    for (const id of ['002', '004']) expect(analyze(seedArticle(id), warmed)).toEqual(analyze(seedArticle(id), loadBundledCorpus()));
    const page = pageArticle('bbc-1');
    expect(analyze(page, warmed)).toEqual(analyze(page, loadBundledCorpus()));
  });

  it('does nothing on an empty corpus', () => {
    expect(() => warmUp(loadCorpusIndex(buildCorpusIndex([])))).not.toThrow();
  });
});
