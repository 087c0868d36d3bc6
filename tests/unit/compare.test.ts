import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareSentences, findConflicts, rewordsQuotation, wordDiff } from '../../lib/compare';
import { sentOf } from '../../lib/tokens';
import { describeConflict } from '../../lib/format';
import type { Conflict, ConflictKind, DiffPart } from '../../lib/types';

const joined = (parts: DiffPart[], side: 'here' | 'there'): string =>
  parts.filter((p) => p.side === 'same' || p.side === side).map((p) => p.text).join('');

const kinds = (here: string, there: string): ConflictKind[] => findConflicts(here, there).map((c) => c.kind);

/** The conflicts of one kind. */
const conflictsOf = (kind: ConflictKind, here: string, there: string): Conflict[] => findConflicts(here, there).filter((c) => c.kind === kind);

/** The conflicts of one kind, as [here, there] pairs. */
const of = (kind: ConflictKind, here: string, there: string): Array<[string, string]> => conflictsOf(kind, here, there).map((c) => [c.here, c.there]);

describe('wordDiff', () => {
  const pairs: Array<[string, string]> = [
    ['The talks lasted around two and a half hours.', 'The talks lasted nearly three hours.'],
    ['The talks ended', 'the talks ended'],
    ['  Leading and  double  spaces ', 'Leading and double spaces'],
    ['He said: "We had a productive meeting."', 'He said: “We had a very productive meeting,” he added.'],
    ['', 'Only the other side has words.'],
    ['Only this side has words.', ''],
    ['', ''],
    ['The U.S. and Russia', 'The US and Russia'],
    ['Elmendorf-Richardson base', 'Elmendorf–Richardson base'],
    ['a b c d e f', 'f e d c b a'],
    ['Same sentence, twice.', 'Same sentence, twice.'],
  ];

  it('rebuilds both sentences exactly: same+here = here, same+there = there', () => {
    for (const [here, there] of pairs) {
      const parts = wordDiff(here, there);
      expect(joined(parts, 'here')).toBe(here);
      expect(joined(parts, 'there')).toBe(there);
    }
  });

  it('emits no empty parts and merges neighbours of the same side', () => {
    for (const [here, there] of pairs) {
      const parts = wordDiff(here, there);
      for (const [i, p] of parts.entries()) {
        expect(p.text.length).toBeGreaterThan(0);
        if (i > 0) expect(parts[i - 1]!.side).not.toBe(p.side);
      }
    }
  });

  it('marks the words that differ', () => {
    const parts = wordDiff('The talks lasted around two and a half hours.', 'The talks lasted nearly three hours.');
    expect(parts.filter((p) => p.side === 'here').map((p) => p.text.trim())).toEqual(['around two and a half']);
    expect(parts.filter((p) => p.side === 'there').map((p) => p.text.trim())).toEqual(['nearly three']);
    expect(wordDiff('Same words.', 'Same words.')).toEqual([{ text: 'Same words.', side: 'same' }]);
  });

  it('aligns ignoring case but keeps each side verbatim', () => {
    expect(wordDiff('The talks ended', 'the talks ended')).toEqual([
      { text: 'The', side: 'here' },
      { text: 'the', side: 'there' },
      { text: ' talks ended', side: 'same' },
    ]);
  });
});

