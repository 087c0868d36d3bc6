/** Options wiring: read the settings, render the form, save each change (open tabs watch storage). */
import { render } from 'preact';
import * as v from 'valibot';
import { OptionsForm } from '../../components/OptionsForm';
import { MyCorpus, type CorpusActions } from '../../components/MyCorpus';
import { Logo } from '../../components/Logo';
import { sendMessage } from '../../lib/extension/protocol';
import { ImportOutcomeSchema, RemovedSchema } from '../../lib/extension/corpus-messages';
import { openCorpusStore, type CorpusStore } from '../../lib/store';
import type { Settings } from '../../lib/extension/settings';
import { getSettings, setSettings, watchSettings } from '../../lib/extension/storage';
import '../../components/ui.css';
import '../../components/page.css';

const root = document.getElementById('app')!;

/** The reader's corpus: read here directly (IndexedDB), changed through the background (which keeps its index in step). */
let store: Promise<CorpusStore> | null = null;
const openStore = (): Promise<CorpusStore> => {
  store ??= openCorpusStore();
  store.catch(() => (store = null));
  return store;
};
const corpus: CorpusActions = {
  list: async () => (await openStore()).list(),
  usage: async () => (await openStore()).usage(),
  exportPack: async () => `${JSON.stringify(await (await openStore()).exportPack(), null, 1)}\n`,
  importPack: async (name, text) => v.parse(ImportOutcomeSchema, await sendMessage('importPack', { name, text })),
  remove: async (ids) => v.parse(RemovedSchema, await sendMessage('removeArticles', { ids })).removed,
  clear: async () => v.parse(RemovedSchema, await sendMessage('clearMyCorpus', undefined)).removed,
};

function show(settings: Settings): void {
  const onChange = (next: Settings): void => {
    show(next);
    void setSettings(next);
  };
  render(
    <>
      <h1 class="cb-options-title">
        <Logo />
        Corroborate settings
      </h1>
      <OptionsForm settings={settings} onChange={onChange} />
      <MyCorpus settings={settings} onChange={onChange} actions={corpus} />
    </>,
    root,
  );
}

void getSettings().then(show);
// Another options page (or a sync) changed them: show the stored values.
watchSettings(show);
