/**
 * Names of the background worker's performance marks: set by entrypoints/background.ts, read by
 * `npm run bench` (tests/bench/browser.ts) from the worker's own timeline. No data leaves the worker.
 */
export const TIMING = {
  /** When the worker's first index load was done, from the worker's start. */
  indexReady: 'corroborate:index-ready',
  /** How long the latest analysis took. */
  analysis: 'corroborate:analysis',
} as const;