describe('findConflicts: quantities', () => {
  it('pairs durations and reports different values with the phrase as written', () => {
    expect(of('duration', 'The talks lasted nearly three hours.', 'The talks lasted around two and a half hours.')).toEqual([
      ['nearly three hours', 'around two and a half hours'],
    ]);
    expect(of('duration', 'They spoke for half an hour.', 'They spoke for 45 minutes.')).toEqual([['half an hour', '45 minutes']]);
    expect(of('duration', 'He served for a decade.', 'He served for nine years.')).toEqual([['a decade', 'nine years']]);
  });

  it('does not report one value written differently with the same qualifier', () => {
    expect(findConflicts('The talks lasted 2.5 hours.', 'The talks lasted two and a half hours.')).toEqual([]);
    expect(findConflicts('around 2.5 hours of talks', 'around two and a half hours of talks')).toEqual([]);
    expect(findConflicts('They spoke for half an hour.', 'They spoke for 30 minutes.')).toEqual([]);
    expect(findConflicts('He served for a decade.', 'He served for 10 years.')).toEqual([]);
    // "about" only softens a value; it does not contradict the bare value.
    expect(findConflicts('The meeting lasted about three hours.', 'after a three-hour meeting')).toEqual([]);
  });

  it('reports the same value with a materially different qualifier', () => {
    expect(of('duration', 'during their three-hour meeting', 'after nearly three hours of talks')).toEqual([
      ['three-hour meeting', 'nearly three hours'],
    ]);
    expect(kinds('The meeting lasted more than 2.5 hours.', 'The meeting lasted around two and a half hours.')).toEqual(['duration']);
    expect(findConflicts('just under three hours', 'nearly three hours')).toEqual([]);
  });

  it('reports a vague amount against a precise one of the same unit, not against another vague one', () => {
    expect(of('duration', 'what was projected to be several hours of negotiations', 'the prospect of seven hours of talks')).toEqual([
      ['several hours', 'seven hours'],
    ]);
    expect(of('count', 'The storm killed dozens of people.', 'The storm killed 43 people.')).toEqual([['dozens of people', '43 people']]);
    expect(findConflicts('a few hours of talks', 'several hours of talks')).toEqual([]);
  });

  it('counts, percentages and money', () => {
    expect(of('count', 'At least 26 people were killed, officials said.', 'The strike killed 25 people, officials said.')).toEqual([
      ['At least 26 people', '25 people'],
    ]);
    expect(of('count', 'three senior officials resigned', 'two officials resigned')).toEqual([['three senior officials', 'two officials']]);
    expect(of('number', 'Unemployment rose to 4.2 per cent.', 'Unemployment rose to 4.3%.')).toEqual([['4.2 per cent', '4.3%']]);
    expect(findConflicts('Unemployment rose to 25 per cent.', 'Unemployment rose to 25%.')).toEqual([]);
    expect(of('number', 'a loss of $5 million', 'a loss of $5.5m')).toEqual([['$5 million', '$5.5m']]);
    expect(findConflicts('a loss of $5 million', 'a loss of $5m')).toEqual([]);
  });

  it('does not pair numbers of unrelated units', () => {
    expect(findConflicts('Three people died and 20 were injured.', 'The fire lasted three hours and destroyed 25 per cent of the building.')).toEqual([]);
    expect(findConflicts('the first summit in three years', 'seven hours of talks')).toEqual([]);
    expect(findConflicts('two leaders met', 'three hours of talks')).toEqual([]);
    // A plan is not compared with what happened.
    expect(findConflicts('talks expected to last several hours', 'a three-hour meeting')).toEqual([]);
    // Formats and designations are not amounts.
    expect(findConflicts('a one-on-one meeting', 'a three-on-three meeting')).toEqual([]);
    expect(findConflicts('F-16 jets were sent', 'F-35 jets were sent')).toEqual([]);
  });

  it('pairs equal values first, so extra numbers in one sentence do not make conflicts', () => {
    expect(findConflicts('A two-day visit ended after three hours of talks.', 'The talks lasted three hours.')).toEqual([]);
  });
});

describe('findConflicts: dates', () => {
  it('years, weekdays, day and month, clock times', () => {
    expect(of('date', 'The law was passed in 2016.', 'The law, passed in 2018, changed that.')).toEqual([['2016', '2018']]);
    expect(of('date', 'They met on Friday.', 'They met on Thursday.')).toEqual([['Friday', 'Thursday']]);
    expect(of('date', 'The summit was held on August 15.', 'The summit was held on August 16.')).toEqual([['August 15', 'August 16']]);
    expect(kinds('It starts at 9 a.m. local time', 'It starts at 10am local time')).toEqual(['date']);
  });

  it('same dates written differently are not conflicts', () => {
    expect(findConflicts('The summit was held on August 15.', 'The summit, on 15 August, was short.')).toEqual([]);
    expect(findConflicts('in 2016 and 2018', 'in 2018')).toEqual([]);
    expect(findConflicts('2000 troops arrived in 2016', '2000 troops arrived in 2016.')).toEqual([]);
  });
});

