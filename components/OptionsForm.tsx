import { useState } from 'preact/hooks';
import type { MarkKind } from '../lib/extension/kinds';
import { normaliseSite, type Settings } from '../lib/extension/settings';

interface Props {
  settings: Settings;
  onChange: (settings: Settings) => void;
}

const KINDS: { kind: MarkKind; label: string; hint: string }[] = [
  { kind: 'corroborated', label: 'Corroborated', hint: 'other outlets report the same point (green, solid underline)' },
  { kind: 'single-source', label: 'Single-source claims', hint: 'claims found in no other outlet (amber, dashed underline)' },
  { kind: 'conflict', label: 'Conflicting details', hint: 'outlets give a number, name, date or quote differently (red, wavy underline)' },
];

/** The settings form. Every change is saved at once and applies to open tabs. */
export function OptionsForm({ settings, onChange }: Props) {
  const [site, setSite] = useState('');
  const [siteError, setSiteError] = useState<string | null>(null);
  const update = (patch: Partial<Settings>): void => onChange({ ...settings, ...patch });

  const addSite = (event: Event): void => {
    event.preventDefault();
    const normalised = normaliseSite(site);
    if (!normalised) {
      setSiteError('Enter a site such as example.com');
      return;
    }
    setSiteError(null);
    setSite('');
    if (!settings.excludedSites.includes(normalised)) update({ excludedSites: [...settings.excludedSites, normalised].sort() });
  };

  return (
    <div class="cb-options">
      <section>
        <h2>Marks in the page</h2>
        <label class="cb-check">
          <input
            type="checkbox"
            name="marks"
            checked={settings.marks}
            onChange={(e) => update({ marks: e.currentTarget.checked })}
          />
          Mark sentences in articles
        </label>
        <fieldset disabled={!settings.marks}>
          <legend>Which sentences to mark</legend>
          {KINDS.map(({ kind, label, hint }) => (
            <label class="cb-check" key={kind}>
              <input
                type="checkbox"
                name={`kind-${kind}`}
                checked={settings.kinds[kind]}
                onChange={(e) => update({ kinds: { ...settings.kinds, [kind]: e.currentTarget.checked } })}
              />
              <span>
                <span class={`cb-chip cb-kind-${kind}`}>{label}</span> <span class="cb-muted">{hint}</span>
              </span>
            </label>
          ))}
        </fieldset>
      </section>

      <section>
        <h2>Matching sensitivity</h2>
        <label class="cb-range">
          <span class="cb-muted">Strict</span>
          <input
            type="range"
            name="sensitivity"
            min={0}
            max={1}
            step={0.05}
            value={settings.sensitivity}
            aria-valuetext={`${Math.round(settings.sensitivity * 100)}%`}
            onChange={(e) => update({ sensitivity: Number(e.currentTarget.value) })}
          />
          <span class="cb-muted">Loose</span>
          <output>{Math.round(settings.sensitivity * 100)}%</output>
        </label>
        <p class="cb-muted">
          Higher finds more matches between outlets, including looser ones; lower keeps only close ones. A claim
          that falls just short of a match is a close call and is not marked single-source. Open articles are
          compared again when you change it.
        </p>
      </section>

      <section>
        <h2>Sites where Corroborate never runs</h2>
        <form class="cb-site-form" onSubmit={addSite}>
          <input
            type="text"
            name="site"
            placeholder="example.com"
            aria-label="Site to leave alone"
            value={site}
            onInput={(e) => setSite(e.currentTarget.value)}
          />
          <button type="submit" class="cb-button">
            Add
          </button>
        </form>
        {siteError && <p class="cb-error-message">{siteError}</p>}
        {settings.excludedSites.length === 0 ? (
          <p class="cb-muted">None.</p>
        ) : (
          <ul class="cb-sites">
            {settings.excludedSites.map((s) => (
              <li key={s}>
                <span>{s}</span>
                <button
                  type="button"
                  class="cb-link"
                  aria-label={`Remove ${s}`}
                  onClick={() => update({ excludedSites: settings.excludedSites.filter((x) => x !== s) })}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
        )}
        <p class="cb-muted">Subdomains are included: example.com also covers www.example.com.</p>
      </section>

      <section>
        <h2>Keyboard</h2>
        <dl class="cb-keys">
          <dt><kbd>Alt</kbd>+<kbd>Shift</kbd>+<kbd>N</kbd> / <kbd>P</kbd></dt>
          <dd>Open the comparison for the next / previous marked sentence (focus moves into it)</dd>
          <dt><kbd>Esc</kbd></dt>
          <dd>Close the comparison and return to where you were</dd>
          <dt><kbd>Tab</kbd> to a link in a marked sentence</dt>
          <dd>Shows that sentence's comparison</dd>
        </dl>
      </section>
    </div>
  );
}
