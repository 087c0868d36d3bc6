import { describe, expect, it } from 'vitest';
import { buildCorpusIndex, loadCorpusIndex, type CorpusIndex } from '../../lib/corpus';
import { collectCandidates, keepPerOutlet, matchSentence, storyArticles, matchSentences, pairFeatures, prepareSentence, repeatsWords, thresholdFor, type SentenceMatch } from '../../lib/match';
import { FIRE_ARTICLES as ARTICLES, QUOTE } from '../fixtures/fire-corpus';
import type { Model } from '../../lib/score';
import { contentTerms } from '../../lib/text';

const [NORTH, SOUTH, WEST] = [0, 1, 2];

// Through JSON, as the extension loads it.
const corpus: CorpusIndex = loadCorpusIndex(JSON.parse(JSON.stringify(buildCorpusIndex(ARTICLES))));

const articleOf = (m: SentenceMatch): number => corpus.sentences[m.sentence]!.article;
const textOf = (m: SentenceMatch): string => corpus.sentences[m.sentence]!.text;
const byArticle = (matches: SentenceMatch[]): Map<number, SentenceMatch[]> => {
  const groups = new Map<number, SentenceMatch[]>();
  for (const m of matches) groups.set(articleOf(m), [...(groups.get(articleOf(m)) ?? []), m]);
  return groups;
};

/** The reader's sentences used across tests. */
const READER = {
  quote: `“${QUOTE},” she said.`,
  paraphrase: 'About 400 residents were evacuated when a chemical warehouse caught fire in Port Elsmere on Thursday.',
  owner: 'The depot belongs to Halvern Logistics.',
  /** Two points, both reported by Outlet South in two separate sentences. */
  twoPoints:
    'The warehouse owner, Halvern Logistics, declined to comment, and Kowalczyk urged people in the harbour district to keep their windows shut.',
  /** On topic, same people, but points no outlet reports. */
  otherFacts: [
    'Mayor Tomas Reuven has appointed Dana Kowalczyk to lead a review of safety rules at Port Elsmere warehouses.',
    'Reuven has appointed Kowalczyk to lead a review of safety rules at Port Elsmere warehouses.',
    'Kowalczyk, who has led the Port Elsmere service since 2024, is retiring in June.',
    'Reuven and Kowalczyk disagreed publicly last year over the closure of a fire station.',
  ],
};

