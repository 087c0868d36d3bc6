/** User settings: shape, defaults and validation. Pure (the storage item is in ./storage.ts). */
import * as v from 'valibot';
import type { MarkKind } from './kinds';

export interface Settings {
  /** Draw marks in pages at all. */
  marks: boolean;
  /** Which kinds of sentence to mark. */
  kinds: Record<MarkKind, boolean>;
  /** Matching sensitivity in [0, 1] (analyze's `sensitivity`); higher finds more, looser matches. */
  sensitivity: number;
  /** Host names where the extension never runs (subdomains included). */
  excludedSites: string[];
  /** Auto-collect: add every article read on `collectSites` to the reader's corpus (off by default). */
  autoCollect: boolean;
  /** Host names whose articles auto-collect adds (subdomains included). */
  collectSites: string[];
}

export const DEFAULT_SETTINGS: Settings = {
  marks: true,
  kinds: { corroborated: true, 'single-source': true, conflict: true },
  sensitivity: 0.5,
  excludedSites: [],
  autoCollect: false,
  collectSites: [],
};

const SettingsSchema = v.object({
  marks: v.optional(v.boolean(), DEFAULT_SETTINGS.marks),
  kinds: v.optional(
    v.object({
      corroborated: v.optional(v.boolean(), true),
      'single-source': v.optional(v.boolean(), true),
      conflict: v.optional(v.boolean(), true),
    }),
    () => ({ ...DEFAULT_SETTINGS.kinds }),
  ),
  sensitivity: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1)), DEFAULT_SETTINGS.sensitivity),
  excludedSites: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(253))), v.maxLength(1000)), () => []),
  autoCollect: v.optional(v.boolean(), DEFAULT_SETTINGS.autoCollect),
  collectSites: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(253))), v.maxLength(1000)), () => []),
});

/** Whatever is stored → valid settings (defaults for anything missing or malformed). */
export function readSettings(raw: unknown): Settings {
  const parsed = v.safeParse(SettingsSchema, raw ?? {});
  if (parsed.success) return parsed.output;
  return { ...DEFAULT_SETTINGS, kinds: { ...DEFAULT_SETTINGS.kinds }, excludedSites: [], collectSites: [] };
}

/** "https://www.Example.com/x" or "example.com." → "www.example.com" / "example.com"; null if not a host. */
export function normaliseSite(input: string): string | null {
  let text = input.trim().toLowerCase();
  if (!text) return null;
  try {
    if (/^[a-z][a-z0-9+.-]*:\/\//.test(text)) text = new URL(text).hostname;
  } catch {
    return null;
  }
  text = text.replace(/\/.*$/, '').replace(/:\d+$/, '').replace(/\.$/, '');
  if (text.startsWith('*.')) text = text.slice(2);
  return /^[a-z0-9-]+(\.[a-z0-9-]+)*$|^\[[0-9a-f:]+\]$/.test(text) ? text : null;
}

/** Whether `hostname` is one of the excluded sites or a subdomain of one. */
export function isExcluded(hostname: string, excludedSites: string[]): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return excludedSites.some((site) => host === site || host.endsWith(`.${site}`));
}
