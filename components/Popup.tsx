import type { ComponentChildren } from 'preact';
import type { NotArticleReason, Report } from '../lib/types';
import { isCovered } from '../lib/extension/kinds';
import type { SiteAccessHelp } from '../lib/extension/platform';
import { ClaimList } from './ClaimList';
import { Counts } from './Counts';
import { Analysing, ErrorState, Excluded, NoCoverage, NotArticle, Unavailable } from './States';
import { Logo } from './Logo';

export type PopupState =
  | { kind: 'loading' }
  | { kind: 'analysing' }
  | { kind: 'report'; report: Report }
  | { kind: 'not-article'; reason: NotArticleReason; language?: string | undefined }
  | { kind: 'excluded'; site: string }
  | { kind: 'unavailable'; access?: SiteAccessHelp | null }
  | { kind: 'error'; message: string };

interface Props {
  state: PopupState;
  onReveal: (index: number) => void;
  onRetry: () => void;
  onOptions: () => void;
  /** A short note after a claim was clicked ("not found in the page"), if any. */
  notice?: string | null;
  /** More sections after the state (the reader's corpus). */
  children?: ComponentChildren;
}

/** The toolbar popup for one tab. */
export function Popup({ state, onReveal, onRetry, onOptions, notice, children }: Props) {
  return (
    <div class="cb-popup" data-state={state.kind === 'report' ? (isCovered(state.report) ? 'report' : 'no-coverage') : state.kind}>
      <header class="cb-popup-head">
        <h1>
          <Logo />
          Corroborate
        </h1>
        <button type="button" class="cb-link" onClick={onOptions}>
          Settings
        </button>
      </header>
      <main>
        <Body state={state} onReveal={onReveal} onRetry={onRetry} onOptions={onOptions} />
        {notice && (
          <p class="cb-notice" role="status">
            {notice}
          </p>
        )}
        {children}
      </main>
      <footer class="cb-popup-foot">Runs entirely on your device: no page text leaves your browser.</footer>
    </div>
  );
}

function Body({ state, onReveal, onRetry, onOptions }: Props) {
  switch (state.kind) {
    case 'loading':
      return <p class="cb-muted">Loading…</p>;
    case 'analysing':
      return <Analysing />;
    case 'not-article':
      return <NotArticle reason={state.reason} language={state.language} />;
    case 'excluded':
      return <Excluded site={state.site} onOptions={onOptions} />;
    case 'unavailable':
      return <Unavailable onRetry={onRetry} access={state.access} />;
    case 'error':
      return <ErrorState message={state.message} onRetry={onRetry} />;
    case 'report':
      return <ReportView report={state.report} onReveal={onReveal} />;
  }
}

function ReportView({ report, onReveal }: { report: Report; onReveal: (index: number) => void }) {
  const title = report.article.title ?? 'Untitled article';
  if (!isCovered(report)) {
    return (
      <>
        <h2 class="cb-article" data-testid="title">
          {title}
        </h2>
        <NoCoverage corpusSize={report.corpusSize} />
      </>
    );
  }
  return (
    <>
      <h2 class="cb-article" data-testid="title">
        {title}
      </h2>
      <Counts summary={report.summary} corpusSize={report.corpusSize} />
      <p class="cb-badge-note">
        The number on the toolbar icon is how many claims were found in no other outlet ({report.summary.singleSource}).
        In the page: <span class="cb-sample cb-kind-corroborated">corroborated</span>,{' '}
        <span class="cb-sample cb-kind-single-source">single-source</span>,{' '}
        <span class="cb-sample cb-kind-conflict">details differ</span>. Click a claim to see it in the page.
      </p>
      <ClaimList report={report} hereLabel={report.article.siteName ?? 'This article'} onReveal={onReveal} />
    </>
  );
}