describe('matchSentence', () => {
  it('matches a verbatim quote to the sentence carrying it in each outlet that has it', () => {
    const matches = matchSentence(READER.quote, corpus);
    const groups = byArticle(matches);
    expect([...groups.keys()].sort()).toEqual([NORTH, SOUTH]);
    for (const outlet of [NORTH, SOUTH]) {
      const best = groups.get(outlet)![0]!;
      expect(textOf(best)).toContain(QUOTE);
      expect(best.score).toBeGreaterThan(0);
      expect(best.score).toBeLessThanOrEqual(1);
    }
  });

  it('matches the same point in other words', () => {
    const [best] = matchSentence(READER.paraphrase, corpus);
    expect(best).toBeDefined();
    expect(articleOf(best!)).toBe(NORTH);
    expect(textOf(best!)).toMatch(/^A fire tore through a chemical warehouse/);

    const owner = matchSentence(READER.owner, corpus);
    expect(owner.map(textOf)).toEqual(['Halvern Logistics, the company that owns the depot, said it was cooperating with the authorities.']);
  });

  it('matches a sentence carrying two points to both sentences of the outlet that reports them', () => {
    const south = byArticle(matchSentence(READER.twoPoints, corpus)).get(SOUTH) ?? [];
    expect(south.map(textOf).sort()).toEqual([
      'Kowalczyk urged people in the harbour district to keep their windows shut.',
      'The warehouse is owned by Halvern Logistics, which declined to comment.',
    ]);
  });

  it.each(READER.otherFacts)('does not match an on-topic sentence with the same people but another point: %s', (sentence) => {
    expect(matchSentence(sentence, corpus).map(textOf)).toEqual([]);
  });

  it('returns nothing for a sentence with fewer than two content terms', () => {
    expect(matchSentence('Kowalczyk said so.', corpus)).toEqual([]);
    expect(matchSentence('', corpus)).toEqual([]);
  });

  it('never returns a sentence of the excluded article', () => {
    for (const exclude of [NORTH, SOUTH, WEST]) {
      for (const sentence of [READER.quote, READER.paraphrase, READER.owner, ...ARTICLES[exclude]!.text.split('\n')]) {
        const matches = matchSentence(sentence, corpus, { excludeArticle: exclude, sensitivity: 1 });
        expect(matches.filter((m) => articleOf(m) === exclude)).toEqual([]);
      }
    }
    // The quote is still found in the other outlet that carries it.
    expect(byArticle(matchSentence(READER.quote, corpus, { excludeArticle: NORTH })).has(SOUTH)).toBe(true);
    expect(byArticle(matchSentence(READER.quote, corpus, { excludeArticle: SOUTH })).has(NORTH)).toBe(true);
    // A corpus sentence matches itself when its article is not excluded.
    const own = ARTICLES[WEST]!.text.split('\n')[2]!;
    expect(matchSentence(own, corpus).map(textOf)).toContain(own);
    expect(matchSentence(own, corpus, { excludeArticle: WEST }).map(textOf)).not.toContain(own);
  });

  it('returns matches best first, overall and per outlet', () => {
    const queries = [READER.quote, READER.paraphrase, READER.twoPoints, ...READER.otherFacts, ...ARTICLES.flatMap((a) => a.text.split('\n'))];
    let severalInOneOutlet = 0;
    for (const query of queries) {
      const matches = matchSentence(query, corpus, { sensitivity: 1 });
      const scores = matches.map((m) => m.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      for (const group of byArticle(matches).values()) {
        const groupScores = group.map((m) => m.score);
        expect(groupScores).toEqual([...groupScores].sort((a, b) => b - a));
        if (group.length > 1) severalInOneOutlet++;
      }
      for (const m of matches) {
        expect(m.score).toBeGreaterThanOrEqual(thresholdFor(1));
        expect(m.score).toBeLessThanOrEqual(1);
      }
    }
    // The per-outlet ordering check was not vacuous.
    expect(severalInOneOutlet).toBeGreaterThan(0);
  });

  it('keeps per outlet the best match, those near it, and those covering another clause of the sentence', () => {
    const outlet = (sentence: number) => Math.floor(sentence / 10);
    const kept = keepPerOutlet(
      [
        { sentence: 1, score: 0.95, clauses: 0b001 },
        { sentence: 2, score: 0.85, clauses: 0b001 }, // near the best
        { sentence: 3, score: 0.7, clauses: 0b001 }, // far below, same clause: a rival wording of the same point
        { sentence: 4, score: 0.6, clauses: 0b110 }, // far below, other clauses: another point of the sentence
        { sentence: 5, score: 0.58, clauses: 0b100 }, // far below, a clause covered by the one before
        { sentence: 11, score: 0.6, clauses: 0b001 }, // another outlet: its own best
      ],
      outlet,
    );
    expect(kept.map((m) => m.sentence)).toEqual([1, 2, 4, 11]);
  });

  it('finds more (never fewer) matches at a higher sensitivity', () => {
    const queries = [READER.quote, READER.paraphrase, ...READER.otherFacts, ...ARTICLES[WEST]!.text.split('\n')];
    let grew = false;
    for (const query of queries) {
      const strict = matchSentence(query, corpus, { sensitivity: 0 }).map((m) => m.sentence);
      const loose = matchSentence(query, corpus, { sensitivity: 1 }).map((m) => m.sentence);
      for (const id of strict) expect(loose).toContain(id);
      if (loose.length > strict.length) grew = true;
    }
    expect(grew).toBe(true);
  });
});

describe('one statement in two sentences', () => {
  // A model that matches nothing on its own: what is matched is matched by the rule alone.
  const silent: Model = { pair: [-20], context: [-20] };
  const reworded = '“The wind was on our side, and the crews did an incredible job holding that line,” the chief told reporters.';

  it('is matched to the outlets that quote the statement in other words, at the rule\'s score, whatever the model says', () => {
    const matches = matchSentences([reworded, READER.paraphrase], corpus, { model: silent })[0]!;
    expect(matches.length).toBeGreaterThan(0);
    for (const m of matches) {
      expect(textOf(m)).toContain(QUOTE);
      expect(m.score).toBe(0.9);
    }
  });

  it('matches a sentence that is wholly a passage of another, word for word, at the rule\'s score', () => {
    const matches = matchSentences(['The crews did an extraordinary job holding the line.', READER.paraphrase], corpus, { model: silent })[0]!;
    expect(new Set(matches.map(articleOf))).toEqual(new Set([NORTH, SOUTH]));
    for (const m of matches) expect(m.score).toBe(0.9);
  });

  it('leaves the rest to the model: a verbatim quote with words of its own around it, a stock phrase, other points', () => {
    expect(matchSentences([READER.quote, 'Kowalczyk told a press briefing.', READER.paraphrase], corpus, { model: silent })).toEqual([[], [], []]);
  });
});

describe('storyArticles', () => {
  it('finds the other articles on the story when the text repeats one corpus article with many words of its own', () => {
    // North, with a paragraph of 80 words no other article has: they are the text's rarest terms.
    const letters = 'bcdfghjklmnpqrstvwxz';
    const ownWords = Array.from({ length: 80 }, (_, i) => `zo${letters[i % 20]}${letters[Math.floor(i / 20)]}quil`);
    const north = { ...ARTICLES[0]!, text: `${ARTICLES[0]!.text}\nInspectors listed ${ownWords.join(' ')} among the stored chemicals.` };
    const index = loadCorpusIndex(JSON.parse(JSON.stringify(buildCorpusIndex([north, ...ARTICLES.slice(1)]))));
    const found = storyArticles(new Set(contentTerms(north.text)), index);
    expect(found[0]).toBe(NORTH);
    expect(new Set(found)).toEqual(new Set([NORTH, SOUTH, WEST]));
  });
});

describe('collectCandidates', () => {
  const otherStory = [
    'The city council said on Tuesday that two new bus lines will open in the spring.',
    'A fire drill at the town hall was held without incident, officials said.',
    'Residents will be asked to comment on the routes before the council votes in March.',
    'The new lines will link the university with the central station every ten minutes.',
    'Council members also approved a budget for repairing the old library roof.',
    'The library has been closed since a storm damaged it in January.',
    'A public meeting on the bus routes is planned for next week at the community centre.',
    'Tickets will cost the same as on existing lines, the transport office said.',
    'Cyclists asked the council to add bike lanes along the new routes.',
    'The first buses are expected to run in April.',
  ];

  it('spares a page on another story the matching, though words like "said", "two" or "fire" recur', () => {
    expect(collectCandidates(otherStory, corpus)).toEqual([]);
  });

  it('matches a long text only against articles that share its names: the same words about another fire cost nothing', () => {
    // Ten sentences in the corpus's vocabulary (fire, warehouse, residents, crews …); only the names differ.
    const report = (town: string, chief: string, mayor: string) => [
      `A fire destroyed a chemical warehouse in ${town} on Thursday night.`,
      `Around 400 residents near the ${town} docks were evacuated as flames engulfed the warehouse.`,
      `Fire chief ${chief} said crews brought the blaze under control after six hours.`,
      `${chief} said 60 firefighters from four stations were sent to the scene.`,
      `Mayor ${mayor} said schools near the docks would remain closed on Friday.`,
      `${mayor} visited the evacuation centre at the sports hall.`,
      `Residents described black smoke visible from across the bay.`,
      `The cause of the fire is not yet known, according to ${chief}.`,
      `${chief} urged people in the harbour district to keep their windows shut.`,
      `No injuries were reported, officials in ${town} said.`,
    ];
    expect(collectCandidates(report('Port Elsmere', 'Dana Kowalczyk', 'Tomas Reuven'), corpus).length).toBeGreaterThan(10);
    expect(collectCandidates(report('Brackwater', 'Aldo Ferreira', 'Ines Okafor'), corpus)).toEqual([]);
  });

  it('reads a short text on another story in full, and still matches nothing', () => {
    expect(matchSentences(otherStory.slice(0, 3), corpus)).toEqual([[], [], []]);
  });

  it('retrieves a sentence that repeats a quotation word for word, though the quote has only common words', () => {
    const harbour = loadCorpusIndex(
      buildCorpusIndex([
        { id: 'h', outlet: 'Outlet H', title: 'Port', language: 'en', published: '2031-03-06', text: 'The minister visited the port on Monday.\nShe shrugged: “It is what it is.”' },
      ]),
    );
    const quoteSentence = harbour.sentences.findIndex((x) => x.text.includes('what it is'));
    const retrieved = (reader: string) => collectCandidates([reader], harbour).map((c) => c.sentence);
    expect(retrieved('The minister visited the port on Monday and said “it is what it is” about the plan.')).toContain(quoteSentence);
    expect(retrieved('The minister visited the port on Monday and said no to the plan.')).not.toContain(quoteSentence);
  });

  it('retrieves a sentence that states a compatible amount, though no term is shared', () => {
    const story = ['Halvern Logistics owns the solvent depot.', 'Residents saw black smoke across the bay.'];
    const sixHours = corpus.sentences.findIndex((x) => x.text.startsWith('Firefighters battled for six hours'));
    const retrieved = (reader: string) => collectCandidates([...story, reader], corpus).filter((c) => c.query === 2).map((c) => c.sentence);
    expect(retrieved('It took almost 360 minutes to bring it under control.')).toContain(sixHours);
    expect(retrieved('It took a long time to bring it under control.')).not.toContain(sixHours);
    expect(retrieved('It took almost 200 minutes to bring it under control.')).not.toContain(sixHours);
  });

  it('counts a vague amount as agreeing only when the sentences share something besides it', () => {
    const sixHours = prepareSentence('Firefighters battled for six hours to contain a blaze at a solvent depot in Port Elsmere.');
    const agree = (reader: string) => pairFeatures(corpus, prepareSentence(reader), sixHours).amountsAgree;
    expect(agree('Firefighters fought the fire for several hours.')).toBe(1);
    expect(agree('The boats soaked their lines for several hours.')).toBe(0);
    // A precise amount is evidence on its own.
    expect(agree('The boats soaked their lines for six hours.')).toBe(1);
  });

  it('lets a short text show its story with two shared terms per sentence; a long one needs three', () => {
    const short = ['Elsmere schools stayed closed.', 'Sixty firefighters responded.'];
    expect(new Set(collectCandidates(short, corpus).map((c) => c.query))).toEqual(new Set([0, 1]));
    expect(collectCandidates([...short, ...otherStory], corpus)).toEqual([]);
  });

  it('still retrieves the story when two of the reader sentences share several terms with it', () => {
    const candidates = collectCandidates([READER.quote, READER.paraphrase, 'An unrelated sentence about the weather.'], corpus);
    expect(new Set(candidates.map((c) => c.query))).toEqual(new Set([0, 1]));
  });
});

describe('thresholdFor', () => {
  it('lowers the threshold as sensitivity rises', () => {
    const steps = Array.from({ length: 11 }, (_, i) => i / 10);
    const thresholds = steps.map((s) => thresholdFor(s));
    for (let i = 1; i < thresholds.length; i++) expect(thresholds[i]!).toBeLessThan(thresholds[i - 1]!);
    for (const t of thresholds) {
      expect(t).toBeGreaterThan(0);
      expect(t).toBeLessThan(1);
    }
  });

  it('defaults to sensitivity 0.5 and clamps out-of-range values', () => {
    expect(thresholdFor()).toBe(thresholdFor(0.5));
    expect(thresholdFor(-3)).toBe(thresholdFor(0));
    expect(thresholdFor(7)).toBe(thresholdFor(1));
  });
});

describe('repeatsWords', () => {
  const sentence = prepareSentence('He said: “We had an extremely productive meeting and many points were agreed to.”');

  it('finds words the sentence has in a row, verbatim', () => {
    expect(repeatsWords(sentence, ['extremely', 'productive', 'meeting'])).toBe(true);
    expect(repeatsWords(sentence, ['many', 'points', 'were', 'agreed', 'to'])).toBe(true);
  });

  it('does not join words that are apart or out of order, and finds nothing in nothing', () => {
    expect(repeatsWords(sentence, ['extremely', 'meeting'])).toBe(false);
    expect(repeatsWords(sentence, ['productive', 'extremely'])).toBe(false);
    expect(repeatsWords(sentence, ['agreed', 'to', 'today'])).toBe(false);
    expect(repeatsWords(sentence, [])).toBe(false);
  });
});

describe('prepareSentence', () => {
  /** The terms of each clause. */
  const clauseTerms = (text: string): string[][] => {
    const p = prepareSentence(text);
    return p.clauses.map(([from, to]) => p.terms.slice(from, to));
  };

  it('keeps every word, but only content terms (no stop words), stemmed and with numbers normalised', () => {
    const p = prepareSentence('The talks lasted three hours.');
    expect(p.words).toEqual(['the', 'talks', 'lasted', 'three', 'hours']);
    expect(p.terms).toEqual(['talk', 'last', '3', 'hour']);
    expect(p.termSet).toEqual(new Set(p.terms));
  });

  it('is a single clause without punctuation or connectives', () => {
    expect(clauseTerms('Firefighters contained the blaze by dawn.')).toHaveLength(1);
  });

  it('splits clauses at commas, semicolons, dashes and connectives', () => {
    expect(clauseTerms('Crews contained the blaze, but the warehouse collapsed.')).toEqual([
      ['crew', 'contain', 'blaze'],
      ['warehous', 'collaps'],
    ]);
    expect(clauseTerms('Schools closed; roads reopened.')).toHaveLength(2);
    expect(clauseTerms('The mayor spoke - residents listened.')).toHaveLength(2);
    expect(clauseTerms('Residents returned home after officials lifted the order.')).toHaveLength(2);
    expect(clauseTerms('Kowalczyk, the fire chief, spoke.')).toHaveLength(3);
  });

  it('splits a quote from its attribution', () => {
    // "said" is a stop word, so the attribution clause is the name alone.
    expect(clauseTerms('“We held the line,” Kowalczyk said.')).toEqual([['hold', 'line'], ['kowalczyk']]);
  });

  it('does not split hyphenated words', () => {
    expect(clauseTerms('A long-running dispute over re-election rules continued.')).toHaveLength(1);
  });

  it('has clause ranges that tile the terms in order', () => {
    const p = prepareSentence('Crews contained the blaze, but the warehouse, which stored solvents, collapsed after midnight.');
    expect(p.clauses[0]![0]).toBe(0);
    expect(p.clauses[p.clauses.length - 1]![1]).toBe(p.terms.length);
    for (let i = 1; i < p.clauses.length; i++) expect(p.clauses[i]![0]).toBe(p.clauses[i - 1]![1]);
  });
});
