import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

/** Built by `npm run corpus`; packaged as /corpus-index.json and loaded by the background. */
const CORPUS_INDEX = resolve(import.meta.dirname, 'corpus/index.json');
/** The add-on id in Firefox (addons.mozilla.org and `browser.storage` key on it; never change it). */
export const FIREFOX_ID = 'corroborate@corroborate.example';

export default defineConfig({
  vite: () => ({ plugins: [preact()] }),
  // The icon: one SVG, rendered to icons/{16,32,48,128}.png at build time (grey in development builds).
  modules: ['@wxt-dev/auto-icons'],
  autoIcons: { baseIconPath: 'components/icon.svg' },
  manifest: ({ browser }) => ({
    name: 'Corroborate',
    description: 'See which sentences of a news article other outlets also report, which claims only this outlet makes, and where outlets disagree. Runs entirely on your device.',
    // storage: settings and per-tab state; contextMenus: the "Add this article to Corroborate" entry
    // (no host permission: the entry reads nothing, the page's own content script already sent its article).
    permissions: ['storage', 'contextMenus'],
    // The toolbar icon, named for Firefox, which does not fall back to the extension's icons.
    action: { default_icon: { 16: 'icons/16.png', 32: 'icons/32.png' } },
    // Firefox (MV3): a fixed id (storage and the signed package need one), the first ESR with the CSS
    // Custom Highlight API, and the data-collection declaration addons.mozilla.org asks for (none).
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: { id: FIREFOX_ID, strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
        gecko_android: { strict_min_version: '142.0' },
      },
    }),
  }),
  // The sources package for addons.mozilla.org (`wxt zip -b firefox`): everything a reviewer needs to
  // rebuild with `npm install && npm run build`, without the test run's generated screenshots.
  zip: { excludeSources: ['tests/artifacts/**'] },
  hooks: {
    'build:publicAssets': (_wxt, files) => {
      if (!existsSync(CORPUS_INDEX)) {
        throw new Error(`${CORPUS_INDEX} is missing: run \`npm run corpus\` before building the extension.`);
      }
      files.push({ absoluteSrc: CORPUS_INDEX, relativeDest: 'corpus-index.json' });
    },
  },
});
