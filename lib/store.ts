/**
 * The reader's own corpus: articles they chose to keep, in IndexedDB (through `idb`), in the corpus
 * format (a CorpusArticle, plus the date it was added). Everything stays on the device.
 *
 * Every write is one transaction: an import adds all of a pack or nothing. Before anything is written,
 * a new article is checked with the corpus rules (lib/corpus validateCorpusArticle), and compared with
 * what is stored: the same URL, or near-identical text (≥ 90 % of sentences the same after
 * normalisation), is a duplicate and is not stored twice.
 *
 * No extension APIs: this module runs in the background, the options page and in Node (tests use
 * fake-indexeddb).
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { CorpusArticle } from './types';
import { CORPUS_PACK_FORMAT, CorpusError, formatCorpusPack, parseCorpusPack, segmentArticle, validateCorpusArticle, type CorpusPack } from './corpus';
import { fnv1a, identityKey } from './text';

/** An article of the reader's corpus. */
export interface StoredArticle extends CorpusArticle {
  /** When it was added (ISO date-time). */
  added: string;
}

/** What is stored: the article and the fingerprints of its sentences (for near-duplicate detection). */
interface StoredRecord extends StoredArticle {
  sentenceKeys: string[];
}

interface CorpusDB extends DBSchema {
  articles: { key: string; value: StoredRecord; indexes: { url: string } };
}

export type StoreErrorKind = 'empty' | 'malformed' | 'foreign' | 'quota' | 'unavailable';

