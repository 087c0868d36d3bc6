/**
 * The typed messages between the extension's scripts (one protocol, @webext-core/messaging).
 *
 * content script → background   analyzeArticle: the extracted article → its Report (or "not English")
 *                                clearTab: this tab no longer shows an article
 * popup → background             getTabState: what the background knows about a tab
 * popup → content script         getPageState: what the page's script did (gate, analysis, marks)
 *                                revealSentence: scroll to a sentence and flash it
 * popup → background             getArticleDraft: what "Add this article to my corpus" would save
 *                                addTabArticle: add the tab's article to the reader's corpus
 * options → background           importPack / removeArticles / clearMyCorpus: change the reader's corpus
 *                                (the background keeps its index in step; the options page reads the
 *                                store, lib/store.ts, directly)
 *
 * Every handler validates its payload with the schemas in ./schemas.ts before using it.
 */
import { defineExtensionMessaging, type GetDataType, type GetReturnType } from '@webext-core/messaging';
import { browser } from 'wxt/browser';
import type { Article, NotArticleReason, Report } from '../types';

/** What the background knows about a tab. */
export type TabState =
  | { status: 'none' }
  | { status: 'analysing'; url: string }
  | { status: 'ready'; url: string; report: Report }
  | { status: 'error'; url: string; message: string };

/** The background's answer to analyzeArticle. Language is identified there, to keep the content script small. */
export type AnalysisResult = { status: 'report'; report: Report } | { status: 'not-english'; language: string };

/** What the content script of a page did. */
export type PageState =
  | { status: 'starting' }
  | { status: 'excluded'; site: string }
  | { status: 'not-article'; reason: NotArticleReason; language?: string }
  | { status: 'analysing' }
  /**
   * marked: sentences drawn; unanchored: of those to draw, not found in the page; anchored: of all report
   * sentences, found; startedAt / markedAt: the page's performance.now() when this analysis began (the
   * script's start, or a single-page-app navigation) and when its marks were first drawn.
   */
  | { status: 'ready'; marked: number; unanchored: number; sentences: number; anchored: number; startedAt: number; markedAt: number }
  | { status: 'error'; message: string };

export interface ProtocolMap {
  analyzeArticle(data: { article: Article }): AnalysisResult;
  clearTab(): void;
  getTabState(data: { tabId: number }): TabState;
  getPageState(): PageState;
  revealSentence(data: { index: number }): boolean;
  getArticleDraft(data: { tabId: number }): ArticleDraft;
  addTabArticle(data: { tabId: number; outlet: string }): AddOutcome;
  importPack(data: { name: string; text: string }): ImportOutcome;
  removeArticles(data: { ids: string[] }): { removed: number };
  clearMyCorpus(): { removed: number };
}

/** Where an article already is: the reader's corpus or the bundled one. */
export interface CorpusPlace {
  where: 'mine' | 'bundled';
  reason: 'url' | 'text' | 'bundled';
  id: string;
  outlet: string;
  title: string;
}

/** What the popup offers to add for a tab (fields from the extraction; the outlet is editable). */
export type ArticleDraft =
  | {
      status: 'ready';
      outlet: string;
      title: string;
      url: string | null;
      language: string;
      published: string;
      /** Set when the page is already in a corpus. */
      inCorpus: CorpusPlace | null;
      /** Auto-collect: on at all, and on for this page's site. */
      autoCollect: { on: boolean; thisSite: boolean };
    }
  | { status: 'unavailable'; message: string; autoCollect: { on: boolean; thisSite: boolean } };

export type CorpusProblem = 'empty' | 'malformed' | 'foreign' | 'quota' | 'unavailable';

export type AddOutcome =
  | { status: 'added'; id: string; outlet: string; title: string }
  | { status: 'duplicate'; of: CorpusPlace }
  | { status: 'error'; kind: CorpusProblem; message: string };

export type ImportOutcome =
  | { status: 'imported'; added: number; duplicates: number; renamed: number }
  | { status: 'error'; kind: CorpusProblem; message: string };

export const messenger = defineExtensionMessaging<ProtocolMap>();
export const { sendMessage, onMessage } = messenger;

type TabMessage = 'getPageState' | 'revealSentence';

/**
 * Send a message to a tab's content script, in @webext-core/messaging's wire format, but through
 * the promise API: a tab without our script (a browser page, the web store) is then a rejected
 * promise rather than an "Unchecked runtime.lastError" in the extension's error log, which the
 * library's callback-based tabs.sendMessage produces.
 */
export async function sendToTab<K extends TabMessage>(
  tabId: number,
  type: K,
  data: GetDataType<ProtocolMap[K]>,
): Promise<GetReturnType<ProtocolMap[K]>> {
  const message = { id: Math.floor(Math.random() * 1e9), type, data, timestamp: Date.now() };
  const response: unknown = await browser.tabs.sendMessage(tabId, message);
  if (!response || typeof response !== 'object') throw new Error('The page did not answer.');
  const { res, err } = response as { res?: unknown; err?: { message?: unknown } };
  if (err) throw new Error(typeof err.message === 'string' ? err.message : 'The page reported an error.');
  return res as GetReturnType<ProtocolMap[K]>;
}
