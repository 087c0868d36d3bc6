/**
 * Popup wiring: find the tab, ask the background for its report (or the page's script for why
 * there is none), and render components/Popup. `?tab=ID` selects a tab explicitly (tests open the
 * popup as a page, which is then the active tab itself).
 */
import { render } from 'preact';
import { browser } from 'wxt/browser';
import * as v from 'valibot';
import { Popup, type PopupState } from '../../components/Popup';
import { AddArticle } from '../../components/AddArticle';
import { sendMessage, sendToTab, type ArticleDraft } from '../../lib/extension/protocol';
import { parsePageState, parseTabState } from '../../lib/extension/schemas';
import { siteAccessHelp } from '../../lib/extension/platform';
import { AddOutcomeSchema, ArticleDraftSchema } from '../../lib/extension/corpus-messages';
import '../../components/ui.css';
import '../../components/page.css';

const POLL_MS = 400;

async function findTabId(): Promise<number | null> {
  const param = new URLSearchParams(location.search).get('tab');
  if (param !== null && /^\d+$/.test(param)) return Number(param);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

async function load(tabId: number): Promise<PopupState> {
  const tab = parseTabState(await sendMessage('getTabState', { tabId }));
  switch (tab.status) {
    case 'ready':
      return { kind: 'report', report: tab.report };
    case 'analysing':
      return { kind: 'analysing' };
    case 'error':
      return { kind: 'error', message: tab.message };
  }
  // The background has nothing for this tab: ask the page's script what it did.
  let page;
  try {
    page = parsePageState(await sendToTab(tabId, 'getPageState', undefined));
  } catch {
    // No script in the page: a browser page, a page open from before install, or a site the user
    // has not allowed Corroborate to read (Firefox asks first).
    return { kind: 'unavailable', access: await siteAccessHelp(browser.permissions) };
  }
  switch (page.status) {
    case 'excluded':
      return { kind: 'excluded', site: page.site };
    case 'not-article':
      return { kind: 'not-article', reason: page.reason, language: page.language };
    case 'error':
      return { kind: 'error', message: page.message };
    default:
      // Starting, analysing, or done while the background was restarted: ask again shortly.
      return { kind: 'analysing' };
  }
}

const root = document.getElementById('app')!;
let tabId: number | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;
let notice: string | null = null;
let state: PopupState = { kind: 'loading' };
/** What "Add this article to my corpus" would save (asked once the report is there). */
let draft: ArticleDraft | null = null;

function show(next: PopupState): void {
  state = next;
  render(
    <Popup
      state={state}
      notice={notice}
      onReveal={(index) => void reveal(index)}
      onRetry={() => void refresh()}
      onOptions={() => void browser.runtime.openOptionsPage()}
    >
      {draft && (
        <AddArticle
          key={draft.status === 'ready' ? `${draft.url}|${draft.title}` : 'none'}
          draft={draft}
          onAdd={(outlet) => addArticle(outlet)}
          onOptions={() => void browser.runtime.openOptionsPage()}
        />
      )}
    </Popup>,
    root,
  );
}

async function loadDraft(id: number): Promise<void> {
  try {
    draft = v.parse(ArticleDraftSchema, await sendMessage('getArticleDraft', { tabId: id }));
  } catch {
    draft = null;
  }
  show(state);
}

async function addArticle(outlet: string) {
  if (tabId === null) throw new Error('No tab.');
  return v.parse(AddOutcomeSchema, await sendMessage('addTabArticle', { tabId, outlet }));
}

async function refresh(): Promise<void> {
  clearTimeout(timer);
  if (tabId === null) tabId = await findTabId();
  if (tabId === null) return show({ kind: 'unavailable' });
  let next: PopupState;
  try {
    next = await load(tabId);
  } catch (error) {
    next = { kind: 'error', message: error instanceof Error ? error.message : String(error) };
  }
  show(next);
  if (next.kind === 'analysing' || next.kind === 'loading') timer = setTimeout(() => void refresh(), POLL_MS);
  else if (!draft) void loadDraft(tabId);
}

async function reveal(index: number): Promise<void> {
  if (tabId === null) return;
  let found = false;
  try {
    found = (await sendToTab(tabId, 'revealSentence', { index })) === true;
  } catch {
    found = false;
  }
  notice = found ? null : 'That sentence could not be found in the page (it may have changed). Reload the page to try again.';
  show(state);
}

show(state);
void refresh();
