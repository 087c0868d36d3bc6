import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../lib/sentences';

const split = (text: string): string[] => splitSentences(text).map((s) => s.text);

const SEEDS_DIR = path.resolve(__dirname, '../../../shared/seeds');
const seeds = readdirSync(SEEDS_DIR)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => ({ name: f, text: readFileSync(path.join(SEEDS_DIR, f), 'utf8') }));

describe('splitSentences: basics', () => {
  it('splits plain sentences and keeps exact offsets', () => {
    const text = 'The vote passed. Critics objected!  Will it last?';
    const out = splitSentences(text);
    expect(out.map((s) => s.text)).toEqual(['The vote passed.', 'Critics objected!', 'Will it last?']);
    for (const s of out) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it('never crosses a newline and skips empty paragraphs', () => {
    const text = 'First paragraph has no full stop\n\n  \nSecond one. It has two.\n';
    expect(split(text)).toEqual(['First paragraph has no full stop', 'Second one.', 'It has two.']);
  });

  it('returns nothing for empty or whitespace-only text', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences('\n \n\t')).toEqual([]);
  });

  it('trims whitespace, including leading spaces in a paragraph', () => {
    const text = '   Leading spaces here.   Then more.   ';
    const out = splitSentences(text);
    expect(out.map((s) => s.text)).toEqual(['Leading spaces here.', 'Then more.']);
    for (const s of out) expect(text.slice(s.start, s.end)).toBe(s.text);
  });
});

describe('splitSentences: abbreviations', () => {
  it('does not split after titles', () => {
    expect(split('Mr. Smith met Mrs. Jones and Ms. Lee. Dr. Patel and Prof. Ng agreed.')).toEqual([
      'Mr. Smith met Mrs. Jones and Ms. Lee.',
      'Dr. Patel and Prof. Ng agreed.',
    ]);
    expect(split('Sen. Warren, Gov. Newsom and Gen. Milley spoke in St. Louis on Tuesday.')).toHaveLength(1);
  });

  it('handles Jr. mid-sentence and at the end of a sentence', () => {
    expect(split('Martin Luther King Jr. spoke here. Robert Downey Jr. The actor smiled.')).toEqual([
      'Martin Luther King Jr. spoke here.',
      'Robert Downey Jr.',
      'The actor smiled.',
    ]);
  });

  it('handles U.S., U.K. and U.N. mid-sentence and at the end', () => {
    expect(split('The U.S. Senate voted. U.K. officials and U.N. envoys met.')).toEqual([
      'The U.S. Senate voted.',
      'U.K. officials and U.N. envoys met.',
    ]);
    expect(split('He moved to the U.S. He never returned.')).toEqual(['He moved to the U.S.', 'He never returned.']);
    expect(split('The talks were held in the U.K. The next round is in Geneva.')).toEqual([
      'The talks were held in the U.K.',
      'The next round is in Geneva.',
    ]);
  });

  it('handles e.g., i.e. and etc.', () => {
    expect(split('Some fruits, e.g. apples, are cheap. Others, i.e. Mangoes, are not.')).toEqual([
      'Some fruits, e.g. apples, are cheap.',
      'Others, i.e. Mangoes, are not.',
    ]);
    expect(split('They sold pens, paper, etc. and more. They also sold ink, etc. The shop closed.')).toEqual([
      'They sold pens, paper, etc. and more.',
      'They also sold ink, etc.',
      'The shop closed.',
    ]);
  });

  it('handles month abbreviations', () => {
    expect(split('The law took effect on Aug. 15, 2024. It expires Sept. 30. Jan. 6 was different.')).toEqual([
      'The law took effect on Aug. 15, 2024.',
      'It expires Sept. 30.',
      'Jan. 6 was different.',
    ]);
    expect(split('Talks resumed in Feb. The deal was signed in Oct. 2023.')).toEqual([
      'Talks resumed in Feb.',
      'The deal was signed in Oct. 2023.',
    ]);
  });

  it('handles initials in names', () => {
    expect(split('J. K. Rowling wrote it. Donald J. Trump read it. George W. Bush did not.')).toEqual([
      'J. K. Rowling wrote it.',
      'Donald J. Trump read it.',
      'George W. Bush did not.',
    ]);
  });

  it('handles D.C. and Ph.D. at the end and in the middle of a sentence', () => {
    expect(split('She moved to Washington, D.C. The job paid well.')).toEqual([
      'She moved to Washington, D.C.',
      'The job paid well.',
    ]);
    expect(split('He earned a Ph.D. in physics. Then he left.')).toEqual(['He earned a Ph.D. in physics.', 'Then he left.']);
  });

  it('handles other mid-sentence abbreviations (No., p.m., vs.)', () => {
    expect(split('He lives at No. 10 and works until 6 p.m. on weekdays. Smith vs. Jones was decided.')).toEqual([
      'He lives at No. 10 and works until 6 p.m. on weekdays.',
      'Smith vs. Jones was decided.',
    ]);
    expect(split('The meeting ended at 3 p.m. The leaders left.')).toEqual(['The meeting ended at 3 p.m.', 'The leaders left.']);
  });
});

