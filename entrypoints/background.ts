/**
 * The service worker: owns the corpus index and the matching (the heavy work), answers the content
 * scripts and the popup, caches reports per tab and URL, and keeps the toolbar badge in step.
 *
 * It is stopped when idle and restarted on the next message; everything here is rebuilt lazily
 * (the index on first use, tab states from session storage).
 */
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { loadCorpusIndex, type CorpusIndex, type CorpusIndexData } from '../lib/corpus';
import { analyze } from '../lib/report';
import { detectLanguage } from '../lib/language';
import type { Report } from '../lib/types';
import { onMessage, type AnalysisResult, type TabState } from '../lib/extension/protocol';
import { parseArticle, TabIdSchema } from '../lib/extension/schemas';
import { getSettings } from '../lib/extension/storage';
import * as v from 'valibot';

/** The packaged index (copied from corpus/index.json by the build; see wxt.config.ts). */
const CORPUS_INDEX_FILE = '/corpus-index.json';
/** How many recent reports to keep, keyed by URL, sensitivity and text. */
const REPORT_CACHE_SIZE = 24;

export default defineBackground(() => {
  let corpus: Promise<CorpusIndex> | null = null;

  /** Load the index once; a failed load is retried on the next request. */
  function getCorpus(): Promise<CorpusIndex> {
    corpus ??= (async () => {
      const response = await fetch(browser.runtime.getURL(CORPUS_INDEX_FILE as '/'));
      if (!response.ok) throw new Error(`The bundled corpus index could not be read (HTTP ${response.status}).`);
      return loadCorpusIndex((await response.json()) as CorpusIndexData);
    })();
    corpus.catch(() => {
      corpus = null;
    });
    return corpus;
  }

  // ---- report cache (memory) and tab states (memory + session storage, which survives a worker restart)

  const reports = new Map<string, Report>();
  const tabs = new Map<number, TabState>();
  /** Bumped on every new document in a tab, so a late result never lands on the next page. */
  const generations = new Map<number, number>();
  const tabItem = (tabId: number) => storage.defineItem<TabState>(`session:tab-${tabId}`);

  function remember(key: string, report: Report): void {
    reports.delete(key);
    reports.set(key, report);
    while (reports.size > REPORT_CACHE_SIZE) reports.delete(reports.keys().next().value!);
  }

  async function setTabState(tabId: number, state: TabState): Promise<void> {
    tabs.set(tabId, state);
    try {
      if (state.status === 'none') await tabItem(tabId).removeValue();
      else await tabItem(tabId).setValue(state);
    } catch {
      // Session storage full or unavailable: the in-memory state still serves this worker's lifetime.
    }
    await updateBadge(tabId, state);
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
   * The badge: how many claims only this outlet makes (the sentences a careful reader checks), shown
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
          title: `Corroborate: ${singleSource} claim${singleSource === 1 ? '' : 's'} only this outlet makes; ${corroborated} sentence${corroborated === 1 ? '' : 's'} also reported by ${outlets} other outlet${outlets === 1 ? '' : 's'}`,
        });
      } else {
        await action.setBadgeText({ tabId, text: '' });
        await action.setTitle({ tabId, title: 'Corroborate' });
      }
    } catch {
      // The tab closed meanwhile.
    }
  }

  async function clearTab(tabId: number): Promise<void> {
    tabs.delete(tabId);
    try {
      await tabItem(tabId).removeValue();
    } catch {
      /* nothing stored */
    }
    await updateBadge(tabId, { status: 'none' });
  }

  // ---- messages

  onMessage('analyzeArticle', async (message) => {
    const tabId = message.sender.tab?.id;
    if (message.sender.id !== browser.runtime.id || tabId === undefined || tabId < 0) {
      throw new Error('analyzeArticle is only accepted from a content script in a tab.');
    }
    const article = parseArticle(message.data?.article);
    const url = message.sender.url ?? article.url ?? '';
    // English only for now (the corpus and the matching are English); the page has already passed the
    // cheap checks (layout, declared language), so this costs one message for the rare undeclared case.
    const language = detectLanguage(article.text)?.language ?? article.language;
    if (language && language !== 'en') {
      await clearTab(tabId);
      return { status: 'not-english', language } satisfies AnalysisResult;
    }
    const { sensitivity } = await getSettings();
    const key = `${url}\u0000${sensitivity}\u0000${article.text.length}\u0000${hash(article.text)}`;
    const cached = reports.get(key);
    if (cached) {
      remember(key, cached);
      await setTabState(tabId, { status: 'ready', url, report: cached });
      return { status: 'report', report: cached } satisfies AnalysisResult;
    }
    const generation = generations.get(tabId) ?? 0;
    const current = (): boolean => (generations.get(tabId) ?? 0) === generation;
    await setTabState(tabId, { status: 'analysing', url });
    try {
      const report = analyze(article, await getCorpus(), { sensitivity });
      remember(key, report);
      if (current()) await setTabState(tabId, { status: 'ready', url, report });
      return { status: 'report', report } satisfies AnalysisResult;
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      if (current()) await setTabState(tabId, { status: 'error', url, message: text });
      throw new Error(text);
    }
  });

  onMessage('clearTab', async (message) => {
    const tabId = message.sender.tab?.id;
    if (message.sender.id !== browser.runtime.id || tabId === undefined) return;
    await clearTab(tabId);
  });

  onMessage('getTabState', async (message) => {
    // Only the extension's own pages (the popup) may read a tab's report.
    if (message.sender.id !== browser.runtime.id || !message.sender.url?.startsWith(browser.runtime.getURL('/'))) {
      throw new Error('getTabState is only accepted from the extension’s pages.');
    }
    const { tabId } = v.parse(TabIdSchema, message.data);
    return getTabState(tabId);
  });

  // ---- tab lifecycle: a new document or a closed tab drops the state and the badge.

  browser.tabs.onUpdated.addListener((tabId, changeInfo) => {
    if (changeInfo.status !== 'loading') return;
    generations.set(tabId, (generations.get(tabId) ?? 0) + 1);
    void clearTab(tabId);
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    tabs.delete(tabId);
    generations.delete(tabId);
    void tabItem(tabId).removeValue().catch(() => {});
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
