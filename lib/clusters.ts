/**
 * Story clusters of the reader's corpus: articles that report the same story, found by the story
 * words they share: the names (people, places, organisations) written with a capital inside a
 * sentence. Each article is a TF-IDF vector of its names; two articles whose vectors
 * are close enough (cosine) are linked, and clusters are the connected groups (single linkage).
 * Simple on purpose: it is an overview for the options page, not the matcher.
 */
import { termOf, tokenize } from './text';

export interface ClusterInput {
  id: string;
  text: string;
  title?: string;
}

export interface StoryCluster {
  /** Article ids, in input order. */
  ids: string[];
  /** The words the cluster's articles share most (as written), for a label; empty for a lone article. */
  words: string[];
}

/**
 * Cosine similarity from which two articles are on the same story: on the bundled corpus, the fire
 * fixture and the real test pages, same-story pairs link from about 0.37, different stories stay under 0.2.
 * The matcher uses it too, on unweighted name vectors (namesVector): the real test pages stay under 0.22
 * against the seeds, texts of ten or more hand-written paraphrases of the story reach 0.34 and more.
 */
export const SAME_STORY = 0.27;

export function storyClusters(articles: ClusterInput[], threshold = SAME_STORY): StoryCluster[] {
  const surface = new Map<string, Map<string, number>>();
  const counts = articles.map((a) => nameCounts(`${a.title ?? ''}\n${a.text}`, surface));
  const df = new Map<string, number>();
  for (const tf of counts) for (const term of tf.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  const n = articles.length;
  // Names found in many articles weigh less, mildly (with two articles, both share their story's names).
  const vectors = counts.map((tf) => unitVector(tf, (term) => Math.log(1 + n / df.get(term)!)));

  const parent = articles.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (cosine(vectors[i]!, vectors[j]!) >= threshold) parent[find(i)] = find(j);
    }
  }
  const groups = new Map<number, number[]>();
  articles.forEach((_, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), i]);
  });

  const clusters = [...groups.values()].map((members) => {
    const words: string[] = [];
    if (members.length > 1) {
      const weight = new Map<string, number>();
      for (const i of members) for (const [term, w] of vectors[i]!) weight.set(term, (weight.get(term) ?? 0) + w);
      const shared = [...weight]
        .filter(([term]) => members.filter((i) => vectors[i]!.has(term)).length >= Math.max(2, Math.ceil(members.length / 2)))
        .sort((a, b) => b[1] - a[1])
        .slice(0, 5);
      for (const [term] of shared) {
        const forms = [...surface.get(term)!].sort((a, b) => b[1] - a[1]);
        words.push(forms[0]![0]);
      }
    }
    return { ids: members.map((i) => articles[i]!.id), words };
  });
  // Biggest stories first; lone articles last.
  return clusters.sort((a, b) => b.ids.length - a.ids.length);
}

/**
 * The names of a text counted by term: words capitalised inside a sentence (not after . ! ? or a line
 * break or quote), numbers and calendar words left out. `surface` collects their written forms.
 */
export function nameCounts(text: string, surface?: Map<string, Map<string, number>>): Map<string, number> {
  const tf = new Map<string, number>();
  for (const token of tokenize(text)) {
    if (!/^\p{Lu}/u.test(token.raw) || /(?:^|[.!?:\n"“‘(]\s*)$/u.test(text.slice(Math.max(0, token.start - 3), token.start))) continue;
    const term = termOf(token.word);
    if (!term || /^\d/.test(term) || CALENDAR.has(token.word)) continue;
    tf.set(term, (tf.get(term) ?? 0) + 1);
    if (surface) {
      const forms = surface.get(term) ?? new Map<string, number>();
      forms.set(token.raw, (forms.get(token.raw) ?? 0) + 1);
      surface.set(term, forms);
    }
  }
  return tf;
}

/** A text's names as a unit vector, each weighted 1 + log(count): for telling whether two texts share a story. */
export function namesVector(text: string): Map<string, number> {
  return unitVector(nameCounts(text));
}

/** Counts as a unit vector, each weighted (1 + log(count)) × factor(term). */
function unitVector(counts: Map<string, number>, factor: (term: string) => number = () => 1): Map<string, number> {
  const v = new Map<string, number>();
  let norm = 0;
  for (const [term, count] of counts) {
    const w = (1 + Math.log(count)) * factor(term);
    v.set(term, w);
    norm += w * w;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [term, w] of v) v.set(term, w / norm);
  return v;
}

const CALENDAR = new Set([
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march',
  'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
]);

export function cosine(a: Map<string, number>, b: Map<string, number>): number {
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [term, w] of small) dot += w * (large.get(term) ?? 0);
  return dot;
}
