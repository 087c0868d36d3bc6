import { describe, expect, it } from 'vitest';
import { agreeingAmounts, amountsOf } from '../../lib/amounts';
import { findConflicts } from '../../lib/compare';

describe('agreeingAmounts: amounts two sentences can both state truly', () => {
  const agree = (a: string, b: string) => agreeingAmounts(amountsOf(a), amountsOf(b));

  it('counts measures of one kind whose qualified readings overlap', () => {
    expect(agree('The talks lasted around two and a half hours.', 'They emerged after nearly three hours of talks.')).toBe(1);
    expect(agree('The meeting lasted more than two and a half hours.', 'They left after just under three hours.')).toBe(1);
    expect(agree('It was his first visit in ten years.', 'It was his first appearance in a decade.')).toBe(1);
    expect(agree('The fund lost $4.2 million last year.', 'Losses reached about $4 million.')).toBe(1);
  });

  it('does not count readings that exclude each other, other measures, plans against reports, or dates', () => {
    expect(agree('Lunch lasted two hours.', 'The meeting lasted more than two and a half hours.')).toBe(0);
    expect(agree('The talks lasted three hours.', 'The talks were expected to last three hours.')).toBe(0);
    expect(agree('The talks lasted three hours.', 'Three officials attended the talks.')).toBe(0);
    expect(agree('They met on 15 August.', 'The deal was signed on 15 August.')).toBe(0);
  });

  it('reads "as planned" and "than expected" as reports of what happened, not plans', () => {
    expect(agree('The talks went ahead as planned and lasted three hours.', 'The talks lasted three hours.')).toBe(1);
    expect(agree('The talks lasted longer than expected, about three hours.', 'The talks lasted three hours.')).toBe(1);
    expect(findConflicts('The lunch went ahead as planned and lasted two hours.', 'The meeting lasted more than two and a half hours.')).toEqual([
      { kind: 'duration', here: 'two hours', there: 'more than two and a half hours' },
    ]);
  });

  it('reads a duration in two units as one ("two hours and forty minutes", "1 hour 20 minutes"), and quarters of an hour', () => {
    expect(amountsOf('They talked for roughly two hours and forty minutes.').map((q) => [q.text, q.value])).toEqual([['roughly two hours and forty minutes', 9600]]);
    expect(amountsOf('The flight took 1 hour 20 minutes.').map((q) => q.value)).toEqual([4800]);
    expect(agree('Their discussions went on for roughly two hours and forty minutes.', 'The meeting lasted more than two and a half hours.')).toBe(1);
    expect(findConflicts('The flight took 1 hour 20 minutes.', 'The flight took an hour and a half.')).toEqual([
      { kind: 'duration', here: '1 hour 20 minutes', there: 'an hour and a half' },
    ]);
    // Quarters of an hour, not "an hour".
    expect(amountsOf('It was over in less than a quarter of an hour.').map((q) => [q.text, q.value])).toEqual([['less than a quarter of an hour', 900]]);
    expect(findConflicts('They talked for three quarters of an hour.', 'They talked for 45 minutes.')).toEqual([]);
    expect(findConflicts('They talked for a quarter of an hour.', 'They talked for an hour.')).toEqual([
      { kind: 'duration', here: 'a quarter of an hour', there: 'an hour' },
    ]);
    // A later, separate duration is not joined to the first.
    expect(amountsOf('He spoke for two hours, then 20 minutes later he returned.').map((q) => q.value)).toEqual([7200, 1200]);
  });

  it('reads a ratio as a share ("one in four" is 25 per cent), but not a number before a year or a place', () => {
    expect(amountsOf('He put the odds of failure at one in four.').map((q) => [q.group, q.value, q.text])).toEqual([['percent', 25, 'one in four']]);
    expect(agree('He put the odds of failure at one in four.', 'He rated the chances of failure at 25 per cent.')).toBe(1);
    expect(agree('Three out of ten voters backed the plan.', 'About 30% of voters backed the plan.')).toBe(1);
    expect(agree('One in three voters backed the plan.', 'Half of the voters backed the plan, 50%.')).toBe(0);
    expect(findConflicts('He put the odds at one in four.', 'He put the odds at 25 per cent.')).toEqual([]);
    expect(amountsOf('Only 3 in 2025 were approved.').some((q) => q.group === 'percent')).toBe(false);
    expect(amountsOf('Two in Moscow were detained.').some((q) => q.group === 'percent')).toBe(false);
  });

  it('reads a vague amount as the values it is commonly used for ("several hours" is three to nine)', () => {
    expect(agree('The talks were projected to last several hours.', 'The talks were expected to last seven hours.')).toBe(1);
    expect(agree('The talks were projected to last several hours.', 'The talks were expected to last two hours.')).toBe(0);
    expect(agree('Dozens of people were hurt.', 'Officials said 45 people were injured.')).toBe(1);
    expect(agree('It was over in a few minutes.', 'It was over in an hour.')).toBe(0);
    // "Very few" and "a very few", also when a quotation closes before the noun.
    expect(agree('Only a handful of issues remain.', 'He said there are “just a very few” issues to resolve.')).toBe(1);
    expect(agree('Very few residents returned.', 'Nine residents returned.')).toBe(0);
    // "As long as seven hours" is at most seven hours.
    expect(amountsOf('The talks could run for as long as seven hours.').map((q) => [q.text, q.direction])).toEqual([['as long as seven hours', 'below']]);
    // Still no conflict between two vague amounts, and still one against a precise amount.
    expect(findConflicts('The talks were projected to last several hours.', 'The talks were expected to last a few hours.')).toEqual([]);
    expect(findConflicts('The talks were projected to last several hours.', 'The talks were expected to last seven hours.')).toEqual([
      { kind: 'duration', here: 'several hours', there: 'seven hours' },
    ]);
  });

  it('does not count "the two leaders": a definite count names the parties, it states no fact', () => {
    expect(agree('The two leaders met in Alaska.', 'The two leaders shook hands.')).toBe(0);
    expect(agree('Their three aides left early.', 'The three aides stayed behind.')).toBe(0);
    expect(agree('Five soldiers were wounded.', 'Officials said five soldiers were hurt.')).toBe(1);
    expect(agree('Each leader brought two aides.', 'Both men had two aides with them.')).toBe(1);
  });
});
