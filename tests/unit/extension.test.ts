import { describe, expect, it } from 'vitest';
import { isExcluded, normaliseSite, readSettings, DEFAULT_SETTINGS } from '../../lib/extension/settings';
import { markKind, sentencesToMark } from '../../lib/extension/kinds';
import { parseAnalysisResult, parseArticle, parseReport } from '../../lib/extension/schemas';
import type { Report, ReportSentence } from '../../lib/types';

function sentence(index: number, status: ReportSentence['status'], conflicts = 0): ReportSentence {
  return {
    text: `Sentence ${index}.`,
    start: 0,
    end: 12,
    index,
    claim: status !== 'unchecked',
    reason: 'number',
    status,
    matches:
      status === 'corroborated'
        ? [
            {
              articleId: '001',
              outlet: 'Outlet B',
              title: 'T',
              text: `Sentence ${index}!`,
              score: 0.8,
              diff: [
                { text: `Sentence ${index}`, side: 'same' },
                { text: '.', side: 'here' },
                { text: '!', side: 'there' },
              ],
              conflicts: Array.from({ length: conflicts }, () => ({ kind: 'number' as const, here: '3', there: '4' })),
            },
          ]
        : [],
    closeCall: null,
  };
}

function report(sentences: ReportSentence[], outlets = ['Outlet B']): Report {
  return {
    article: { title: 'A', text: '', url: null, siteName: null, language: 'en', corpusId: null },
    sentences,
    summary: { sentences: sentences.length, claims: 0, corroborated: 0, singleSource: 0, closeCalls: 0, conflicts: 0, outlets },
    corpusSize: 4,
  };
}

describe('settings', () => {
  it('fills defaults for missing or malformed values', () => {
    expect(readSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(readSettings({ marks: false })).toEqual({ ...DEFAULT_SETTINGS, marks: false });
    expect(readSettings({ sensitivity: 7 })).toEqual(DEFAULT_SETTINGS);
    expect(readSettings({ kinds: { conflict: false } }).kinds).toEqual({ corroborated: true, 'single-source': true, conflict: false });
  });

  it('normalises sites and matches subdomains', () => {
    expect(normaliseSite('https://www.Example.com/news/x')).toBe('www.example.com');
    expect(normaliseSite(' example.com. ')).toBe('example.com');
    expect(normaliseSite('*.example.co.uk')).toBe('example.co.uk');
    expect(normaliseSite('not a site')).toBeNull();
    expect(isExcluded('www.example.com', ['example.com'])).toBe(true);
    expect(isExcluded('badexample.com', ['example.com'])).toBe(false);
  });
});

describe('kinds', () => {
  it('a conflicting detail outranks corroboration', () => {
    expect(markKind(sentence(0, 'corroborated', 1))).toBe('conflict');
    expect(markKind(sentence(1, 'corroborated'))).toBe('corroborated');
    expect(markKind(sentence(2, 'single-source'))).toBe('single-source');
    expect(markKind(sentence(3, 'unchecked'))).toBeNull();
  });

  it('marks nothing when no other outlet covers the story', () => {
    const all = { corroborated: true, 'single-source': true, conflict: true };
    const sentences = [sentence(0, 'single-source'), sentence(1, 'single-source')];
    expect(sentencesToMark(report(sentences, []), all)).toEqual([]);
    expect(sentencesToMark(report(sentences), all)).toHaveLength(2);
    expect(sentencesToMark(report(sentences), { ...all, 'single-source': false })).toHaveLength(0);
  });
});

describe('message schemas', () => {
  it('accept a valid report and drop unknown fields', () => {
    const valid = report([sentence(0, 'corroborated', 1), sentence(1, 'single-source')]);
    const parsed = parseReport({ ...valid, extra: '<script>' });
    expect(parsed).toEqual(valid);
    expect(parseAnalysisResult({ status: 'report', report: valid }).status).toBe('report');
  });

  it('reject malformed payloads', () => {
    const valid = report([sentence(0, 'corroborated')]);
    expect(() => parseReport({ ...valid, corpusSize: -1 })).toThrow();
    expect(() => parseReport({ ...valid, sentences: [{ ...valid.sentences[0], status: 'maybe' }] })).toThrow();
    expect(() => parseArticle({ title: null, text: 42 })).toThrow();
    expect(() => parseArticle({ title: null, byline: null, siteName: null, published: null, language: null, url: null, text: 'x'.repeat(500_000), paragraphs: [] })).toThrow();
    expect(() => parseAnalysisResult({ status: 'nope' })).toThrow();
  });
});
