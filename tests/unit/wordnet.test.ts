import { describe, expect, it } from 'vitest';
import { WordNet } from '../../bin/wordnet';

describe('WordNet (corpus build time)', () => {
  const wordNet = new WordNet();

  it('relates a word to the synonyms of its most frequent sense and its derived forms', () => {
    expect(wordNet.related('agreement')).toContain('understanding');
    expect(wordNet.related('agree')).toContain('agreement');
    expect(wordNet.related('alaskan')).toContain('alaska');
  });

  it('finds inflected forms through their base form', () => {
    const plural = wordNet.related('negotiations');
    expect(plural.size).toBeGreaterThan(0);
    for (const w of wordNet.related('negotiation')) expect(plural.has(w)).toBe(true);
  });

  it('reads hyphenated lemmas as news spells them, both ways', () => {
    expect(wordNet.related('truce')).toContain('ceasefire');
    expect(wordNet.related('ceasefire')).toContain('truce');
  });

  it('keeps single words only, and not the word itself', () => {
    const related = wordNet.related('meeting');
    expect(related.has('meeting')).toBe(false);
    for (const w of related) expect(w).toMatch(/^[a-z]+$/);
  });

  it('lists the common vocabulary: words of its sense-tagged texts, not rare ones', () => {
    expect(wordNet.common.has('ceasefire')).toBe(false); // a lemma, but never sense-tagged
    expect(wordNet.common.has('meeting')).toBe(true);
    expect(wordNet.common.has('talk')).toBe(true);
  });
});
