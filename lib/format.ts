/** Plain-text renderings of a Report: the command line's, and the conflict statement the views also show. */
import type { Conflict, DiffPart, Report, ReportSentence } from './types';

const HERE = 'This article';

/** The BCP 47 code for an undetermined language: plainly not English, but which language is not known. */
export const UNDETERMINED = 'und';

/** A language's English name ("ja" → "Japanese"), or null for an undetermined or unknown code. */
export function languageName(code: string | null | undefined): string | null {
  if (!code || code === UNDETERMINED) return null;
  try {
    const name = new Intl.DisplayNames(['en'], { type: 'language' }).of(code);
    return name && name !== code ? name : null;
  } catch {
    return null; // not a well-formed language tag
  }
}

/**
 * "This article: nearly three hours · Outlet C: around two and a half hours". Quotes are put in
 * quotation marks; given the two sentences, a quote cut out of a longer quotation gets an ellipsis
 * where it is cut (“…there are just a very few that are left”).
 */
export function describeConflict(conflict: Conflict, hereLabel: string, thereLabel: string, sentences?: { here: string; there: string }): string {
  const show = (part: string, sentence: string | undefined): string => (conflict.kind === 'quote' ? quoted(part.trim(), sentence) : part.trim());
  return `${hereLabel}: ${show(conflict.here, sentences?.here)} · ${thereLabel}: ${show(conflict.there, sentences?.there)}`;
}

function quoted(part: string, sentence: string | undefined): string {
  const at = sentence?.indexOf(part) ?? -1;
  if (sentence === undefined || at < 0) return `“${part}”`;
  // Cut where the words around it are still the quotation's: not at a quotation mark or the sentence's edge.
  const cutBefore = !/(?:^|["“‘'«])\s*$/.test(sentence.slice(0, at));
  const cutAfter = !/^[\s.,;:!?…]*(?:["”’'»]|$)/.test(sentence.slice(at + part.length));
  return `“${cutBefore ? '…' : ''}${part}${cutAfter ? '…' : ''}”`;
}

/** Marks words only in the other outlet's sentence as {+…+} and words it lacks as [-…-]. */
export function formatDiff(diff: DiffPart[]): string {
  return diff
    .map((part) => (part.side === 'same' ? part.text : part.side === 'there' ? `{+${part.text}+}` : `[-${part.text}-]`))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

function statusLine(s: ReportSentence): string {
  switch (s.status) {
    case 'corroborated': {
      const outlets = new Set(s.matches.map((m) => m.outlet)).size;
      return `corroborated by ${outlets} other outlet${outlets === 1 ? '' : 's'}`;
    }
    case 'single-source':
      return `single-source claim (${s.reason})`;
    default:
      return s.closeCall ? `claim (${s.reason}), a close call: not matched, not marked single-source` : `not a checkable claim (${s.reason})`;
  }
}

export function formatReport(report: Report): string {
  const { summary } = report;
  const lines: string[] = [];
  lines.push(`Corroborate — ${report.article.title ?? 'Untitled article'}`);
  if (report.article.corpusId) {
    lines.push(`This article is corpus article ${report.article.corpusId}; it is not compared with itself.`);
  }
  if (!summary.outlets.length) {
    // Said first: otherwise every claim below reads as a finding, when the corpus simply lacks the story.
    lines.push(`No other outlet in the corpus (${report.corpusSize} articles) covers this story, so every claim below counts as single-source.`);
  }
  lines.push('');
  for (const s of report.sentences) {
    lines.push(`[${s.index + 1}] ${statusLine(s)}`);
    lines.push(`    ${s.text}`);
    for (const m of s.matches) {
      lines.push(`    ↳ ${m.outlet} (${Math.round(m.score * 100)}%): ${m.text}`);
      lines.push(`      differences: ${formatDiff(m.diff)}`);
      for (const c of m.conflicts) lines.push(`      ⚠ ${c.kind}: ${describeConflict(c, HERE, m.outlet, { here: s.text, there: m.text })}`);
    }
    if (s.closeCall) lines.push(`    ≈ nearest, ${s.closeCall.outlet} (${Math.round(s.closeCall.score * 100)}%): ${s.closeCall.text}`);
  }
  lines.push('');
  lines.push('Summary');
  lines.push(`  sentences:        ${summary.sentences}`);
  lines.push(`  claims:           ${summary.claims}`);
  lines.push(`  corroborated:     ${summary.corroborated}`);
  lines.push(`  single-source:    ${summary.singleSource}`);
  lines.push(`  close calls:      ${summary.closeCalls}`);
  lines.push(`  conflicts:        ${summary.conflicts}`);
  lines.push(
    summary.outlets.length
      ? `  outlets covering this story: ${summary.outlets.join(', ')} (of ${report.corpusSize} in the corpus)`
      : `  no other outlet in the corpus (${report.corpusSize} articles) covers this story`,
  );
  return `${lines.join('\n')}\n`;
}
