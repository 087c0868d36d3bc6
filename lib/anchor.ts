/**
 * Text-quote anchoring: find where sentences of an extracted article are in a live DOM.
 *
 * The extracted text and the page differ in whitespace (line breaks, `<br>`, indentation, `&nbsp;`),
 * inline markup (`<a>`, `<em>`, footnote marks) and sometimes typography. So both sides are reduced
 * to a *key*: every character that is not whitespace or invisible, case- and punctuation-folded
 * one-to-one, with a map from each key position back to (text node, offset). A quote is then found
 * by exact search of its key, and when that fails, approximately: chunks of the quote vote for a
 * start position, and an edit-distance alignment (Sellers' algorithm) around the best candidate
 * gives the exact bounds — the approach of Hypothesis's text-quote anchoring.
 *
 * Pure DOM (Node, Text, Range); no extension APIs. Works in browsers and in linkedom.
 */
import { isHidden, SKIP_TAGS } from './extract';

export interface AnchorOptions {
  /** Largest share of edit errors (relative to the quote's key length) an approximate match may have. Default 0.25. */
  maxErrorRate?: number;
  /** Elements to leave out of the search, in addition to scripts, styles and hidden elements. */
  skip?: (element: Element) => boolean;
}

/** A piece of a text node: data.slice(start, end). */
export interface TextSpan {
  node: Text;
  start: number;
  end: number;
}

export interface QuoteAnchor {
  /** One span per text node the quote covers, in document order ([] when not found). */
  spans: TextSpan[];
  method: 'exact' | 'approximate' | 'none';
  /** Edit errors of the match (0 for exact). */
  errors: number;
}

/** Ranges over the text nodes of `root` for each quote, in the order of `quotes` ([] when not found). */
export function anchor(root: Node, quotes: string[], options: AnchorOptions = {}): Range[][] {
  return locateQuotes(root, quotes, options).map((found) => found.spans.map(toRange));
}

export function toRange(span: TextSpan): Range {
  const range = span.node.ownerDocument.createRange();
  range.setStart(span.node, span.start);
  range.setEnd(span.node, span.end);
  return range;
}