describe('findConflicts: names', () => {
  it('reports near-identical spellings of one name', () => {
    expect(of('name', 'aide Yury Ushakov said', 'aide Yuri Ushakov said')).toEqual([['Yury Ushakov', 'Yuri Ushakov']]);
    expect(of('name', 'President Volodymyr Zelensky', 'President Volodymyr Zelenskyy')).toEqual([
      ['Volodymyr Zelensky', 'Volodymyr Zelenskyy'],
    ]);
  });

  it('does not report identical, unrelated or derived names', () => {
    expect(findConflicts('aide Yuri Ushakov said', 'aide Yuri Ushakov said')).toEqual([]);
    expect(findConflicts('Foreign Minister Sergey Lavrov spoke', 'Foreign Minister Annalena Baerbock spoke')).toEqual([]);
    expect(findConflicts('talks between Russia and the US', 'Russian and US officials held talks')).toEqual([]);
    expect(findConflicts('Israel and its allies', 'Israeli officials and allies')).toEqual([]);
    // Different places that look alike, with no shared name or title around them.
    expect(findConflicts('sanctions on Iran were discussed', 'sanctions on Iraq were discussed')).toEqual([]);
    // A possessive is the same name.
    expect(findConflicts('Trump’s envoy arrived', 'the envoy of Trump arrived')).toEqual([]);
  });
});

describe('findConflicts: titles', () => {
  it('reports different roles given to the same person', () => {
    expect(of('title', 'senior presidential aide Yury Ushakov accompanied Putin', 'alongside national security adviser Yuri Ushakov for Putin')).toEqual([
      ['senior presidential aide Yury Ushakov', 'national security adviser Yuri Ushakov'],
    ]);
    expect(of('title', 'Trump’s Special Envoy to the Middle East Steve Witkoff joined', 'and his special envoy for peace missions, Steve Witkoff.')).toEqual([
      ['Special Envoy to the Middle East Steve Witkoff', 'special envoy for peace missions, Steve Witkoff'],
    ]);
    expect(kinds('Steve Witkoff, the special envoy to the Middle East, said', 'special envoy for peace missions Steve Witkoff said')).toContain('title');
    // The same head noun of another portfolio.
    expect(of('title', 'Putin was joined by Foreign Minister Sergei Lavrov.', 'Putin was joined by Defence Minister Sergei Lavrov.')).toEqual([
      ['Foreign Minister Sergei Lavrov', 'Defence Minister Sergei Lavrov'],
    ]);
  });

  it('keeps to real differences of title', () => {
    // One title contains the other; modifiers and given names are not titles.
    expect(findConflicts('Russian Foreign Minister Sergey Lavrov', 'Foreign Minister Sergey Lavrov')).toEqual([]);
    expect(findConflicts('Defense Secretary Pete Hegseth spoke', 'Defence Secretary Pete Hegseth spoke')).toEqual([]);
    expect(findConflicts('Ukrainian President Zelensky spoke', 'President Volodymyr Zelensky spoke')).toEqual([]);
    expect(findConflicts('Secretary of State and national security adviser Marco Rubio', 'Secretary of State Marco Rubio')).toEqual([]);
    // Spelling or gender forms of one role, and descriptions rather than titles.
    expect(findConflicts('Kremlin spokesman Dmitry Peskov said', 'Kremlin spokesperson Dmitry Peskov said')).toEqual([]);
    expect(findConflicts('Russian President Vladimir Putin arrived', 'Kremlin leader Vladimir Putin arrived')).toEqual([]);
    // Verbs before a name are not part of a title.
    expect(findConflicts('vowed to consult Ukrainian President Volodymyr Zelensky', 'will call up President Zelensky')).toEqual([]);
    // Different people.
    expect(findConflicts('Foreign Minister Sergey Lavrov', 'national security adviser Yuri Ushakov')).toEqual([]);
  });
});

