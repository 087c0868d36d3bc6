/**
 * The corpus the background searches: the bundled index plus the reader's own articles (lib/store.ts),
 * kept in step. The bundled index is loaded once; the reader's articles are added to it (and removed
 * from it) one by one as the store changes (lib/corpus addArticleToIndex / removeArticleFromIndex),
 * never rebuilt. Every change goes through here, one at a time, so the store and the index agree.
 *
 * No extension APIs: the background passes in how to read the bundled index (tests pass a function).
 */
import { addArticleToIndex, loadCorpusIndex, removeArticleFromIndex, segmentArticle, verbatimVotes, type CorpusIndex, type CorpusIndexData } from '../corpus';
import { openCorpusStore, sameUrl, StoreError, STORE_NAME, NEAR_DUPLICATE, type CorpusStore, type NewArticle } from '../store';
import type { Article, CorpusArticle, Report } from '../types';
import type { AddOutcome, CorpusPlace, ImportOutcome } from './protocol';

export class OwnCorpus {
  private current: CorpusIndex | null = null;
  private loading: Promise<CorpusIndex> | null = null;
  private storePromise: Promise<CorpusStore> | null = null;
  private bundledCount = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly loadBundled: () => Promise<CorpusIndexData>,
    /** Called after every change of the corpus (the background drops its cached reports). */
    private readonly onChange: () => void = () => {},
    private readonly storeName = STORE_NAME,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The index of both corpora (loaded on first use; a failed load is retried next time). */
  index(): Promise<CorpusIndex> {
    if (this.current) return Promise.resolve(this.current);
    this.loading ??= this.load().then(
      (index) => (this.current = index),
      (error: unknown) => {
        this.loading = null;
        throw error;
      },
    );
    return this.loading;
  }

  /** Ids of the reader's articles in the index. */
  async ownIds(): Promise<string[]> {
    const index = await this.index();
    return index.articles.slice(this.bundledCount).map((a) => a.id);
  }

  /** Adds the article read in a tab, under the outlet name the reader gave. */
  addArticle(article: Article, outlet: string, pageUrl: string | null): Promise<AddOutcome> {
    return this.serial(async () => {
      await this.index();
      const store = await this.store();
      const result = await store.add(toNewArticle(article, outlet, pageUrl, this.now()));
      if (result.status === 'duplicate') {
        return { status: 'duplicate', of: { where: result.of.reason === 'bundled' ? 'bundled' : 'mine', ...result.of } } as const;
      }
      this.current = addArticleToIndex(this.current!, result.article);
      this.onChange();
      const { id, title } = result.article;
      return { status: 'added', id, outlet: result.article.outlet, title } as const;
    }).catch(problem);
  }

  /** Imports a corpus pack (its text): all of it or nothing. */
  importPack(name: string, text: string): Promise<ImportOutcome> {
    return this.serial(async () => {
      await this.index();
      const store = await this.store();
      const result = await store.importPack(text, name || 'The file');
      let index = this.current!;
      for (const article of result.added) index = addArticleToIndex(index, article);
      this.current = index;
      if (result.added.length > 0) this.onChange();
      return { status: 'imported', added: result.added.length, duplicates: result.duplicates.length, renamed: result.renamed.length } as const;
    }).catch(problem);
  }

  /** Removes some of the reader's articles (bundled ones cannot be removed). */
  remove(ids: string[]): Promise<{ removed: number }> {
    return this.serial(async () => {
      const own = new Set(await this.ownIds());
      const wanted = ids.filter((id) => own.has(id));
      const store = await this.store();
      const removed = await store.remove(wanted);
      this.dropFromIndex(wanted);
      if (removed > 0) this.onChange();
      return { removed };
    });
  }

  /** Deletes every article of the reader's corpus. */
  clear(): Promise<{ removed: number }> {
    return this.serial(async () => {
      const own = await this.ownIds();
      const store = await this.store();
      await store.clear();
      this.dropFromIndex(own);
      this.onChange();
      return { removed: own.length };
    });
  }

  /** Whether the article of a report is in a corpus (by the report's recognition, or by URL). */
  async placeOf(report: Report | null, url: string | null): Promise<CorpusPlace | null> {
    const index = await this.index();
    let position = -1;
    let reason: CorpusPlace['reason'] = 'text';
    if (url) {
      position = index.articles.findIndex((a) => a.url && sameUrl(a.url, url));
      if (position >= 0) reason = 'url';
    }
    if (position < 0 && report?.article.corpusId) position = index.articles.findIndex((a) => a.id === report.article.corpusId);
    if (position < 0) return null;
    const meta = index.articles[position]!;
    const where = position < this.bundledCount ? 'bundled' : 'mine';
    return { where, reason: where === 'bundled' ? 'bundled' : reason, id: meta.id, outlet: meta.outlet, title: meta.title };
  }

