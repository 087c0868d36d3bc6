/** The popup's "Add this article to my corpus" section, and the auto-collect indicator. */
import { useState } from 'preact/hooks';
import type { AddOutcome, ArticleDraft } from '../lib/extension/protocol';

interface Props {
  draft: ArticleDraft;
  onAdd: (outlet: string) => Promise<AddOutcome>;
  onOptions: () => void;
}

export function AddArticle({ draft, onAdd, onOptions }: Props) {
  const [outlet, setOutlet] = useState(draft.status === 'ready' ? draft.outlet : '');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<AddOutcome | null>(null);

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    try {
      setOutcome(await onAdd(outlet));
    } catch (error) {
      setOutcome({ status: 'error', kind: 'unavailable', message: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };

  const collect = draft.autoCollect.on && (
    <p class="cb-collect" data-testid="auto-collect" data-site={draft.autoCollect.thisSite ? 'on' : 'off'}>
      <strong>Auto-collect is on</strong>
      {draft.autoCollect.thisSite ? ' for this site: articles you open here are added to your corpus.' : ' (not for this site).'}{' '}
      <button type="button" class="cb-link" onClick={onOptions}>
        Change
      </button>
    </p>
  );

  if (draft.status !== 'ready') return <section class="cb-add">{collect}</section>;

  const placed = outcome?.status === 'duplicate' ? outcome.of : outcome?.status === 'added' ? null : draft.inCorpus;
  return (
    <section class="cb-add" data-testid="add-article">
      <h2>My corpus</h2>
      {collect}
      {outcome?.status === 'added' ? (
        <p class="cb-add-result" role="status" data-result="added">
          Added to your corpus as {outcome.outlet}. Other outlets' articles on this story are now compared with it.
        </p>
      ) : placed ? (
        <p class="cb-add-result" role="status" data-result="duplicate">
          {placed.where === 'bundled'
            ? `This article is already in the bundled corpus (${placed.outlet}).`
            : `This article is already in your corpus, as “${placed.title}” (${placed.outlet})${placed.reason === 'text' ? ', with nearly the same text' : ''}.`}
        </p>
      ) : (
        <form class="cb-add-form" onSubmit={(e) => void submit(e)}>
          <label>
            Outlet
            <input
              type="text"
              name="outlet"
              value={outlet}
              maxLength={200}
              required
              onInput={(e) => setOutlet(e.currentTarget.value)}
            />
          </label>
          <p class="cb-muted cb-add-meta">
            {draft.title} · {draft.published} · {draft.language}
          </p>
          <button type="submit" class="cb-button" disabled={busy || !outlet.trim()}>
            {busy ? 'Adding…' : 'Add this article to my corpus'}
          </button>
          {outcome?.status === 'error' && (
            <p class="cb-error-message" role="alert" data-result="error">
              {outcome.message}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
