/**
 * The service worker: owns the corpus index and the matching (the heavy work), answers the content
 * scripts and the popup, caches reports per tab and URL, and keeps the toolbar badge in step.
 *
 * It is stopped when idle and restarted on the next message; everything here is rebuilt lazily
 * (the index on first use, tab states from session storage).
 */
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import type { CorpusIndex, CorpusIndexData } from '../lib/corpus';
import { analyze, warmUp } from '../lib/report';
import { detectLanguage } from '../lib/language';
import type { Article, Report } from '../lib/types';
import { onMessage, type AddOutcome, type AnalysisResult, type ArticleDraft, type TabState } from '../lib/extension/protocol';
import { parseArticle, TabIdSchema } from '../lib/extension/schemas';
import { AddTabArticleSchema, DraftRequestSchema, ImportPackSchema, RemoveArticlesSchema } from '../lib/extension/corpus-messages';
import { defaultOutlet, languageCode, OwnCorpus, publishedDate } from '../lib/extension/own-corpus';
import { isExcluded, type Settings } from '../lib/extension/settings';
import { TIMING } from '../lib/extension/timing';
import { getSettings, watchSettings } from '../lib/extension/storage';
import * as v from 'valibot';

/** The packaged index (copied from corpus/index.json by the build; see wxt.config.ts). */
const CORPUS_INDEX_FILE = '/corpus-index.json';
/** How many recent reports to keep, keyed by URL, sensitivity and text. */
const REPORT_CACHE_SIZE = 24;
/** The context-menu entry that adds the page's article to the reader's corpus. */
const ADD_MENU_ID = 'corroborate-add-article';