describe('splitSentences: numbers', () => {
  it('keeps a list enumerator with its item', () => {
    expect(split('1. The economy grew. Jobs followed.\n2. Prices fell.')).toEqual([
      '1. The economy grew.',
      'Jobs followed.',
      '2. Prices fell.',
    ]);
  });


  it('does not split inside decimals and amounts', () => {
    expect(split('The deal is worth $3.5 billion. Inflation hit 2.5%. The bill came to 1,000.50 dollars.')).toEqual([
      'The deal is worth $3.5 billion.',
      'Inflation hit 2.5%.',
      'The bill came to 1,000.50 dollars.',
    ]);
  });

  it('splits before a sentence starting with a number', () => {
    expect(split('The fire spread fast. 12 people were hurt.')).toEqual(['The fire spread fast.', '12 people were hurt.']);
  });
});

describe('splitSentences: quotes and brackets', () => {
  it('keeps the closing quote with the sentence it ends', () => {
    expect(split('He said: "No deal." Then he left.')).toEqual(['He said: "No deal."', 'Then he left.']);
    expect(split('She said: “We are done.” The room fell silent.')).toEqual([
      'She said: “We are done.”',
      'The room fell silent.',
    ]);
    expect(split('He called it ‘a mistake.’ Nobody agreed.')).toEqual(['He called it ‘a mistake.’', 'Nobody agreed.']);
    expect(split('The bill passed (narrowly.) Critics vowed to fight.')).toEqual([
      'The bill passed (narrowly.)',
      'Critics vowed to fight.',
    ]);
  });

  it('does not split when the attribution follows in lower case', () => {
    expect(split('"Is this the end?" he asked. "No," she said.')).toEqual(['"Is this the end?" he asked.', '"No," she said.']);
    expect(split('“We are ready.” the minister said.')).toEqual(['“We are ready.” the minister said.']);
  });

  it('splits before an opening quote', () => {
    expect(split('“I want peace,” he said. “I want the killing to stop.”')).toEqual([
      '“I want peace,” he said.',
      '“I want the killing to stop.”',
    ]);
  });

  it('keeps stacked punctuation such as ?”. together', () => {
    expect(split('A reporter shouted: “Can we trust you?”. He did not answer.')).toEqual([
      'A reporter shouted: “Can we trust you?”.',
      'He did not answer.',
    ]);
  });
});

describe('splitSentences: ellipses and dashes', () => {
  it('does not split an ellipsis followed by a lower-case word', () => {
    expect(split('“We agreed on many points…. we did not get there,” he said.')).toHaveLength(1);
    expect(split('He paused... and then went on. It was late.')).toEqual(['He paused... and then went on.', 'It was late.']);
    expect(split('He added: “ …we had a productive meeting.”')).toHaveLength(1);
  });

  it('does not split an ellipsis inside an open quotation', () => {
    expect(split('“Relations are at a low… I think that is bad,” she said.')).toHaveLength(1);
  });

  it('splits an ellipsis that ends a sentence outside quotes', () => {
    expect(split('The wait went on… The crowd left.')).toEqual(['The wait went on…', 'The crowd left.']);
  });

  it('keeps unspaced dashes and hyphens inside the sentence', () => {
    expect(split('His visit to the United States–his first in a decade–was praised. It was brief.')).toEqual([
      'His visit to the United States–his first in a decade–was praised.',
      'It was brief.',
    ]);
    expect(split('A three-on-three meeting—long planned—went ahead.')).toHaveLength(1);
  });
});