/** A problem the reader is told about in one sentence; nothing was written. */
export class StoreError extends Error {
  constructor(
    readonly kind: StoreErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

/** Which article another one duplicates, and how it was recognised. */
export interface DuplicateOf {
  reason: 'url' | 'text' | 'bundled';
  id: string;
  outlet: string;
  title: string;
}

export type AddResult = { status: 'added'; article: StoredArticle } | { status: 'duplicate'; of: DuplicateOf };

export interface ImportResult {
  added: StoredArticle[];
  /** Articles of the pack that were already there (in the reader's corpus, earlier in the pack, or bundled). */
  duplicates: { title: string; of: DuplicateOf }[];
  /** Articles given a new id because theirs was taken by another article. */
  renamed: { from: string; to: string }[];
}

/** An article to add; the id is made up when omitted. */
export type NewArticle = Omit<CorpusArticle, 'id'> & { id?: string };

export interface StoreOptions {
  /** Ids of the bundled corpus: a stored article never takes one. */
  reservedIds?: ReadonlySet<string>;
  /** Whether the article is already in the bundled corpus (then it is a duplicate). */
  bundled?: (article: CorpusArticle) => { id: string; outlet: string; title: string } | null;
  /** The clock (tests). */
  now?: () => Date;
}

export interface StorageUse {
  articles: number;
  /** Approximate size of the stored articles (UTF-16 code units ≈ bytes of text). */
  textBytes: number;
  /** What the browser says this extension uses and may use in all (navigator.storage.estimate), when it says. */
  usage: number | null;
  quota: number | null;
}

export interface CorpusStore {
  list(): Promise<StoredArticle[]>;
  get(id: string): Promise<StoredArticle | null>;
  add(article: NewArticle): Promise<AddResult>;
  importPack(input: unknown, file?: string): Promise<ImportResult>;
  exportPack(): Promise<CorpusPack>;
  remove(ids: string[]): Promise<number>;
  clear(): Promise<void>;
  usage(): Promise<StorageUse>;
  close(): void;
}

export const STORE_NAME = 'corroborate-corpus';
const DB_VERSION = 1;
/** Share of sentences two texts must have in common to be the same article. */
export const NEAR_DUPLICATE = 0.9;

/** Opens (creating on first use) the reader's corpus. */
export async function openCorpusStore(options: StoreOptions = {}, name = STORE_NAME): Promise<CorpusStore> {
  let db: IDBPDatabase<CorpusDB>;
  try {
    if (typeof indexedDB === 'undefined') throw new Error('IndexedDB is not available');
    db = await openDB<CorpusDB>(name, DB_VERSION, {
      upgrade(database) {
        const articles = database.createObjectStore('articles', { keyPath: 'id' });
        articles.createIndex('url', 'url');
      },
    });
  } catch (error) {
    throw new StoreError('unavailable', `Your corpus cannot be opened: the browser refused its storage (${describe(error)}). In a private window, storage may be turned off.`);
  }
  return new Store(db, options);
}

class Store implements CorpusStore {
  constructor(
    private readonly db: IDBPDatabase<CorpusDB>,
    private readonly options: StoreOptions,
  ) {}

  async list(): Promise<StoredArticle[]> {
    const records = await this.db.getAll('articles');
    return records.map(publicArticle).sort((a, b) => b.added.localeCompare(a.added) || a.id.localeCompare(b.id));
  }

  async get(id: string): Promise<StoredArticle | null> {
    const record = await this.db.get('articles', id);
    return record ? publicArticle(record) : null;
  }

  async add(input: NewArticle): Promise<AddResult> {
    if (!input.text || !input.text.trim()) {
      throw new StoreError('empty', 'No article text was found on this page, so there is nothing to add.');
    }
    const now = this.now();
    const id = input.id ?? newId(input, now);
    let article: CorpusArticle;
    try {
      article = validateCorpusArticle(`The article "${clip(input.title || 'untitled')}"`, fieldsOf({ ...input, id }), input.text.split('\n'));
    } catch (error) {
      if (error instanceof CorpusError) throw new StoreError('malformed', `${error.message}.`);
      throw error;
    }
    const record: StoredRecord = { ...article, added: now.toISOString(), sentenceKeys: sentenceKeys(article.text) };
    if (record.sentenceKeys.length === 0) {
      throw new StoreError('empty', 'No story sentences were found in this article, so there is nothing to add.');
    }
    const bundled = this.options.bundled?.(article);
    if (bundled) return { status: 'duplicate', of: { reason: 'bundled', ...bundled } };

    const tx = this.transaction();
    try {
      const existing = await tx.store.getAll();
      const duplicate = findDuplicate(record, existing);
      if (duplicate) {
        tx.abort();
        return { status: 'duplicate', of: duplicate };
      }
      record.id = freeId(record.id, new Set(existing.map((r) => r.id)), this.options.reservedIds);
      await tx.store.add(record);
      await tx.done;
    } catch (error) {
      throw writeError(error, tx);
    }
    return { status: 'added', article: publicArticle(record) };
  }

  async importPack(input: unknown, file = 'The pack'): Promise<ImportResult> {
    let articles: CorpusArticle[];
    try {
      articles = parseCorpusPack(file, input);
    } catch (error) {
      if (error instanceof CorpusError) throw new StoreError(looksLikePack(input) ? 'malformed' : 'foreign', `${error.message}. Nothing was imported.`);
      throw error;
    }
    const now = this.now().toISOString();
    const result: ImportResult = { added: [], duplicates: [], renamed: [] };
    const tx = this.transaction();
    try {
      const existing = await tx.store.getAll();
      const ids = new Set(existing.map((r) => r.id));
      const accepted: StoredRecord[] = [];
      for (const article of articles) {
        const record: StoredRecord = { ...article, added: now, sentenceKeys: sentenceKeys(article.text) };
        const bundled = this.options.bundled?.(article);
        const duplicate = bundled ? { reason: 'bundled' as const, ...bundled } : findDuplicate(record, [...existing, ...accepted]);
        if (duplicate) {
          result.duplicates.push({ title: article.title, of: duplicate });
          continue;
        }
        const id = freeId(article.id, ids, this.options.reservedIds);
        if (id !== article.id) result.renamed.push({ from: article.id, to: id });
        record.id = id;
        ids.add(id);
        accepted.push(record);
      }
      // All the writes are issued together in this one transaction: any failure aborts them all.
      const writes: Promise<unknown>[] = [];
      for (const record of accepted) {
        const write = tx.store.add(record);
        write.catch(() => {});
        writes.push(write);
      }
      await Promise.all(writes);
      await tx.done;
      result.added = accepted.map(publicArticle);
    } catch (error) {
      throw writeError(error, tx, 'Nothing was imported.');
    }
    return result;
  }

  async exportPack(): Promise<CorpusPack> {
    const records = await this.db.getAll('articles');
    records.sort((a, b) => a.added.localeCompare(b.added) || a.id.localeCompare(b.id));
    return formatCorpusPack(records);
  }

  async remove(ids: string[]): Promise<number> {
    const tx = this.transaction();
    let removed = 0;
    try {
      for (const id of ids) {
        if ((await tx.store.getKey(id)) === undefined) continue;
        await tx.store.delete(id);
        removed++;
      }
      await tx.done;
    } catch (error) {
      throw writeError(error, tx);
    }
    return removed;
  }

  async clear(): Promise<void> {
    const tx = this.transaction();
    try {
      await tx.store.clear();
      await tx.done;
    } catch (error) {
      throw writeError(error, tx);
    }
  }

  async usage(): Promise<StorageUse> {
    const records = await this.db.getAll('articles');
    let textBytes = 0;
    for (const r of records) textBytes += r.text.length + r.title.length + r.outlet.length + (r.url?.length ?? 0) + r.sentenceKeys.length * 8;
    let usage: number | null = null;
    let quota: number | null = null;
    try {
      const estimate = typeof navigator !== 'undefined' ? await navigator.storage?.estimate?.() : undefined;
      usage = estimate?.usage ?? null;
      quota = estimate?.quota ?? null;
    } catch {
      // Not available here: the text size is still known.
    }
    return { articles: records.length, textBytes, usage, quota };
  }

  close(): void {
    this.db.close();
  }

  /** A read-write transaction whose failure is always handled by the caller (never an unhandled rejection). */
  private transaction() {
    const tx = this.db.transaction('articles', 'readwrite');
    tx.done.catch(() => {});
    return tx;
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }
}

function publicArticle(record: StoredRecord): StoredArticle {
  const { sentenceKeys: _keys, ...article } = record;
  return article;
}

function fieldsOf(article: NewArticle & { id: string }): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const key of ['id', 'outlet', 'title', 'language', 'published', 'url'] as const) {
    const value = article[key];
    if (typeof value === 'string' && value.trim()) fields[key] = value.replace(/\s+/g, ' ').trim();
  }
  return fields;
}

