/** Options wiring: read the settings, render the form, save each change (open tabs watch storage). */
import { render } from 'preact';
import { OptionsForm } from '../../components/OptionsForm';
import type { Settings } from '../../lib/extension/settings';
import { getSettings, setSettings, watchSettings } from '../../lib/extension/storage';
import '../../components/ui.css';
import '../../components/page.css';

const root = document.getElementById('app')!;

function show(settings: Settings): void {
  render(<OptionsForm settings={settings} onChange={(next) => {
    show(next);
    void setSettings(next);
  }} />, root);
}

void getSettings().then(show);
// Another options page (or a sync) changed them: show the stored values.
watchSettings(show);
