/**
 * Page → Article. Runs in the content script (the page's real DOM) and in Node (a linkedom
 * document from lib/html.ts), so it uses standard DOM APIs only and never imports a DOM library.
 *
 * Readability always works on a deep clone: it rewrites the tree it is given, and the reader's
 * page must stay untouched. Metadata fallbacks are read from the original with selector queries,
 * which do not mutate it (Readability strips scripts, hence JSON-LD, from its clone).
 */
import { isProbablyReaderable, Readability } from '@mozilla/readability';
import type { Article } from './types';

/**
 * Beyond these sizes a page is left alone: extraction runs on the page's main thread and grows with
 * its elements, matching with its text. Real news pages have 400–2,000 elements; long reads 60,000
 * characters.
 */
export const MAX_PAGE_ELEMENTS = 30_000;
export const MAX_ARTICLE_CHARS = 200_000;

/** The cheap gate: does this page look like an article at all? (Does not modify the document.) */
export function isProbablyArticle(doc: Document): boolean {
  try {
    return isProbablyReaderable(doc);
  } catch {
    return false;
  }
}

export interface ExtractOptions {
  /** The page URL; defaults to the document's own URL when that is http(s). */
  url?: string;
}

/**
 * Extract the article of a page, or null when Readability finds no usable content.
 * The document passed in is never modified.
 */
export function extractArticle(doc: Document, options: ExtractOptions = {}): Article | null {
  const clone = doc.cloneNode(true) as Document;
  keepDocumentUrls(clone, doc);
  let parsed: ReturnType<Readability<Element>['parse']>;
  try {
    parsed = new Readability<Element>(clone, { serializer: (node) => node as Element }).parse();
  } catch {
    // Readability throws on pathological documents (e.g. too many elements): nothing usable.
    return null;
  }
  if (!parsed || !parsed.content) return null;
  const paragraphs = blockTexts(parsed.content);
  if (paragraphs.length === 0) return null;
  let metaCache: Map<string, string> | undefined;
  const meta = (): Map<string, string> => (metaCache ??= readMeta(doc));
  return {
    title: clean(parsed.title),
    byline: clean(parsed.byline),
    siteName: clean(parsed.siteName),
    published: normaliseDate(clean(parsed.publishedTime)) ?? publishedFromPage(doc, meta),
    language: normaliseLanguage(parsed.lang) ?? languageFromPage(doc, meta),
    url: options.url || pageUrl(doc),
    paragraphs,
    text: paragraphs.join('\n'),
  };
}

/**
 * Plain text → Article: one paragraph per non-blank line. Without a title given, a short first line with no
 * closing punctuation, followed by more text, is taken as the headline (it stays in the text).
 */
export function articleFromText(text: string, options: { title?: string } = {}): Article {
  const paragraphs = text
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  const first = paragraphs[0] ?? '';
  const headline = paragraphs.length > 1 && first.split(/\s+/).length <= 20 && !/[.!?:;,"”’)]$/.test(first) ? first : null;
  return {
    title: options.title ?? headline,
    byline: null,
    siteName: null,
    published: null,
    language: null,
    url: null,
    paragraphs,
    text: paragraphs.join('\n'),
  };
}

// ---------------------------------------------------------------------------------------------
// Paragraphs

/**
 * Elements that start and end a text block. Any text directly inside one (including a bare
 * `<div>`) becomes its own paragraph; the text of nested blocks is never repeated.
 */
const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'CAPTION', 'CENTER', 'DD', 'DETAILS',
  'DIALOG', 'DIR', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1',
  'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HGROUP', 'HR', 'LEGEND', 'LI', 'MAIN', 'MENU', 'NAV',
  'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL',
]);

/** Elements whose content is never visible text (also skipped by lib/anchor.ts's index of the live page). */
export const SKIP_TAGS = new Set([
  'AUDIO', 'BUTTON', 'CANVAS', 'DATALIST', 'EMBED', 'HEAD', 'IFRAME', 'IMG', 'INPUT', 'MATH',
  'META', 'NOSCRIPT', 'OBJECT', 'OPTION', 'PICTURE', 'SCRIPT', 'SELECT', 'STYLE', 'SVG',
  'TEMPLATE', 'TEXTAREA', 'TITLE', 'VIDEO',
]);

const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b/i;

/** A line break (kept as U+2028 while a block is read) before a numbered or bulleted line: "…as follows:<br>1. Finland<br>2. Norway". */
const LIST_LINE_BREAK = /\u2028(?=\s*(?:\d{1,3}[.)]|[•●▪◦‣])\s)/u;

/** The visible text of each block-level unit under `root`, in reading order. */
function blockTexts(root: Element): string[] {
  const out: string[] = [];
  let buffer = '';
  const flush = (): void => {
    // Lines of a list written with <br> are items, not one run-on sentence.
    for (const part of buffer.split(LIST_LINE_BREAK)) {
      const text = collapse(part);
      if (text) out.push(text);
    }
    buffer = '';
  };
  const walk = (node: Node): void => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3 /* TEXT_NODE */ || child.nodeType === 4 /* CDATA */) {
        buffer += child.nodeValue ?? '';
        continue;
      }
      if (child.nodeType !== 1 /* ELEMENT_NODE */) continue;
      const el = child as Element;
      const tag = el.tagName.toUpperCase();
      // A photo's caption and credit ("Trump greets Putin on the tarmac. (AP Photo)") is visible but
      // describes a picture, not the story: flagged as a claim no other outlet reports, it is only noise.
      if (SKIP_TAGS.has(tag) || tag === 'FIGCAPTION' || isHidden(el)) continue;
      if (tag === 'BR') {
        // A line break inside a paragraph is not a paragraph break (a sentence may span it), unless
        // a list item follows (see LIST_LINE_BREAK); collapse() reads what is left as a space.
        buffer += '\u2028';
        continue;
      }
      if (BLOCK_TAGS.has(tag)) {
        flush();
        walk(el);
        flush();
      } else {
        walk(el);
      }
    }
  };
  walk(root);
  flush();
  return out;
}