/** Fingerprints of an article's story sentences: normalised, hashed. */
export function sentenceKeys(text: string): string[] {
  return [...new Set(segmentArticle(text, 0).map((s) => base36(identityKey(s.text))))];
}

/** The stored article this one duplicates: the same URL, or ≥ 90 % of sentences in common. */
function findDuplicate(record: StoredRecord, existing: StoredRecord[]): DuplicateOf | null {
  for (const other of existing) {
    if (record.url && other.url && sameUrl(record.url, other.url)) return { reason: 'url', id: other.id, outlet: other.outlet, title: other.title };
  }
  const keys = new Set(record.sentenceKeys);
  for (const other of existing) {
    let shared = 0;
    for (const key of other.sentenceKeys) if (keys.has(key)) shared++;
    if (shared / Math.max(keys.size, other.sentenceKeys.length, 1) >= NEAR_DUPLICATE) {
      return { reason: 'text', id: other.id, outlet: other.outlet, title: other.title };
    }
  }
  return null;
}

/** Two addresses of one article: the same but for the fragment and a trailing slash. */
export function sameUrl(a: string, b: string): boolean {
  const clean = (url: string) => url.replace(/#.*$/, '').replace(/\/$/, '');
  return clean(a) === clean(b);
}

/** `id`, or `id-2`, `id-3`… when it is taken. */
function freeId(id: string, taken: Set<string>, reserved?: ReadonlySet<string>): string {
  const isTaken = (x: string) => taken.has(x) || (reserved?.has(x) ?? false);
  if (!isTaken(id)) return id;
  for (let n = 2; ; n++) if (!isTaken(`${id}-${n}`)) return `${id}-${n}`;
}

/** An id for a new article: "mine-" + the date + a short hash of its address or text. */
function newId(article: NewArticle, now: Date): string {
  return `mine-${now.toISOString().slice(0, 10).replace(/-/g, '')}-${base36(fnv1a(article.url ?? article.text)).slice(0, 6)}`;
}

function looksLikePack(input: unknown): boolean {
  let data = input;
  if (typeof input === 'string') {
    try {
      data = JSON.parse(input);
    } catch {
      return false;
    }
  }
  return !!data && typeof data === 'object' && (data as { format?: unknown }).format === CORPUS_PACK_FORMAT;
}

/** A failed write: the transaction is aborted (nothing written) and the error told in words. */
function writeError(error: unknown, tx: { abort(): void }, nothing = 'Nothing was saved.'): Error {
  try {
    tx.abort();
  } catch {
    // Already aborted or finished.
  }
  if (error instanceof StoreError) return error;
  if (isQuotaError(error)) {
    return new StoreError(
      'quota',
      `The browser's storage for Corroborate is full. ${nothing} Remove articles you no longer need (or export your corpus and delete it), or free disk space, then try again.`,
    );
  }
  return new StoreError('unavailable', `Your corpus could not be saved (${describe(error)}). ${nothing}`);
}

function isQuotaError(error: unknown): boolean {
  for (let e = error as { name?: unknown; cause?: unknown; inner?: unknown } | undefined, depth = 0; e && depth < 4; depth++) {
    if (e.name === 'QuotaExceededError' || /quota/i.test(String((e as { message?: unknown }).message ?? ''))) return true;
    e = (e.cause ?? e.inner) as typeof e;
  }
  return false;
}

function describe(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error && typeof error.message === 'string' && error.message) return error.message;
  return String(error);
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/** FNV-1a, base 36. */
/** A 32-bit hash as 7 base-36 characters. */
function base36(hash: number): string {
  return hash.toString(36).padStart(7, '0');
}
