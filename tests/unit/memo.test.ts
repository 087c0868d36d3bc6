import { describe, expect, it } from 'vitest';
import { once } from '../../lib/memo';

describe('once', () => {
  it('computes once per object and keeps objects apart', () => {
    let calls = 0;
    const length = once((s: { text: string }) => {
      calls++;
      return s.text.length;
    });
    const a = { text: 'abc' };
    const b = { text: 'abc' };
    expect([length(a), length(a), length(b), length(a)]).toEqual([3, 3, 3, 3]);
    expect(calls).toBe(2);
  });

  it('keeps falsy results too, and memoises by the first argument alone', () => {
    let calls = 0;
    const nothing = once((_: object, extra: number) => {
      calls++;
      return extra > 10 ? null : 0;
    });
    const key = {};
    expect(nothing(key, 1)).toBe(0);
    expect(nothing(key, 99)).toBe(0);
    expect(calls).toBe(1);
  });
});