export default defineBackground(() => {
  /**
   * The bundled index (loaded once) plus the reader's own articles (IndexedDB, lib/store.ts), added
   * to it incrementally; a failed load is retried on the next request. Any change to the reader's
   * corpus drops the cached reports, so the next page analysed is compared with it too.
   */
  const own = new OwnCorpus(
    async () => {
      const response = await fetch(browser.runtime.getURL(CORPUS_INDEX_FILE as '/'));
      if (!response.ok) throw new Error(`The bundled corpus index could not be read (HTTP ${response.status}).`);
      return (await response.json()) as CorpusIndexData;
    },
    () => reports.clear(),
  );

  /**
   * Marks on the worker's performance timeline, for `npm run bench`: when its first index load was
   * done (from the worker's start) and how long the latest analysis took. No data leaves the worker.
   */
  let indexMarked = false;
  function getCorpus(): Promise<CorpusIndex> {
    const index = own.index();
    if (!indexMarked) {
      indexMarked = true;
      index.then(
        () => performance.mark(TIMING.indexReady),
        () => (indexMarked = false),
      );
    }
    return index;
  }

  /**
   * A page starting to load in a tab is the likely start of an analysis, asked for once the page has
   * loaded. A fresh worker uses that time to load the index and warm the engine (lib/report warmUp),
   * unless a request is already waiting: then the request itself is the warm-up.
   */
  let engine: 'cold' | 'priming' | 'in use' = 'cold';
  function primeEngine(): void {
    if (engine !== 'cold') return;
    engine = 'priming';
    void getCorpus().then(
      (index) => {
        if (engine === 'priming') warmUp(index);
      },
      () => {}, // a failed load is retried, and reported, by the page's request
    );
  }

  /** The settings, read once per worker and then kept in step with storage (every read is a round trip). */
  let settingsRead: Promise<Settings> | null = null;
  function currentSettings(): Promise<Settings> {
    return (settingsRead ??= getSettings().catch((error: unknown) => {
      settingsRead = null;
      throw error;
    }));
  }
  watchSettings((next) => {
    settingsRead = Promise.resolve(next);
  });

  // ---- report cache (memory) and tab states (memory + session storage, which survives a worker restart)

  const reports = new Map<string, Report>();
  const tabs = new Map<number, TabState>();
  /** Bumped on every new document in a tab, so a late result never lands on the next page. */
  const generations = new Map<number, number>();
  const tabItem = (tabId: number) => storage.defineItem<TabState>(`session:tab-${tabId}`);
  /** The article last extracted in each tab (what "Add this article" saves), kept like the tab states. */
  const articles = new Map<number, { url: string; article: Article }>();
  const articleItem = (tabId: number) => storage.defineItem<{ url: string; article: Article }>(`session:article-${tabId}`);

  function remember(key: string, report: Report): void {
    reports.delete(key);
    reports.set(key, report);
    while (reports.size > REPORT_CACHE_SIZE) reports.delete(reports.keys().next().value!);
  }

  /**
   * Session-storage writes (what a restarted worker reads back) and badge updates, in order per tab but
   * off the path of the reply: memory already holds the value, and each browser call is a round trip to
   * the browser process. A full or unavailable storage only loses the copy.
   */
  const writes = new Map<number, Promise<void>>();
  function persist(tabId: number, write: () => Promise<void>): void {
    const next = (writes.get(tabId) ?? Promise.resolve()).then(write).catch(() => {});
    writes.set(tabId, next);
    void next.then(() => {
      if (writes.get(tabId) === next) writes.delete(tabId);
    });
  }

  function setTabState(tabId: number, state: TabState): void {
    tabs.set(tabId, state);
    persist(tabId, () => (state.status === 'none' ? tabItem(tabId).removeValue() : tabItem(tabId).setValue(state)));
    persist(tabId, () => updateBadge(tabId, state));
  }

  async function getTabState(tabId: number): Promise<TabState> {
    const known = tabs.get(tabId);
    if (known) return known;
    const stored = await tabItem(tabId).getValue();
    // A worker that was stopped mid-analysis never finished it: report nothing rather than "analysing" forever.
    if (stored && stored.status !== 'analysing') {
      tabs.set(tabId, stored);
      return stored;
    }
    return { status: 'none' };
  }

  /**
   * The badge: how many claims were found in no other outlet (the sentences a careful reader checks), shown
   * only when other outlets cover the story at all. The popup explains it.
   */
  async function updateBadge(tabId: number, state: TabState): Promise<void> {
    const action = browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
    try {
      if (state.status === 'ready' && state.report.summary.outlets.length > 0) {
        const { singleSource, corroborated } = state.report.summary;
        const outlets = state.report.summary.outlets.length;
        await action.setBadgeBackgroundColor({ tabId, color: '#9a6700' });
        await action.setBadgeText({ tabId, text: String(singleSource) });
        await action.setTitle({
          tabId,
          title: `Corroborate: ${singleSource} claim${singleSource === 1 ? '' : 's'} found in no other outlet; ${corroborated} sentence${corroborated === 1 ? '' : 's'} also reported by ${outlets} other outlet${outlets === 1 ? '' : 's'}`,
        });
      } else {
        await action.setBadgeText({ tabId, text: '' });
        await action.setTitle({ tabId, title: 'Corroborate' });
      }
    } catch {
      // The tab closed meanwhile.
    }
  }

  /** Forgets a tab's state and article, in memory and (after any write still queued) in storage. */
  function forgetTab(tabId: number): void {
    tabs.delete(tabId);
    articles.delete(tabId);
    persist(tabId, async () => {
      await tabItem(tabId).removeValue();
      await articleItem(tabId).removeValue();
    });
  }

  function clearTab(tabId: number): void {
    forgetTab(tabId);
    persist(tabId, () => updateBadge(tabId, { status: 'none' }));
  }

  function rememberArticle(tabId: number, url: string, article: Article): void {
    articles.set(tabId, { url, article });
    persist(tabId, () => articleItem(tabId).setValue({ url, article }));
  }

  async function tabArticle(tabId: number): Promise<{ url: string; article: Article } | null> {
    const known = articles.get(tabId);
    if (known) return known;
    const stored = await articleItem(tabId).getValue();
    if (stored) articles.set(tabId, stored);
    return stored ?? null;
  }

  // ---- the reader's own corpus

  /** Auto-collect: on at all, and on for this address's site. */
  function autoCollectFor(settings: Settings, url: string | null): { on: boolean; thisSite: boolean } {
    let host = '';
    try {
      host = url ? new URL(url).hostname : '';
    } catch {
      host = '';
    }
    return { on: settings.autoCollect, thisSite: settings.autoCollect && host !== '' && isExcluded(host, settings.collectSites) };
  }

  async function articleDraft(tabId: number): Promise<ArticleDraft> {
    const known = await tabArticle(tabId);
    const autoCollect = autoCollectFor(await currentSettings(), known?.url ?? null);
    if (!known || !known.article.text.trim()) {
      return {
        status: 'unavailable',
        message: 'No article was read on this page, so there is nothing to add. Open a news article (in English) and try again.',
        autoCollect,
      };
    }
    const { url, article } = known;
    const state = await getTabState(tabId);
    const report = state.status === 'ready' ? state.report : null;
    return {
      status: 'ready',
      outlet: defaultOutlet(article, url),
      title: (article.title ?? '').slice(0, 4000) || article.text.slice(0, 200),
      url: url || null,
      language: languageCode(article.language),
      published: publishedDate(article.published, new Date()),
      inCorpus: await own.placeOf(report, url || null),
      autoCollect,
    };
  }

  async function addFromTab(tabId: number, outlet?: string): Promise<AddOutcome> {
    const known = await tabArticle(tabId);
    if (!known || !known.article.text.trim()) {
      return { status: 'error', kind: 'empty', message: 'No article was read on this page, so there is nothing to add.' };
    }
    return own.addArticle(known.article, outlet ?? defaultOutlet(known.article, known.url), known.url || null);
  }

  /** Feedback for the context-menu entry, which has no window of its own: the badge, briefly. */
  async function flashBadge(tabId: number, outcome: AddOutcome): Promise<void> {
    const action = browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
    const [text, title] =
      outcome.status === 'added'
        ? ['+1', `Corroborate: added “${outcome.title}” (${outcome.outlet}) to your corpus`]
        : outcome.status === 'duplicate'
          ? ['=', `Corroborate: this article is already in ${outcome.of.where === 'bundled' ? 'the bundled corpus' : 'your corpus'}`]
          : ['!', `Corroborate: ${outcome.message}`];
    try {
      await action.setBadgeBackgroundColor({ tabId, color: outcome.status === 'error' ? '#cf222e' : '#1a7f37' });
      await action.setBadgeText({ tabId, text });
      await action.setTitle({ tabId, title });
    } catch {
      return; // the tab closed
    }
    setTimeout(() => void getTabState(tabId).then((state) => updateBadge(tabId, state)), 4000);
  }

  // ---- messages

  onMessage('analyzeArticle', async (message) => {
    const tabId = message.sender.tab?.id;
    if (message.sender.id !== browser.runtime.id || tabId === undefined || tabId < 0) {
      throw new Error('analyzeArticle is only accepted from a content script in a tab.');
    }
    const article = parseArticle(message.data?.article);
    engine = 'in use';
    // Loading starts now, so a cold worker reads the index while the storage calls below run.
    const corpus = getCorpus();
    corpus.catch(() => {}); // awaited below, unless the article is not English
    const url = message.sender.url ?? article.url ?? '';
    // English only for now (the corpus and the matching are English); the page has already passed the
    // cheap checks (layout, declared language), so this costs one message for the rare undeclared case.
    const language = detectLanguage(article.text)?.language ?? article.language;
    if (language && language !== 'en') {
      clearTab(tabId);
      return { status: 'not-english', language } satisfies AnalysisResult;
    }
    rememberArticle(tabId, url, article);
    const settings = await currentSettings();
    const { sensitivity } = settings;
    const key = `${url}\u0000${sensitivity}\u0000${article.text.length}\u0000${hash(article.text)}`;
    const cached = reports.get(key);
    if (cached) {
      remember(key, cached);
      setTabState(tabId, { status: 'ready', url, report: cached });
      return { status: 'report', report: cached } satisfies AnalysisResult;
    }
    const generation = generations.get(tabId) ?? 0;
    const current = (): boolean => (generations.get(tabId) ?? 0) === generation;
    setTabState(tabId, { status: 'analysing', url });
    try {
      const index = await corpus;
      const started = performance.now();
      const report = analyze(article, index, { sensitivity });
      performance.clearMeasures(TIMING.analysis);
      performance.measure(TIMING.analysis, { start: started });
      remember(key, report);
      if (current()) setTabState(tabId, { status: 'ready', url, report });
      // Auto-collect (off by default): articles read on the chosen sites join the reader's corpus.
      if (autoCollectFor(settings, url).thisSite && report.article.corpusId === null) {
        void own.addArticle(article, defaultOutlet(article, url), url).catch(() => {});
      }
      return { status: 'report', report } satisfies AnalysisResult;
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      if (current()) setTabState(tabId, { status: 'error', url, message: text });
      throw new Error(text);
    }
  });

  onMessage('clearTab', async (message) => {
    const tabId = message.sender.tab?.id;
    if (message.sender.id !== browser.runtime.id || tabId === undefined) return;
    clearTab(tabId);
  });

  onMessage('getTabState', async (message) => {
    // Only the extension's own pages (the popup) may read a tab's report.
    if (message.sender.id !== browser.runtime.id || !message.sender.url?.startsWith(browser.runtime.getURL('/'))) {
      throw new Error('getTabState is only accepted from the extension’s pages.');
    }
    const { tabId } = v.parse(TabIdSchema, message.data);
    return getTabState(tabId);
  });

  /** Only the extension's own pages (popup, options) may change the reader's corpus. */
  function fromOwnPage(message: { sender: { id?: string; url?: string } }, type: string): void {
    if (message.sender.id !== browser.runtime.id || !message.sender.url?.startsWith(browser.runtime.getURL('/'))) {
      throw new Error(`${type} is only accepted from the extension’s pages.`);
    }
  }

  onMessage('getArticleDraft', async (message) => {
    fromOwnPage(message, 'getArticleDraft');
    const { tabId } = v.parse(DraftRequestSchema, message.data);
    return articleDraft(tabId);
  });

  onMessage('addTabArticle', async (message) => {
    fromOwnPage(message, 'addTabArticle');
    const parsed = v.safeParse(AddTabArticleSchema, message.data);
    if (!parsed.success) return { status: 'error', kind: 'malformed', message: parsed.issues[0].message } satisfies AddOutcome;
    return addFromTab(parsed.output.tabId, parsed.output.outlet);
  });

  onMessage('importPack', async (message) => {
    fromOwnPage(message, 'importPack');
    const parsed = v.safeParse(ImportPackSchema, message.data);
    if (!parsed.success) return { status: 'error', kind: 'malformed', message: parsed.issues[0].message } as const;
    return own.importPack(parsed.output.name, parsed.output.text);
  });

  onMessage('removeArticles', async (message) => {
    fromOwnPage(message, 'removeArticles');
    return own.remove(v.parse(RemoveArticlesSchema, message.data).ids);
  });

  onMessage('clearMyCorpus', async (message) => {
    fromOwnPage(message, 'clearMyCorpus');
    return own.clear();
  });

  // ---- the context-menu entry (web pages only)

  const menus = browser.contextMenus;
  browser.runtime.onInstalled.addListener(() => {
    // Installed, updated or reloaded: one entry, whatever was left before.
    void menus.removeAll().then(() =>
      menus.create({
        id: ADD_MENU_ID,
        title: 'Add this article to Corroborate',
        contexts: ['page'],
        documentUrlPatterns: ['http://*/*', 'https://*/*'],
      }),
    );
  });
  menus.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== ADD_MENU_ID || tab?.id === undefined || tab.id < 0) return;
    const tabId = tab.id;
    void addFromTab(tabId)
      .catch((error: unknown) => ({ status: 'error', kind: 'unavailable', message: error instanceof Error ? error.message : String(error) }) as const)
      .then((outcome) => flashBadge(tabId, outcome));
  });

  // ---- tab lifecycle: a new document or a closed tab drops the state and the badge.

  browser.tabs.onUpdated.addListener((tabId, changeInfo) => {
    if (changeInfo.status !== 'loading') return;
    primeEngine();
    generations.set(tabId, (generations.get(tabId) ?? 0) + 1);
    clearTab(tabId);
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    forgetTab(tabId);
    generations.delete(tabId);
  });
});

/** FNV-1a, to tell two texts of one URL apart in the cache key. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}
