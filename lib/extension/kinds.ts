/** How a report sentence is marked in the page and grouped in the popup. Pure; shared by all views. */
import type { Report, ReportSentence } from '../types';

export type MarkKind = 'corroborated' | 'single-source' | 'conflict';

export const MARK_KINDS: readonly MarkKind[] = ['corroborated', 'single-source', 'conflict'];

/** A sentence with a conflicting detail is a conflict even though other outlets report it. */
export function markKind(sentence: ReportSentence): MarkKind | null {
  if (sentence.matches.some((m) => m.conflicts.length > 0)) return 'conflict';
  if (sentence.status === 'corroborated') return 'corroborated';
  if (sentence.status === 'single-source') return 'single-source';
  return null;
}

/** Whether any other outlet in the corpus reports this story at all. */
export function isCovered(report: Report): boolean {
  return report.summary.outlets.length > 0;
}

/**
 * The sentences to mark in the page. Nothing when no other outlet covers the story: calling every
 * claim "single-source" there would only say that the corpus does not know the story.
 */
export function sentencesToMark(report: Report, kinds: Record<MarkKind, boolean>): { sentence: ReportSentence; kind: MarkKind }[] {
  if (!isCovered(report)) return [];
  const out: { sentence: ReportSentence; kind: MarkKind }[] = [];
  for (const sentence of report.sentences) {
    const kind = markKind(sentence);
    if (kind && kinds[kind]) out.push({ sentence, kind });
  }
  return out;
}

export const KIND_LABEL: Record<MarkKind, string> = {
  corroborated: 'Also reported elsewhere',
  'single-source': 'Found nowhere else',
  conflict: 'Outlets differ',
};