describe('findConflicts: quotes', () => {
  it('reports one quotation worded differently', () => {
    expect(of('quote', 'He said: "We had an extremely productive meeting and many points were agreed to."', '“I believe we had a very productive meeting,” Trump said.')).toEqual([
      ['We had an extremely productive meeting', 'we had a very productive meeting'],
    ]);
    expect(of('quote', 'He said: “We will never back down, whatever the price.”', 'He said “We will not back down, whatever the cost”.')).toEqual([
      ['We will never back down, whatever the price', 'We will not back down, whatever the cost'],
    ]);
  });

  it('shows a long quotation that differs in one place around that place, from a clause mark', () => {
    const here = '“We had an extremely productive meeting and many points were agreed to, there are just a very few that are left,” Trump said.';
    const there = 'He said: "We had an extremely productive meeting and many points were agreed to, there are very few that are left."';
    expect(of('quote', here, there)).toEqual([['there are just a very few that are left', 'there are very few that are left']]);
    // A quotation that differs all through is shown whole.
    expect(of('quote', '“We will never back down, whatever the price, and we will win,” he said.', 'He said “We will not back down, whatever the cost, and we shall win”.')).toEqual([
      ['We will never back down, whatever the price, and we will win', 'We will not back down, whatever the cost, and we shall win'],
    ]);
  });

  it('reads quotes cut by sentence splitting: an unclosed opening or a lone closing mark', () => {
    expect(kinds('adding that "one is the most significant".', '“Some are not that significant,” he said. “One is probably the most significant')).toEqual(['quote']);
    expect(kinds('there are very few that are left', 'there are just a very few that are left,” he told reporters')).toEqual(['quote']);
  });

  it('does not report the same words, a shorter cut, an elided passage or a different quote', () => {
    expect(findConflicts('He said: "We will not back down, whatever the cost."', 'He said: “we will not back down whatever the cost”.')).toEqual([]);
    expect(findConflicts('urged both sides to “turn the page,”', 'said they should “turn the page and go back to cooperation.”')).toEqual([]);
    expect(findConflicts('“We have made some headway. So there is no deal.”', '“We haven’t quite got there, but we’ve made some headway.”')).toEqual([]);
    expect(findConflicts('“We had a productive meeting… we didn’t get there,” he said.', '“We had a productive meeting and many points were agreed to. We didn’t get there.”')).toEqual([]);
    expect(findConflicts('He said: "We will not back down."', 'He said “the economy is strong and growing”.')).toEqual([]);
    // Contractions and possessives are not a different wording.
    expect(findConflicts('“We’ve made some headway on the issue”', '"We have made some headway on the issue"')).toEqual([]);
  });
});

describe('rewordsQuotation', () => {
  it('is true exactly when the two sentences quote one statement with words changed inside it', () => {
    expect(rewordsQuotation('He said: “We will never give up our land, whatever the price.”', 'He said “We will not give up our land, whatever the cost”.')).toBe(true);
    // Quoted or not on the other side.
    expect(rewordsQuotation('“The crews did an extraordinary job,” the chief said.', 'The chief said the crews did an incredible job holding the line.')).toBe(true);
    // Too few words kept, or only function words and one content word in common.
    expect(rewordsQuotation('“The crews did an extraordinary job,” the chief said.', 'The chief said the crews worked through the night and did a job nobody else could.')).toBe(false);
    expect(rewordsQuotation('He said: “We had a very bad meeting.”', '“We had an extremely productive meeting,” he said.')).toBe(false);
    expect(rewordsQuotation('“I’m going to start calling the families tonight,” he said.', '“I’m not going to be satisfied until it is fixed,” she said.')).toBe(false);
    // The same words, a shorter cut, and another statement are not a rewording.
    expect(rewordsQuotation('He said: "We will not back down, whatever the cost."', 'He said: “we will not back down whatever the cost”.')).toBe(false);
    expect(rewordsQuotation('urged both sides to “turn the page,”', 'said they should “turn the page and go back to cooperation.”')).toBe(false);
    expect(rewordsQuotation('He said: "We will not back down."', 'He said “the economy is strong and growing”.')).toBe(false);
  });
});