/** Hidden by an attribute or an inline style. */
export function isHidden(el: Element): boolean {
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  const style = el.getAttribute('style');
  return style !== null && HIDDEN_STYLE.test(style);
}

/** Collapse whitespace to single spaces, drop invisible soft hyphens and zero-width spaces. */
function collapse(text: string): string {
  return text.replace(/[\u00ad\u200b\ufeff]/g, '').replace(/\s+/g, ' ').trim();
}

function clean(value: string | null | undefined): string | null {
  if (typeof value !== 'string') return null;
  const text = collapse(value);
  return text || null;
}

// ---------------------------------------------------------------------------------------------
// Metadata

/**
 * A linkedom clone loses the URL properties lib/html.ts defines on its document, and with them
 * Readability's link resolution; browsers copy the URL into the clone, so there this is a no-op.
 */
function keepDocumentUrls(clone: Document, doc: Document): void {
  if (clone.documentURI === doc.documentURI && clone.baseURI === doc.baseURI) return;
  const { URL: url, documentURI, baseURI } = doc;
  try {
    Object.defineProperties(clone, {
      URL: { value: url, configurable: true },
      documentURI: { value: documentURI, configurable: true },
      baseURI: { value: baseURI, configurable: true },
    });
  } catch {
    // Only link resolution in the discarded HTML depends on this.
  }
}

function pageUrl(doc: Document): string | null {
  const url = doc.URL || doc.documentURI;
  return typeof url === 'string' && /^https?:\/\//i.test(url) ? url : null;
}

/** "en-US", "en_us", "EN" → "en"; null for anything that is not a language subtag. */
function normaliseLanguage(tag: string | null | undefined): string | null {
  if (typeof tag !== 'string') return null;
  const primary = tag.trim().split(/[-_]/)[0]?.toLowerCase() ?? '';
  if (!/^[a-z]{2,3}$/.test(primary) || primary === 'und' || primary === 'mul' || primary === 'zxx') {
    return null;
  }
  return primary;
}

function languageFromPage(doc: Document, meta: () => Map<string, string>): string | null {
  return (
    normaliseLanguage(doc.documentElement?.getAttribute('lang')) ??
    normaliseLanguage(doc.documentElement?.getAttribute('xml:lang')) ??
    normaliseLanguage(meta().get('content-language')?.split(',')[0]) ??
    normaliseLanguage(meta().get('og:locale'))
  );
}

/** `<meta>` keys (name, property, itemprop or http-equiv, lowercased) that may state the publication date. */
const PUBLISHED_KEYS = [
  'article:published_time',
  'og:article:published_time',
  'article:publicationdate',
  'datepublished',
  'parsely-pub-date',
  'pubdate',
  'publishdate',
  'publish-date',
  'dc.date.issued',
  'dcterms.issued',
  'dc.date',
  'dcterms.created',
  'sailthru.date',
  'date',
];

function publishedFromPage(doc: Document, meta: () => Map<string, string>): string | null {
  for (const key of PUBLISHED_KEYS) {
    const date = normaliseDate(meta().get(key));
    if (date) return date;
  }
  const jsonLd = normaliseDate(datePublishedFromJsonLd(doc));
  if (jsonLd) return jsonLd;
  const time = doc.querySelector('time[itemprop~="datePublished"][datetime], time[pubdate][datetime]');
  return normaliseDate(time?.getAttribute('datetime'));
}

/**
 * All `<meta>` of the page in one pass (first occurrence wins), keyed by lowercased name,
 * property, itemprop and http-equiv. One traversal instead of a selector query per key matters
 * in linkedom, where each query walks the whole tree (~1 ms on a 250 KB page).
 */
function readMeta(doc: Document): Map<string, string> {
  const map = new Map<string, string>();
  for (const el of Array.from(doc.getElementsByTagName('meta'))) {
    const content = el.getAttribute('content')?.trim();
    if (!content) continue;
    for (const attr of ['name', 'property', 'itemprop', 'http-equiv']) {
      const key = el.getAttribute(attr)?.trim().toLowerCase();
      if (key && !map.has(key)) map.set(key, content);
    }
  }
  return map;
}

function datePublishedFromJsonLd(doc: Document): string | null {
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      continue;
    }
    const found = findKey(data, 'datePublished', 0);
    if (found) return found;
  }
  return null;
}

function findKey(value: unknown, key: string, depth: number): string | null {
  if (depth > 6 || value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findKey(item, key, depth + 1);
      if (found) return found;
    }
    return null;
  }
  const record = value as Record<string, unknown>;
  const direct = record[key];
  if (typeof direct === 'string' && direct.trim()) return direct.trim();
  for (const child of Object.values(record)) {
    const found = findKey(child, key, depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * ISO date or date-time: ISO-like strings are kept (a space before the time becomes "T");
 * other parseable dates are converted (to a date when they state no time); the rest is dropped.
 */
function normaliseDate(value: string | null | undefined): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (!text) return null;
  const iso = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(
    text,
  );
  if (iso) return iso[2] ? `${iso[1]}T${iso[2]}${iso[3] ? iso[3].toUpperCase() : ''}` : iso[1]!;
  const time = Date.parse(text);
  if (Number.isNaN(time)) return null;
  const date = new Date(time);
  if (!/\d:\d/.test(text)) {
    // A date alone: Date.parse gave local midnight, so read the local calendar date back.
    const pad = (n: number): string => String(n).padStart(2, '0');
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  }
  return date.toISOString();
}
