import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

/** Built by `npm run corpus`; packaged as /corpus-index.json and loaded by the background. */
const CORPUS_INDEX = resolve(import.meta.dirname, 'corpus/index.json');

export default defineConfig({
  vite: () => ({ plugins: [preact()] }),
  manifest: {
    name: 'Corroborate',
    description: 'See which sentences of a news article other outlets also report, which claims only this outlet makes, and where outlets disagree. Runs entirely on your device.',
    permissions: ['storage'],
  },
  hooks: {
    'build:publicAssets': (_wxt, files) => {
      if (!existsSync(CORPUS_INDEX)) {
        throw new Error(`${CORPUS_INDEX} is missing: run \`npm run corpus\` before building the extension.`);
      }
      files.push({ absoluteSrc: CORPUS_INDEX, relativeDest: 'corpus-index.json' });
    },
  },
});
