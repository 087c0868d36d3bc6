import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { judgeClaim } from '../../lib/claims';
import { splitSentences } from '../../lib/sentences';

const SEEDS_DIR = path.resolve(__dirname, '../../../shared/seeds');
const seedSentences = readdirSync(SEEDS_DIR)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .flatMap((f) => splitSentences(readFileSync(path.join(SEEDS_DIR, f), 'utf8')).map((s) => s.text));

function expectVerdict(text: string, claim: boolean, reason: string): void {
  expect(judgeClaim(text), text).toEqual({ claim, reason });
}

describe('judgeClaim: claims', () => {
  it.each([
    ['The storm killed 14 people across the region.', 'number'],
    ['Prices rose 2.5% in March, the fastest pace in a year.', 'number'],
    ['The hearing lasted more than two and a half hours.', 'number'],
    ['Officials expect thousands of visitors at the weekend.', 'number'],
  ])('number: %s', (text, reason) => expectVerdict(text, true, reason));

  it.each([
    ['“We will not back down,” the mayor said.', 'quote'],
    ['She described the plan as "reckless and unfunded".', 'quote'],
    ['He called the ruling ‘a disgrace’ and left the court.', 'quote'],
    ['“I want the fighting to stop.”', 'quote'],
  ])('quote: %s', (text, reason) => expectVerdict(text, true, reason));

  it.each([
    ['The company said it would cut jobs across its stores.', 'attribution'],
    ['According to police, the driver fled the scene on foot.', 'attribution'],
    ['The minister told reporters that talks would continue.', 'attribution'],
    ['The agency reported a sharp drop in complaints.', 'attribution'],
  ])('attribution: %s', (text, reason) => expectVerdict(text, true, reason));

  it.each([
    ['The delegation travelled on to Brussels after the talks ended.', 'named entity'],
    ['Angela Merkel met the delegation at the airport.', 'named entity'],
    ['NATO troops stayed in their barracks overnight.', 'named entity'],
  ])('named entity: %s', (text, reason) => expectVerdict(text, true, reason));

  it('short sentences with a common verb are not fragments', () => {
    expectVerdict('Meanwhile, the talks continue in Geneva.', true, 'named entity');
    expectVerdict('The board rejects the takeover offer.', true, 'statement');
  });

  it('plain statement of reasonable length', () => {
    expectVerdict('But he did not look happy after their session of talks.', true, 'statement');
  });

  it('a reported question is a checkable claim', () => {
    expectVerdict('A reporter shouted at the senator: “Will you resign?”', true, 'quote');
    expectVerdict('“Why was the plan dropped?” one councillor asked.', true, 'quote');
    expectVerdict('Both men ignored a journalist shouting a question; “Can we trust you?”.', true, 'quote');
  });
});

describe('judgeClaim: not claims', () => {
  it.each([
    'Why was the dinner cancelled?',
    'Is this the end of the coalition?',
    '“Can we trust him?”',
    'Did the minister say “no deal”?',
  ])('question: %s', (text) => expectVerdict(text, false, 'question'));

  it.each([
    'A warm welcome underscoring ties',
    'Markets slide as rates climb',
    'What happens to your pension',
    'Here are key takeaways from the summit:',
  ])('heading: %s', (text) => expectVerdict(text, false, 'heading'));

  it.each([
    'READ MORE: Five things we learned from the budget',
    'Also Read:Mayor says new stadium will open in May',
    'You may also like',
    'Sign up for our newsletter',
    'Click here to watch the full interview',
    'Share this article',
  ])('promo: %s', (text) => expectVerdict(text, false, 'promo'));

  it.each(['(With inputs from AP)', '(Reporting by Jane Doe; Editing by John Roe)'])('credit line: %s', (text) =>
    expectVerdict(text, false, 'credit line'),
  );

  it.each(['Yes.', 'He left.', '“No,” she said.', '…', ''])('too short: %s', (text) =>
    expectVerdict(text, false, 'too short'),
  );

  it.each([
    'rekt: { list: [ list: [ list: [ list: [ ] list: [ ] ... ] ... ] ... ] ...',
    'if (x > 0) { return [a, b]; } else { y = {}; }.',
    '| 2024 | 1.5 | -- | n/a | 3.2 |',
    '+----+----+ | ab | cd | +----+----+ | 12 | 34 | +----+----+.',
  ])('code, tables and ASCII art are not prose: %s', (text) => expectVerdict(text, false, 'not prose'));

  it('punctuation, quotes and figures in a sentence keep it prose', () => {
    expectVerdict('“It’s a big range that we fish,” Bassi said.', true, 'quote');
    expectVerdict('That’s a total of 10^5 * 300 = 30,000,000 lists.', true, 'number');
    expectVerdict('Prices rose 3.5% (from $24 to $28) in 2024–25, per the U.S. data.', true, 'number');
  });

  it('fragment without a verb', () => {
    expectVerdict('A warm welcome for old allies.', false, 'fragment');
  });

  it('a line without sentence punctuation is a heading, unless it is an item of a list of statements', () => {
    const item = 'He is confident the nuclear deal will be passed by Congress';
    expectVerdict(item, false, 'heading');
    expect(judgeClaim(item, true)).toEqual({ claim: true, reason: 'named entity' });
    expect(judgeClaim('Read the full transcript', true).claim).toBe(false);
  });

  it('lead-in to a quote', () => {
    expectVerdict('The minister said in a statement:', false, 'lead-in');
  });

  it('vague short statement', () => {
    expectVerdict('What happens next remains unclear.', false, 'too vague');
  });
});

describe('judgeClaim: seeds', () => {
  it('rejects the question run into the next sentence and the section headings', () => {
    expectVerdict('Why was the luncheon cancelled?', false, 'question');
    for (const s of ['A warm welcome underscoring ties', 'Putin buoyed as time drags on', 'No questions, no clear outcomes']) {
      expect(seedSentences).toContain(s);
      expect(judgeClaim(s).claim, s).toBe(false);
    }
  });

  it('accepts reporting sentences from the seeds', () => {
    const pick = (prefix: string): string => {
      const s = seedSentences.find((x) => x.startsWith(prefix));
      if (!s) throw new Error(`missing seed sentence ${prefix}`);
      return s;
    };
    expect(judgeClaim(pick('The meeting lasted more than two and a half hours')).claim).toBe(true);
    expect(judgeClaim(pick('Both ignored a journalist shouting a question')).claim).toBe(true);
    expect(judgeClaim(pick('Neither Putin nor Trump mentioned any halt')).claim).toBe(true);
  });

  it('judges most seed sentences as claims and rejects every promo line', () => {
    const verdicts = seedSentences.map((s) => ({ s, v: judgeClaim(s) }));
    const claims = verdicts.filter((x) => x.v.claim).length;
    expect(claims / verdicts.length).toBeGreaterThan(0.8);
    for (const { s, v } of verdicts) {
      if (/^(?:READ MORE|Also Read|You may also like)/i.test(s)) expect(v, s).toEqual({ claim: false, reason: 'promo' });
      expect(v.reason.length).toBeGreaterThan(0);
    }
  });
});
