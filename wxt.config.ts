import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

export default defineConfig({
  vite: () => ({ plugins: [preact()] }),
  manifest: {
    name: 'Corroborate',
    description: 'See which sentences of a news article other outlets also report, which claims only this outlet makes, and where outlets disagree. Runs entirely on your device.',
    permissions: ['storage'],
  },
});
