/** The popup's states other than "here is the report". */
import type { ComponentChildren } from 'preact';
import type { NotArticleReason } from '../lib/types';
import type { SiteAccessHelp } from '../lib/extension/platform';
import { languageName } from '../lib/format';

interface Action {
  label: string;
  onClick: () => void;
}

function State({ kind, title, children, action }: { kind: string; title: string; children?: ComponentChildren; action?: Action }) {
  return (
    <section class={`cb-state cb-state-${kind}`} data-state={kind} role="status">
      <h2>{title}</h2>
      {children}
      {action && (
        <button type="button" class="cb-button" onClick={action.onClick}>
          {action.label}
        </button>
      )}
    </section>
  );
}

export function Analysing() {
  return (
    <State kind="analysing" title="Comparing with other outlets…">
      <p>Reading this article sentence by sentence and looking for the same points in other outlets' reports.</p>
      <div class="cb-progress" aria-hidden="true" />
    </State>
  );
}

export function NotArticle({ reason, language }: { reason: NotArticleReason; language?: string | undefined }) {
  if (reason === 'size') {
    return (
      <State kind="not-article" title="Too large to check">
        <p>This page is too large for Corroborate to check without slowing it down, so it left it alone.</p>
      </State>
    );
  }
  if (reason === 'language') {
    return (
      <State kind="not-article" title="Not an English article">
        <p>
          This article seems to be in {languageName(language) ?? 'another language'}. Corroborate compares English
          news articles for now.
        </p>
      </State>
    );
  }
  return (
    <State kind="not-article" title="Not a news article">
      <p>This page doesn't look like an article, so Corroborate left it alone. Open a news story to compare it.</p>
    </State>
  );
}

export function NoCoverage({ corpusSize }: { corpusSize: number }) {
  return (
    <State kind="no-coverage" title="No other outlet in the corpus covers this story">
      <p>
        Corroborate searched {corpusSize} articles from other outlets and none reports the points of this one, so
        there is nothing to compare with. Nothing is marked in the page.
      </p>
    </State>
  );
}

export function Excluded({ site, onOptions }: { site: string; onOptions: () => void }) {
  return (
    <State kind="excluded" title={`Turned off for ${site}`} action={{ label: 'Change in settings', onClick: onOptions }}>
      <p>You asked Corroborate never to run on this site.</p>
    </State>
  );
}

/** `access`: the user has not let Corroborate read every site; which browser's steps to show. */
export function Unavailable({ onRetry, access }: { onRetry: () => void; access?: SiteAccessHelp | null | undefined }) {
  return (
    <State kind="unavailable" title="Corroborate can't read this page" action={{ label: 'Try again', onClick: onRetry }}>
      {access === 'firefox' && (
        <p data-testid="site-access">
          Firefox asks before an extension reads a site, and Corroborate may not read this one yet. Open the
          Extensions menu (the puzzle-piece button in the toolbar) and allow Corroborate on this site, or turn on
          “Access your data for all websites” in about:addons → Corroborate → Permissions. Then reload the page.
        </p>
      )}
      {access === 'chromium' && (
        <p data-testid="site-access">
          Corroborate may not be allowed to read this site. Right-click its toolbar icon, choose “This can read and
          change site data” and pick this site or “On all sites”. Then reload the page.
        </p>
      )}
      <p>
        It works on web pages (http and https), not on browser pages or the extension store. If this page was
        open before Corroborate was installed or updated, reload the page.
      </p>
    </State>
  );
}

export function ErrorState({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <State kind="error" title="Something went wrong" action={{ label: 'Try again', onClick: onRetry }}>
      <p class="cb-error-message">{message}</p>
      <p>
        Reload the page and open this window again. If it keeps failing, turn Corroborate off and on in the
        browser's extensions page.
      </p>
    </State>
  );
}