describe('splitSentences: missing spaces', () => {
  it('splits ? and ! run directly into an upper-case word', () => {
    expect(split('Why was the dinner cancelled?Among the planned events was a dinner.')).toEqual([
      'Why was the dinner cancelled?',
      'Among the planned events was a dinner.',
    ]);
    expect(split('What a day!Then it rained.')).toEqual(['What a day!', 'Then it rained.']);
  });

  it('splits a full stop run into a capitalised word', () => {
    expect(split('The talks ended.The leaders left.')).toEqual(['The talks ended.', 'The leaders left.']);
    expect(split('He said “enough.”The crowd cheered.')).toEqual(['He said “enough.”', 'The crowd cheered.']);
  });

  it('does not split abbreviations, initialisms, domains or decimals written without spaces', () => {
    expect(split('Mr.Smith joined the U.S.Army in 1990.')).toHaveLength(1);
    expect(split('Visit example.com or ASP.NET docs for 3.5 details.')).toHaveLength(1);
  });

  it('keeps a "Heading:Text" line whole', () => {
    expect(split('Also Read:Trump says talks will resume next week')).toEqual([
      'Also Read:Trump says talks will resume next week',
    ]);
  });
});

describe('splitSentences: real articles', () => {
  it('has exact offsets on every seed', () => {
    for (const { text } of seeds) {
      const out = splitSentences(text);
      let last = 0;
      for (const s of out) {
        expect(text.slice(s.start, s.end)).toBe(s.text);
        expect(s.text).toBe(s.text.trim());
        expect(s.text).not.toContain('\n');
        expect(s.start).toBeGreaterThanOrEqual(last);
        last = s.end;
      }
    }
  });

  it('yields a plausible number of sentences per seed', () => {
    for (const { text } of seeds) {
      const paragraphs = text.split('\n').filter((p) => p.trim()).length;
      const words = text.split(/\s+/).filter(Boolean).length;
      const out = splitSentences(text);
      expect(out.length).toBeGreaterThanOrEqual(paragraphs);
      expect(out.length).toBeLessThanOrEqual(Math.ceil(words / 5));
      for (const s of out) {
        expect(s.text.split(/\s+/).length).toBeLessThanOrEqual(80);
        // No sentence is just an abbreviation or initial ("Mr.", "U.S.", "J.").
        expect(s.text).not.toMatch(/^(\p{L}{1,4}\.)+$/u);
        expect(s.text).toMatch(/\p{L}{2}/u);
      }
    }
  });

  it('handles real cases from the seeds', () => {
    const all = seeds.flatMap(({ text }) => split(text));
    expect(all).toContain('Why was the luncheon cancelled?');
    expect(all.some((s) => s.startsWith('Trump’s allies have cast the U.S. president as a heavyweight'))).toBe(true);
    expect(all.some((s) => s.startsWith('His appearance in the United States–his first in a decade–was'))).toBe(true);
    expect(all).toContain('Also Read:Trump says “No deal until there’s a deal” after Alaska talks with Putin');
  });
});

describe('splitSentences: long pages', () => {
  // Speed is measured by `npm run bench`, not asserted here.
  it('splits a 10,000-word page into the expected sentences', () => {
    const para =
      'Mr. Smith said the U.S. economy grew 2.5% in Aug. 2024. “It is a good sign,” he said. ' +
      'Critics disagreed… but the markets rose anyway! Why? Nobody knows.';
    const text = Array.from({ length: 400 }, () => para).join('\n');
    const out = splitSentences(text);
    expect(out).toHaveLength(400 * 5);
    for (const s of out) expect(text.slice(s.start, s.end)).toBe(s.text);
  });
});