/** Like `anchor`, with how each quote was found. */
export function locateQuotes(root: Node, quotes: string[], options: AnchorOptions = {}): QuoteAnchor[] {
  const index = buildTextIndex(root, options.skip);
  const maxErrorRate = options.maxErrorRate ?? 0.25;
  let cursor = 0;
  return quotes.map((quote) => {
    const key = foldText(quote);
    const found = findKey(index.key, key, cursor, maxErrorRate);
    if (!found) return { spans: [], method: 'none', errors: 0 };
    cursor = found.end;
    return {
      spans: spansFor(index, found.start, found.end),
      method: found.errors === 0 && found.exact ? 'exact' : 'approximate',
      errors: found.errors,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Text index

export interface TextIndex {
  /** Folded, whitespace-free text of the root. */
  key: string;
  /** For each key position: index into `nodes`. */
  node: Int32Array;
  /** For each key position: UTF-16 offset inside that node's data. */
  offset: Int32Array;
  nodes: Text[];
}

export function buildTextIndex(root: Node, skip?: (element: Element) => boolean): TextIndex {
  const nodes: Text[] = [];
  const chars: string[] = [];
  const nodeOf: number[] = [];
  const offsetOf: number[] = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.nodeType === 3 /* TEXT_NODE */) {
      const data = (node as Text).data;
      const n = nodes.length;
      let used = false;
      for (let i = 0; i < data.length; i++) {
        const folded = foldChar(data.charCodeAt(i), data[i]!);
        if (folded === '') continue;
        chars.push(folded);
        nodeOf.push(n);
        offsetOf.push(i);
        used = true;
      }
      if (used) nodes.push(node as Text);
      continue;
    }
    if (node.nodeType === 1 /* ELEMENT_NODE */) {
      const el = node as Element;
      if (SKIP_TAGS.has(el.tagName.toUpperCase()) || isHidden(el) || (skip && skip(el))) continue;
    } else if (node.nodeType !== 9 /* DOCUMENT */ && node.nodeType !== 11 /* FRAGMENT */) {
      continue;
    }
    // Push children in reverse so they pop in document order.
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return {
    key: chars.join(''),
    node: Int32Array.from(nodeOf),
    offset: Int32Array.from(offsetOf),
    nodes,
  };
}

/** The key of a text: no whitespace or invisible characters; case, quotes and dashes folded. */
export function foldText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += foldChar(text.charCodeAt(i), text[i]!);
  return out;
}

/** One UTF-16 unit → '' (dropped) or exactly one character, so positions map one-to-one. */
function foldChar(code: number, ch: string): string {
  if (code <= 0x20) return '';
  if (code < 0x7f) return code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : ch;
  switch (code) {
    case 0x00a0: case 0x00ad: case 0x1680: case 0x180e: case 0x2028: case 0x2029: case 0x202f:
    case 0x205f: case 0x2060: case 0x3000: case 0xfeff:
      return '';
    case 0x2018: case 0x2019: case 0x201a: case 0x201b: case 0x2032: case 0x00b4: case 0x0060:
      return "'";
    case 0x201c: case 0x201d: case 0x201e: case 0x201f: case 0x2033: case 0x00ab: case 0x00bb:
      return '"';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
      return '-';
    case 0x2026:
      return '.';
  }
  if (code >= 0x2000 && code <= 0x200f) return ''; // spaces and zero-width marks
  if (code === 0x85) return '';
  const lower = ch.toLowerCase();
  return lower.length === 1 ? lower : ch;
}

// ---------------------------------------------------------------------------------------------
// Search

interface Found {
  start: number;
  end: number;
  errors: number;
  exact: boolean;
}

function findKey(text: string, quote: string, cursor: number, maxErrorRate: number): Found | null {
  if (quote.length === 0) return null;
  // Exact: the first occurrence after the previous quote, else the first one at all.
  let at = text.indexOf(quote, cursor);
  if (at < 0) at = text.indexOf(quote);
  if (at >= 0) return { start: at, end: at + quote.length, errors: 0, exact: true };
  if (quote.length < 12) return null;
  if (quote.length > MAX_ALIGNED) return approximateEnds(text, quote, cursor, maxErrorRate);
  return approximate(text, quote, cursor, maxErrorRate);
}

/** Longest quote key aligned as a whole (the alignment is quadratic in it). */
const MAX_ALIGNED = 1500;
const END_LENGTH = 300;

/**
 * A very long quote: anchor its first and last few hundred characters, and take the span between
 * when they are in order at about the quote's length apart.
 */
function approximateEnds(text: string, quote: string, cursor: number, maxErrorRate: number): Found | null {
  const head = approximate(text, quote.slice(0, END_LENGTH), cursor, maxErrorRate) ?? exactOf(text, quote.slice(0, END_LENGTH), cursor);
  if (!head) return null;
  const tail =
    exactOf(text, quote.slice(-END_LENGTH), head.start) ?? approximate(text, quote.slice(-END_LENGTH), head.start, maxErrorRate);
  if (!tail || tail.end <= head.start) return null;
  const span = tail.end - head.start;
  if (span < quote.length * (1 - maxErrorRate) || span > quote.length * (1 + maxErrorRate)) return null;
  return { start: head.start, end: tail.end, errors: head.errors + tail.errors, exact: false };
}

function exactOf(text: string, quote: string, cursor: number): Found | null {
  let at = text.indexOf(quote, cursor);
  if (at < 0) at = text.indexOf(quote);
  return at < 0 ? null : { start: at, end: at + quote.length, errors: 0, exact: true };
}

/** Seed-and-extend approximate search. */
function approximate(text: string, quote: string, cursor: number, maxErrorRate: number): Found | null {
  const m = quote.length;
  const chunk = Math.max(6, Math.min(24, Math.floor(m / 6)));
  const starts: number[] = [];
  for (let at = 0; at + chunk <= m; at += chunk) starts.push(at);
  if (starts.length === 0) return null;
  // Vote for start positions of the whole quote, in buckets.
  const bucket = Math.max(8, Math.floor(m / 8));
  const votes = new Map<number, { count: number; starts: number[] }>();
  for (const offset of starts) {
    const piece = quote.slice(offset, offset + chunk);
    let hits = 0;
    for (let at = text.indexOf(piece); at >= 0 && hits < 64; at = text.indexOf(piece, at + 1), hits++) {
      const start = at - offset;
      const b = Math.floor(start / bucket);
      // Count each hit in its bucket and half in the nearer neighbour, so near-boundary starts agree.
      const near = (start - b * bucket) * 2 < bucket ? b - 1 : b + 1;
      for (const [key, weight] of [[b, 1], [near, 0.5]] as const) {
        const v = votes.get(key) ?? { count: 0, starts: [] };
        v.count += weight;
        v.starts.push(start);
        votes.set(key, v);
      }
    }
  }
  const needed = starts.length >= 3 ? 2 : 1;
  const candidates = [...votes.entries()]
    .filter(([, v]) => v.count >= needed)
    .sort((a, b) => b[1].count - a[1].count || Math.abs(a[0] * bucket - cursor) - Math.abs(b[0] * bucket - cursor))
    .slice(0, 4);
  const maxErrors = Math.floor(m * maxErrorRate);
  let best: Found | null = null;
  for (const [, v] of candidates) {
    const sorted = v.starts.sort((x, y) => x - y);
    const centre = sorted[Math.floor(sorted.length / 2)]!;
    const slack = Math.ceil(m * maxErrorRate) + 8;
    const from = Math.max(0, centre - slack);
    const to = Math.min(text.length, centre + m + slack);
    const found = align(text, from, to, quote, maxErrors);
    if (found && (!best || found.errors < best.errors)) best = found;
    if (best && best.errors === 0) break;
  }
  return best;
}

/**
 * Sellers' semi-global edit distance: the substring of text[from, to) closest to `quote`.
 * Returns null when more than `maxErrors` edits are needed.
 */
function align(text: string, from: number, to: number, quote: string, maxErrors: number): Found | null {
  const m = quote.length;
  const n = to - from;
  if (n <= 0) return null;
  // Column-wise DP over text positions j, rows i = quote prefix length.
  let prev = new Int32Array(m + 1);
  let next = new Int32Array(m + 1);
  let prevStart = new Int32Array(m + 1);
  let nextStart = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) {
    prev[i] = i;
    prevStart[i] = from;
  }
  let bestErrors = prev[m]!;
  let bestEnd = from;
  let bestStart = from;
  for (let j = 1; j <= n; j++) {
    const c = text.charCodeAt(from + j - 1);
    next[0] = 0;
    nextStart[0] = from + j; // a match may start after any text position
    for (let i = 1; i <= m; i++) {
      const sub = prev[i - 1]! + (quote.charCodeAt(i - 1) === c ? 0 : 1);
      const del = prev[i]! + 1; // text char not in quote
      const ins = next[i - 1]! + 1; // quote char not in text
      if (sub <= del && sub <= ins) {
        next[i] = sub;
        nextStart[i] = prevStart[i - 1]!;
      } else if (ins <= del) {
        next[i] = ins;
        nextStart[i] = nextStart[i - 1]!;
      } else {
        next[i] = del;
        nextStart[i] = prevStart[i]!;
      }
    }
    if (next[m]! < bestErrors) {
      bestErrors = next[m]!;
      bestEnd = from + j;
      bestStart = nextStart[m]!;
    }
    [prev, next] = [next, prev];
    [prevStart, nextStart] = [nextStart, prevStart];
  }
  if (bestErrors > maxErrors || bestEnd <= bestStart) return null;
  return { start: bestStart, end: bestEnd, errors: bestErrors, exact: false };
}

// ---------------------------------------------------------------------------------------------
// Key positions → text spans

const ONLY_SPACE = /^[\s\u00ad\u200b-\u200f\u2060\ufeff]*$/;

/** One span per text node the match covers, including the whitespace between covered words. */
function spansFor(index: TextIndex, start: number, end: number): TextSpan[] {
  const spans: TextSpan[] = [];
  let at = start;
  while (at < end) {
    const n = index.node[at]!;
    let last = at;
    while (last + 1 < end && index.node[last + 1] === n) last++;
    const node = index.nodes[n]!;
    const data = node.data;
    let a = index.offset[at]!;
    let b = index.offset[last]! + 1;
    // Between two covered nodes, take the joining whitespace too, so marks have no gaps.
    if (at > start && ONLY_SPACE.test(data.slice(0, a))) a = 0;
    if (last + 1 < end && ONLY_SPACE.test(data.slice(b))) b = data.length;
    // Never split a surrogate pair.
    if (b < data.length && isLowSurrogate(data.charCodeAt(b))) b++;
    spans.push({ node, start: a, end: b });
    at = last + 1;
  }
  return spans;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
