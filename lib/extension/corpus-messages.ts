/**
 * valibot schemas of the messages about the reader's own corpus (popup/options ↔ background), kept
 * apart from ./schemas.ts so the content script, which never sends them, does not bundle them.
 * As there, each schema is checked against the protocol's TypeScript types at compile time.
 */
import * as v from 'valibot';
import type { AddOutcome, ArticleDraft, ImportOutcome } from './protocol';

/** A pack file of up to 50 MB of text (the options page reads it; one message carries it). */
export const MAX_PACK_CHARS = 50_000_000;

const short = v.pipe(v.string(), v.maxLength(4_000));
const tabId = v.pipe(v.number(), v.integer(), v.minValue(0));
const problem = v.picklist(['empty', 'malformed', 'foreign', 'quota', 'unavailable']);
const count = v.pipe(v.number(), v.integer(), v.minValue(0));

export const DraftRequestSchema = v.object({ tabId });
export const AddTabArticleSchema = v.object({
  tabId,
  outlet: v.pipe(v.string(), v.trim(), v.minLength(1, 'Give the outlet a name.'), v.maxLength(200, 'The outlet name is too long (200 characters at most).')),
});
export const ImportPackSchema = v.object({
  name: v.pipe(v.string(), v.maxLength(1_000)),
  text: v.pipe(v.string(), v.maxLength(MAX_PACK_CHARS, 'The file is too large for a corpus pack (50 MB at most).')),
});
export const RemoveArticlesSchema = v.object({
  ids: v.pipe(v.array(v.pipe(v.string(), v.maxLength(300))), v.maxLength(100_000)),
});

const CorpusPlaceSchema = v.object({
  where: v.picklist(['mine', 'bundled']),
  reason: v.picklist(['url', 'text', 'bundled']),
  id: short,
  outlet: short,
  title: short,
});
const AutoCollectSchema = v.object({ on: v.boolean(), thisSite: v.boolean() });

export const ArticleDraftSchema = v.variant('status', [
  v.object({
    status: v.literal('ready'),
    outlet: short,
    title: short,
    url: v.nullable(v.pipe(v.string(), v.maxLength(8192))),
    language: v.pipe(v.string(), v.maxLength(35)),
    published: v.pipe(v.string(), v.maxLength(64)),
    inCorpus: v.nullable(CorpusPlaceSchema),
    autoCollect: AutoCollectSchema,
  }),
  v.object({ status: v.literal('unavailable'), message: short, autoCollect: AutoCollectSchema }),
]);

export const AddOutcomeSchema = v.variant('status', [
  v.object({ status: v.literal('added'), id: short, outlet: short, title: short }),
  v.object({ status: v.literal('duplicate'), of: CorpusPlaceSchema }),
  v.object({ status: v.literal('error'), kind: problem, message: short }),
]);

export const ImportOutcomeSchema = v.variant('status', [
  v.object({ status: v.literal('imported'), added: count, duplicates: count, renamed: count }),
  v.object({ status: v.literal('error'), kind: problem, message: short }),
]);

export const RemovedSchema = v.object({ removed: count });

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const draftMatches: Same<v.InferOutput<typeof ArticleDraftSchema>, ArticleDraft> = true;
const addMatches: Same<v.InferOutput<typeof AddOutcomeSchema>, AddOutcome> = true;
const importMatches: Same<v.InferOutput<typeof ImportOutcomeSchema>, ImportOutcome> = true;
void draftMatches;
void addMatches;
void importMatches;