describe('findConflicts: general behaviour', () => {
  it('ignores differences of punctuation, case, hyphenation and abbreviation dots', () => {
    expect(findConflicts('The U.S. said the two-day talks were business-like.', 'the US said the two day talks were businesslike')).toEqual([]);
    expect(findConflicts('', '')).toEqual([]);
  });

  it('returns unique conflicts, checkable facts before wording and spelling', () => {
    const found = findConflicts(
      'Senior presidential aide Yury Ushakov said the talks lasted nearly three hours.',
      'National security adviser Yuri Ushakov said the talks lasted around two and a half hours.',
    );
    expect(found.map((c) => c.kind)).toEqual(['duration', 'title', 'name']);
    const ids = found.map((c) => `${c.kind}|${c.here}|${c.there}`);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('compareSentences returns the diff and the conflicts', () => {
    const here = 'The talks lasted nearly three hours.';
    const there = 'The talks lasted around two and a half hours.';
    expect(compareSentences(here, there)).toEqual({ diff: wordDiff(here, there), conflicts: findConflicts(here, there) });
  });

  it('describeConflict states both versions with their outlets', () => {
    const c: Conflict = { kind: 'duration', here: 'nearly three hours', there: 'around two and a half hours' };
    expect(describeConflict(c, 'Outlet B', 'Outlet C')).toBe('Outlet B: nearly three hours · Outlet C: around two and a half hours');
    const q: Conflict = { kind: 'quote', here: 'very productive', there: 'extremely productive' };
    expect(describeConflict(q, 'This article', 'Outlet C')).toBe('This article: “very productive” · Outlet C: “extremely productive”');
  });

  it('describeConflict marks with an ellipsis where a quote is cut out of a longer quotation', () => {
    const q: Conflict = { kind: 'quote', here: 'there are just a very few that are left', there: 'One is probably the most significant' };
    const sentences = {
      here: '“We had an extremely productive meeting, there are just a very few that are left,” Trump said.',
      there: '“One is probably the most significant, but we have a very good chance of getting there.”',
    };
    expect(describeConflict(q, 'Outlet B', 'Outlet C', sentences)).toBe('Outlet B: “…there are just a very few that are left” · Outlet C: “One is probably the most significant…”');
    // Not cut: the whole quotation, or a sentence that ends where the quote does.
    expect(describeConflict({ kind: 'quote', here: 'very productive', there: 'extremely productive' }, 'A', 'B', { here: 'It was “very productive”.', there: 'extremely productive' })).toBe(
      'A: “very productive” · B: “extremely productive”',
    );
  });
});

// ───────────── the gold annotation: conflicts found between mention snippets ─────────────

interface GoldPoint {
  id: string;
  conflict: string | null;
  mentions: Array<{ doc: string; snippet: string }>;
}

const gold = JSON.parse(readFileSync(path.resolve(__dirname, '../eval/points.json'), 'utf8')) as { points: GoldPoint[] };

/** Pairs of mentions of one point by two different outlets. */
function crossOutletPairs(point: GoldPoint): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  point.mentions.forEach((a, i) =>
    point.mentions.slice(i + 1).forEach((b) => {
      if (a.doc !== b.doc) out.push([a.snippet, b.snippet]);
    }),
  );
  return out;
}

describe('gold conflicts (snippets of points.json)', () => {
  it('finds a conflict for the annotated conflicting points', () => {
    const annotated = gold.points.filter((p) => p.conflict !== null);
    const found = annotated.filter((p) => crossOutletPairs(p).some(([a, b]) => findConflicts(a, b).length > 0));
    console.log(`gold conflicts detected: ${found.length}/${annotated.length} (${found.map((p) => p.id).join(' ')})`);
    expect(annotated.length).toBe(22);
    // Most of the rest are contradicting claims, attributions or different quotes, not details.
    expect(found.length).toBeGreaterThanOrEqual(9);
  });

  it('rarely finds one between mentions of points annotated as agreeing', () => {
    const pairs = gold.points.filter((p) => p.conflict === null).flatMap(crossOutletPairs);
    const flagged = pairs.filter(([a, b]) => findConflicts(a, b).length > 0);
    console.log(`conflicts on agreeing pairs: ${flagged.length}/${pairs.length}`);
    expect(flagged.length / pairs.length).toBeLessThanOrEqual(0.03);
  });
});

describe('certainty: one outlet hedges what another states', () => {
  const certainty = (here: string, there: string) => conflictsOf('certainty', here, there);

  it('reports the hedged statement against the plain one, either way round', () => {
    const hedged = 'Officials said the dinner was planned, but it appeared that the dinner was cancelled, and the guests went home.';
    const plain = 'A planned state dinner for the two delegations was cancelled without explanation.';
    expect(certainty(hedged, plain)).toEqual([{ kind: 'certainty', here: 'it appeared that the dinner was cancelled', there: 'dinner for the two delegations was cancelled' }]);
    expect(certainty(plain, hedged)).toEqual([{ kind: 'certainty', here: 'dinner for the two delegations was cancelled', there: 'it appeared that the dinner was cancelled' }]);
  });

  it('knows hearsay and adverb hedges', () => {
    expect(certainty('The minister is believed to have resigned from the cabinet.', 'The minister resigned from the cabinet on Monday.')).toHaveLength(1);
    expect(certainty('The minister reportedly resigned from the cabinet.', 'The minister resigned from the cabinet on Monday.')).toHaveLength(1);
  });

  it('is quiet when both hedge, when the statements differ, or when "said to" only reports speech', () => {
    expect(certainty('The minister reportedly resigned from the cabinet.', 'The minister is believed to have resigned from the cabinet.')).toEqual([]);
    expect(certainty('The minister reportedly resigned from the cabinet.', 'The minister praised the cabinet on Monday.')).toEqual([]);
    expect(certainty('He said to reporters that the talks were good.', 'The talks were good, he told reporters.')).toEqual([]);
  });
});

describe('negation: one outlet denies what another states', () => {
  const negation = (here: string, there: string) => conflictsOf('negation', here, there);

  it('reports the denial against the plain statement, either way round', () => {
    const denied = 'The two leaders ended the press conference without taking questions from reporters.';
    const plain = 'The press conference lasted an hour and both leaders took several questions.';
    expect(negation(denied, plain)).toEqual([{ kind: 'negation', here: 'without taking questions', there: 'took several questions' }]);
    expect(negation(plain, denied)).toEqual([{ kind: 'negation', here: 'took several questions', there: 'without taking questions' }]);
  });

  it('knows "not", "never" and denying verbs', () => {
    expect(negation('The minister did not attend the ceremony.', 'The minister attended the ceremony on Tuesday.')).toHaveLength(1);
    expect(negation('The company never disclosed the price.', 'The company disclosed the price in a filing.')).toHaveLength(1);
    expect(negation('Police declined to identify the suspect.', 'Police identified the suspect on Sunday.')).toHaveLength(1);
  });

  it('is quiet when both deny, when the other only supposes, or when the same words say something else', () => {
    expect(negation('The minister did not attend the ceremony.', 'The minister was absent and never attended the ceremony.')).toEqual([]);
    expect(negation('The minister did not attend the ceremony.', 'The minister could attend the ceremony next year.')).toEqual([]);
    // "not only X but Y" affirms X; a name is not what is denied; the words in another order tell another story.
    expect(negation('The deal covers not only the border but the ports.', 'The deal covers the border.')).toEqual([]);
    expect(negation('Neither Smith nor Jones attended.', 'Smith and Jones met in Paris.')).toEqual([]);
    expect(negation('Neither leader announced a second meeting.', 'Earlier meetings with the leader went badly.')).toEqual([]);
    // Reporting verbs deny no fact: "officials have not said why" is not "officials said".
    expect(negation('Officials have not said why the flight was delayed.', 'Officials said the flight was full.')).toEqual([]);
  });
});

describe('the comparison cache', () => {
  it('gives the same diff and conflicts as comparing afresh, when sentences recur across comparisons', () => {
    const reader = ['The talks lasted nearly three hours, officials said.', 'Putin said the meeting was “constructive and useful”.'];
    const corpus = ['The meeting lasted more than two and a half hours.', 'Putin called the talks “constructive and very useful”.', 'The talks lasted nearly three hours, officials said.'];
    const cache = new Map();
    for (const here of reader) {
      for (const there of corpus) expect(compareSentences(here, there, cache)).toEqual(compareSentences(here, there));
    }
    expect(cache.size).toBe(reader.length + corpus.length - 1);
  });

  it('gives the same for a sentence tokenised beforehand, however often it is compared', () => {
    const there = sentOf('“Many points were agreed to, there are just a very few that are left,” he said after nearly three hours.');
    const readers = ['He said: "Many points were agreed to, there are very few that are left."', 'The talks lasted more than two and a half hours.'];
    for (let round = 0; round < 2; round++) {
      for (const here of readers) expect(compareSentences(here, there)).toEqual(compareSentences(here, there.text));
    }
    expect(findConflicts(readers[0]!, there).map((c) => c.kind)).toEqual(['quote']);
    expect(findConflicts(readers[1]!, there).map((c) => c.kind)).toEqual(['duration']);
  });
});
