import type { DiffPart } from '../lib/types';

interface Props {
  /** The word diff of the reader's sentence ("here") against the other outlet's ("there"). */
  diff: DiffPart[];
  /** The other outlet's sentence, verbatim; shown as is when the diff does not reproduce it. */
  text: string;
  outlet: string;
}

/**
 * The other outlet's wording, with the words that differ from this article marked.
 * All text goes through JSX text nodes: page and corpus text is never parsed as HTML.
 */
export function DiffText({ diff, text, outlet }: Props) {
  const parts = diff.filter((part) => part.side !== 'here');
  const rebuilt = parts.map((part) => part.text).join('');
  if (parts.length === 0 || rebuilt.replace(/\s+/g, ' ').trim() !== text.replace(/\s+/g, ' ').trim()) {
    return <span class="cb-diff">{text}</span>;
  }
  return (
    <span class="cb-diff">
      {parts.map((part, i) =>
        part.side === 'there' ? (
          <ins key={i} class="cb-there" title={`Only in ${outlet}'s wording`}>
            {part.text}
          </ins>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </span>
  );
}