  /** Removes articles from the index, the last first (so no later sentences have to move). */
  private dropFromIndex(ids: string[]): void {
    let index = this.current!;
    const positions = ids.map((id) => index.articles.findIndex((a) => a.id === id)).filter((p) => p >= this.bundledCount);
    positions.sort((a, b) => b - a);
    const byPosition = positions.map((p) => index.articles[p]!.id);
    for (const id of byPosition) index = removeArticleFromIndex(index, id);
    this.current = index;
  }

  private async load(): Promise<CorpusIndex> {
    // The reader's articles are read while the bundled index loads (opening IndexedDB takes a while in a
    // fresh worker). If their store cannot be opened, the bundled corpus still works; changes report it.
    const stored = this.store()
      .then((store) => store.list())
      .catch((): CorpusArticle[] => []);
    let index = loadCorpusIndex(await this.loadBundled());
    this.bundledCount = index.articles.length;
    for (const article of (await stored).reverse()) {
      try {
        index = addArticleToIndex(index, article);
      } catch {
        // An id taken by the bundled corpus (not stored by this version): left out rather than fail.
      }
    }
    return index;
  }

  private store(): Promise<CorpusStore> {
    this.storePromise ??= openCorpusStore(
      {
        reservedIds: { has: (id: string) => this.bundledIds().has(id) } as ReadonlySet<string>,
        bundled: (article) => this.bundledDuplicate(article),
        now: this.now,
      },
      this.storeName,
    );
    this.storePromise.catch(() => {
      this.storePromise = null;
    });
    return this.storePromise;
  }

  private bundledIds(): Set<string> {
    return new Set((this.current?.articles ?? []).slice(0, this.bundledCount).map((a) => a.id));
  }

  /** A bundled article this one is: the same URL, or ≥ 90 % of its sentences found in it verbatim. */
  private bundledDuplicate(article: CorpusArticle): { id: string; outlet: string; title: string } | null {
    const index = this.current;
    if (!index) return null;
    const bundled = index.articles.slice(0, this.bundledCount);
    const label = (a: (typeof bundled)[number]) => ({ id: a.id, outlet: a.outlet, title: a.title });
    if (article.url) {
      const same = bundled.find((a) => a.url && sameUrl(a.url, article.url!));
      if (same) return label(same);
    }
    const sentences = segmentArticle(article.text, 0);
    for (const [a, n] of verbatimVotes(index, sentences)) {
      if (a < this.bundledCount && sentences.length > 0 && n / sentences.length >= NEAR_DUPLICATE) return label(bundled[a]!);
    }
    return null;
  }

  /** Runs changes one at a time. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn);
    this.queue = run.catch(() => {});
    return run;
  }
}

/** A StoreError as an answer the popup or options page shows; anything else stays an error. */
function problem(error: unknown): { status: 'error'; kind: StoreError['kind']; message: string } {
  if (error instanceof StoreError) return { status: 'error', kind: error.kind, message: error.message };
  throw error;
}

/** The corpus-format article for a page's extracted article. */
export function toNewArticle(article: Article, outlet: string, pageUrl: string | null, now: Date): NewArticle {
  const url = pageUrl && /^https?:\/\//.test(pageUrl) ? pageUrl : article.url && /^https?:\/\//.test(article.url) ? article.url : undefined;
  const title = article.title?.trim() || article.text.trim().split('\n')[0]!.slice(0, 200);
  const out: NewArticle = {
    outlet: outlet.trim(),
    title,
    language: languageCode(article.language),
    published: publishedDate(article.published, now),
    text: article.text,
  };
  if (url) out.url = url.replace(/#.*$/, '');
  return out;
}

/** "en-US", "EN_gb", null → "en" (what the corpus format accepts; English when unknown). */
export function languageCode(language: string | null): string {
  const primary = (language ?? '').trim().split(/[-_]/)[0]!.toLowerCase();
  return /^[a-z]{2,3}$/.test(primary) ? primary : 'en';
}

/** The page's publication date as YYYY-MM-DD; the day it was added when the page gives none. */
export function publishedDate(published: string | null, now: Date): string {
  if (published) {
    const iso = /^\d{4}-\d{2}-\d{2}/.exec(published.trim());
    if (iso) return iso[0];
    const time = Date.parse(published);
    if (!Number.isNaN(time)) return new Date(time).toISOString().slice(0, 10);
  }
  return now.toISOString().slice(0, 10);
}

/** The outlet name offered for a page: its site name, or its host without "www.". */
export function defaultOutlet(article: Pick<Article, 'siteName'>, url: string | null): string {
  const site = article.siteName?.trim();
  if (site) return site.slice(0, 200);
  try {
    return url ? new URL(url).hostname.replace(/^www\./, '') : 'Unknown outlet';
  } catch {
    return 'Unknown outlet';
  }
}
