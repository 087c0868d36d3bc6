/**
 * The typed messages between the extension's scripts (one protocol, @webext-core/messaging).
 *
 * content script → background   analyzeArticle: the extracted article → its Report (or "not English")
 *                                clearTab: this tab no longer shows an article
 * popup → background             getTabState: what the background knows about a tab
 * popup → content script         getPageState: what the page's script did (gate, analysis, marks)
 *                                revealSentence: scroll to a sentence and flash it
 *
 * Every handler validates its payload with the schemas in ./schemas.ts before using it.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { Article, Report } from '../types';

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
  | { status: 'not-article'; reason: 'layout' | 'extraction' | 'language'; language?: string }
  | { status: 'analysing' }
  | { status: 'ready'; marked: number; unanchored: number }
  | { status: 'error'; message: string };

export interface ProtocolMap {
  analyzeArticle(data: { article: Article }): AnalysisResult;
  clearTab(): void;
  getTabState(data: { tabId: number }): TabState;
  getPageState(): PageState;
  revealSentence(data: { index: number }): boolean;
}

export const messenger = defineExtensionMessaging<ProtocolMap>();
export const { sendMessage, onMessage } = messenger;
