import { describe, expect, it } from 'vitest';
import { contentTerms, isStopWord, normalizeForIdentity, termOf, tokenize } from '../../lib/text';
import { buildCorpusIndex, loadCorpusIndex } from '../../lib/corpus';
import { analyze } from '../../lib/report';
import { articleFromText } from '../../lib/extract';

describe('tokenize', () => {
  it('keeps offsets, drops possessives and normalises curly apostrophes', () => {
    const text = 'Putin’s aide said “no”.';
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.word)).toEqual(['putin', 'aide', 'said', 'no']);
    for (const t of tokens) expect(text.slice(t.start, t.start + t.raw.length)).toBe(t.raw);
  });

  it('tells the acronym US from the pronoun us', () => {
    expect(tokenize('The US told us.').map((t) => t.word)).toEqual(['the', 'usa', 'told', 'us']);
    expect(tokenize('the U.S. economy').map((t) => t.word)).toEqual(['the', 'usa', 'economy']);
  });

  it('keeps decimals and thousands separators in one number', () => {
    expect(tokenize('2.5 hours and 1,000 people').map((t) => t.word)).toEqual(['2.5', 'hours', 'and', '1,000', 'people']);
  });
});

describe('terms', () => {
  it('drops stop words and stems the rest', () => {
    expect(isStopWord('the')).toBe(true);
    expect(termOf('the')).toBeNull();
    expect(termOf('negotiations')).toBe(termOf('negotiation'));
  });

  it('drops the reporting frame "says" / "according to" as it drops "said", so "according" never meets "accord"', () => {
    expect(['said', 'says', 'saying', 'according'].map(termOf)).toEqual([null, null, null, null]);
    expect(contentTerms('According to officials, the accord was signed')).toEqual(['offici', 'accord', 'sign']);
  });

  it('writes spelled-out numbers as digits so "three hours" meets "3 hours"', () => {
    expect(contentTerms('three hours')).toEqual(contentTerms('3 hours'));
    expect(termOf('1,000')).toBe('1000');
    expect(['thirteen', 'sixteen', 'nineteen', 'sixty', 'seventy', 'ninety'].map(termOf)).toEqual(['13', '16', '19', '60', '70', '90']);
  });

  it('brings irregular verb forms to their base, which the stemmer alone cannot', () => {
    expect(termOf('took')).toBe(termOf('takes'));
    expect(termOf('taken')).toBe(termOf('takes'));
    expect(termOf('met')).toBe(termOf('meeting'));
    expect(termOf('flew')).toBe(termOf('flying'));
    expect(termOf('held')).toBe('hold');
  });

  it('leaves forms that are mostly nouns or adjectives in the news as they are', () => {
    expect(termOf('crew')).toBe(termOf('crews'));
    expect(termOf('crew')).not.toBe(termOf('crow'));
    expect(termOf('ground')).not.toBe(termOf('grind'));
    expect(termOf('left')).not.toBe(termOf('leave'));
  });

  it('does not mistake words for Object.prototype keys', () => {
    expect(termOf('constructor')).toBe('constructor');
    expect(termOf('tostring')).toBe('tostr');
  });
});

describe('normalizeForIdentity', () => {
  it('ignores case, quote style, dash style and spacing', () => {
    expect(normalizeForIdentity('He said “No”  — twice.')).toBe(normalizeForIdentity('he said "no" - twice.'));
  });
});

describe('prototype-named words end to end', () => {
  it('indexes and analyses text containing "constructor" and "__proto__"', () => {
    const text = 'The constructor of the bridge said the toString method was fine.\nIts __proto__ value rose to 42 percent, the valueOf report said.';
    const corpus = loadCorpusIndex(
      JSON.parse(JSON.stringify(buildCorpusIndex([{ id: 'a', outlet: 'A', title: 'Bridge', language: 'en', published: '2025-01-01', text }]))),
    );
    const report = analyze(articleFromText('The constructor of the bridge said the toString method was fine, engineers reported.'), corpus);
    expect(report.sentences).toHaveLength(1);
  });
});
