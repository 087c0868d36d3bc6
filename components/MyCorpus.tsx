/**
 * The options page's "My corpus" section: auto-collect, import and export of corpus packs, the list of
 * the reader's articles (search, remove), their story clusters, storage used, and delete everything.
 * Reads go to the store directly; changes go through the background (which keeps its index in step).
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { storyClusters } from '../lib/clusters';
import type { StorageUse, StoredArticle } from '../lib/store';
import type { ImportOutcome } from '../lib/extension/protocol';
import { normaliseSite, type Settings } from '../lib/extension/settings';

export interface CorpusActions {
  list(): Promise<StoredArticle[]>;
  usage(): Promise<StorageUse>;
  /** The reader's corpus as a pack (JSON text). */
  exportPack(): Promise<string>;
  importPack(name: string, text: string): Promise<ImportOutcome>;
  remove(ids: string[]): Promise<number>;
  clear(): Promise<number>;
}

interface Props {
  settings: Settings;
  onChange: (settings: Settings) => void;
  actions: CorpusActions;
}

type Note = { kind: 'ok' | 'error'; text: string } | null;

export function MyCorpus({ settings, onChange, actions }: Props) {
  const [articles, setArticles] = useState<StoredArticle[] | null>(null);
  const [use, setUse] = useState<StorageUse | null>(null);
  const [query, setQuery] = useState('');
  const [note, setNote] = useState<Note>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);

  const reload = async (): Promise<void> => {
    try {
      const [list, usage] = await Promise.all([actions.list(), actions.usage()]);
      setArticles(list);
      setUse(usage);
      setLoadError(null);
    } catch (error) {
      setLoadError(error instanceof Error ? error.message : String(error));
      setArticles([]);
    }
  };
  useEffect(() => {
    void reload();
    // Articles added meanwhile (from the popup, the page menu or auto-collect) show when the page is back in front.
    const onVisible = (): void => {
      if (document.visibilityState === 'visible') void reload();
    };
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener('focus', onVisible);
    return () => {
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('focus', onVisible);
    };
  }, []);

  const run = async (task: () => Promise<Note>): Promise<void> => {
    setBusy(true);
    try {
      setNote(await task());
    } catch (error) {
      setNote({ kind: 'error', text: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
      await reload();
    }
  };

  const importFile = (input: HTMLInputElement): void => {
    const file = input.files?.[0];
    if (!file) return;
    void run(async () => {
      const text = await file.text();
      input.value = '';
      const outcome = await actions.importPack(file.name, text);
      if (outcome.status === 'error') return { kind: 'error', text: outcome.message };
      const parts = [`Imported ${plural(outcome.added, 'article')} from ${file.name}.`];
      if (outcome.duplicates) parts.push(`${plural(outcome.duplicates, 'article')} already there ${outcome.duplicates === 1 ? 'was' : 'were'} skipped.`);
      if (outcome.renamed) parts.push(`${plural(outcome.renamed, 'article')} got a new id (theirs was taken).`);
      return { kind: 'ok', text: parts.join(' ') };
    });
  };

  const exportPack = (): void =>
    void run(async () => {
      const text = await actions.exportPack();
      // A download from memory (a blob URL): nothing goes over the network.
      const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `corroborate-corpus-${new Date().toISOString().slice(0, 10)}.json`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return { kind: 'ok', text: `Exported ${plural(articles?.length ?? 0, 'article')} as a corpus pack.` };
    });

  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (!articles || !q) return articles ?? [];
    return articles.filter((a) => `${a.title}\n${a.outlet}\n${a.url ?? ''}\n${a.published}`.toLowerCase().includes(q));
  }, [articles, query]);

  const clusters = useMemo(() => storyClusters(articles ?? []).filter((c) => c.ids.length > 1), [articles]);
  const byId = useMemo(() => new Map((articles ?? []).map((a) => [a.id, a])), [articles]);

  return (
    <div class="cb-options cb-my-corpus" data-testid="my-corpus" aria-busy={busy}>
      <section>
        <h2>My corpus</h2>
        <p class="cb-muted">
          Articles you add (from the toolbar popup, or the page's right-click menu) are compared with the articles you read
          next, together with the bundled corpus. They are kept in this browser only.
        </p>
        {loadError && <p class="cb-error-message">{loadError}</p>}
        {note && (
          <p class={note.kind === 'error' ? 'cb-error-message' : 'cb-notice'} role={note.kind === 'error' ? 'alert' : 'status'} data-testid="corpus-note" data-kind={note.kind}>
            {note.text}
          </p>
        )}
        <p data-testid="storage-used">{storageText(use)}</p>
        <div class="cb-corpus-tools">
          <label class="cb-button cb-file">
            Import a corpus pack…
            <input type="file" accept=".json,application/json" data-testid="import-file" disabled={busy} onChange={(e) => importFile(e.currentTarget)} />
          </label>
          <button type="button" class="cb-button" data-testid="export" disabled={busy || !articles?.length} onClick={exportPack}>
            Export my corpus
          </button>
          {confirming ? (
            <span class="cb-confirm">
              Delete all {plural(articles?.length ?? 0, 'article')}?{' '}
              <button
                type="button"
                class="cb-button cb-danger"
                data-testid="confirm-delete-all"
                onClick={() => {
                  setConfirming(false);
                  void run(async () => ({ kind: 'ok', text: `Deleted ${plural(await actions.clear(), 'article')}. Your corpus is empty.` }));
                }}
              >
                Delete everything
              </button>{' '}
              <button type="button" class="cb-link" onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </span>
          ) : (
            <button type="button" class="cb-button cb-danger" data-testid="delete-all" disabled={busy || !articles?.length} onClick={() => setConfirming(true)}>
              Delete everything…
            </button>
          )}
        </div>
        <p class="cb-muted">
          A corpus pack is one JSON file of articles; export yours to keep or share it, and build one from a folder of article
          files with <code>npm run corpus -- pack &lt;folder&gt;</code>. An import adds all of a pack or nothing.
        </p>
      </section>

      <section>
        <h2>Articles</h2>
        {articles === null ? (
          <p class="cb-muted">Loading…</p>
        ) : articles.length === 0 ? (
          <p class="cb-muted" data-testid="corpus-empty">
            None yet. Open an article and choose “Add this article to my corpus” in the toolbar popup.
          </p>
        ) : (
          <>
            <input
              type="search"
              placeholder="Search titles, outlets, addresses"
              aria-label="Search my articles"
              value={query}
              onInput={(e) => setQuery(e.currentTarget.value)}
            />
            <ul class="cb-corpus-list" data-testid="corpus-list">
              {shown.map((a) => (
                <li key={a.id} data-id={a.id}>
                  <div>
                    <strong>{a.title}</strong>
                    <div class="cb-muted">
                      {a.outlet} · {a.published}
                      {a.url && (
                        <>
                          {' · '}
                          <a href={a.url} target="_blank" rel="noreferrer">
                            {hostOf(a.url)}
                          </a>
                        </>
                      )}
                    </div>
                  </div>
                  <button
                    type="button"
                    class="cb-link"
                    aria-label={`Remove ${a.title}`}
                    disabled={busy}
                    onClick={() => void run(async () => ({ kind: 'ok', text: (await actions.remove([a.id])) ? `Removed “${a.title}”.` : 'Already removed.' }))}
                  >
                    Remove
                  </button>
                </li>
              ))}
            </ul>
            {shown.length === 0 && <p class="cb-muted">No article matches “{query}”.</p>}
          </>
        )}
      </section>

      <section>
        <h2>Stories</h2>
        {clusters.length === 0 ? (
          <p class="cb-muted" data-testid="clusters-none">
            No two of your articles report the same story yet.
          </p>
        ) : (
          <ul class="cb-clusters" data-testid="clusters">
            {clusters.map((c) => (
              <li key={c.ids.join(' ')}>
                <strong>{c.words.join(', ') || 'A story'}</strong> <span class="cb-muted">({plural(c.ids.length, 'article')})</span>
                <ul>
                  {c.ids.map((id) => (
                    <li key={id}>
                      {byId.get(id)?.outlet}: {byId.get(id)?.title}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </section>

      <AutoCollect settings={settings} onChange={onChange} />
    </div>
  );
}

function AutoCollect({ settings, onChange }: { settings: Settings; onChange: (settings: Settings) => void }) {
  const [site, setSite] = useState('');
  const [error, setError] = useState<string | null>(null);
  const update = (patch: Partial<Settings>): void => onChange({ ...settings, ...patch });
  const add = (event: Event): void => {
    event.preventDefault();
    const normalised = normaliseSite(site);
    if (!normalised) return setError('Enter a site such as example.com');
    setError(null);
    setSite('');
    if (!settings.collectSites.includes(normalised)) update({ collectSites: [...settings.collectSites, normalised].sort() });
  };
  return (
    <section>
      <h2>Auto-collect</h2>
      <label class="cb-check">
        <input type="checkbox" name="autoCollect" checked={settings.autoCollect} onChange={(e) => update({ autoCollect: e.currentTarget.checked })} />
        <span>
          Add every article I open on these sites to my corpus <span class="cb-muted">(off unless you turn it on; the popup says when it is on)</span>
        </span>
      </label>
      <form class="cb-collect-form" onSubmit={add}>
        <input type="text" name="collectSite" placeholder="example.com" aria-label="Site to collect from" value={site} onInput={(e) => setSite(e.currentTarget.value)} />
        <button type="submit" class="cb-button">
          Add
        </button>
      </form>
      {error && <p class="cb-error-message">{error}</p>}
      {settings.collectSites.length === 0 ? (
        <p class="cb-muted">No sites.</p>
      ) : (
        <ul class="cb-sites">
          {settings.collectSites.map((s) => (
            <li key={s}>
              <span>{s}</span>
              <button type="button" class="cb-link" aria-label={`Stop collecting from ${s}`} onClick={() => update({ collectSites: settings.collectSites.filter((x) => x !== s) })}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

function storageText(use: StorageUse | null): string {
  if (!use) return 'Storage used: …';
  const parts = [`${plural(use.articles, 'article')}, about ${size(use.textBytes)} of text`];
  if (use.usage !== null && use.quota !== null) parts.push(`the browser counts ${size(use.usage)} used by Corroborate, of ${size(use.quota)} available`);
  return `Storage used: ${parts.join('; ')}.`;
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
}
