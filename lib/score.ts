/**
 * The same-point score, in two stages, each a logistic combination so the result is a probability-like
 * confidence in [0, 1]:
 *  1. `pair`: from the evidence of the two sentences alone (featureVector);
 *  2. `context`: the same evidence plus how the pair stands against its rivals — the other sentences of
 *     the same outlet for this reader sentence, and the reader's other sentences for this corpus
 *     sentence (competitive linking: a point is usually reported once per outlet).
 * The weights are fitted by `npm run fit` (logistic regression on the gold annotation, checked with
 * leave-one-outlet-out cross-validation) and kept in weights.json.
 */
import weights from './weights.json';

export interface PairFeatures {
  /** Sum of the inverse document frequencies of shared terms, in units of the rarest possible term. */
  sharedMass: number;
  /** The same for terms aligned only softly (related words, same word family), before the soft weight. */
  softMass: number;
  /** Share of the reader's sentence's term weight that the other sentence also has. */
  coverageHere: number;
  /** Share of the other sentence's term weight that the reader's sentence also has. */
  coverageThere: number;
  /** Coverage of the best-covered clause of either sentence, damped when it holds little weight. */
  clauseCoverage: number;
  /** Longest verbatim run of shared words (quotes). */
  sharedRun: number;
  /** Shared numbers (digits or number words). */
  sharedNumbers: number;
  /** 1 when both sentences state numbers and share none. */
  numbersDiffer: number;
  /** Aligned weight of the reader's words that are not names or numbers (what is said, not who). */
  predicateMass: number;
  /** The smaller of the two sentences' coverage of their non-name, non-number weight. */
  predicateCoverage: number;
  /** Weight of names (capitalised inside the sentence) on either side that the other lacks. */
  namesMissed: number;
  /** Weighted overlap of the best-matching pair of clauses, damped when light. */
  clausePair: number;
  /** 1 when the best-matching clauses differ in negation ("took questions" / "without taking questions"). */
  polarityDiffers: number;
  /** Longest shared run of words inside quotation marks on at least one side (the same quote). */
  quotedRun: number;
  /** Amounts both state compatibly: the same kind of measure, readings that overlap (lib/amounts.ts agreeingAmounts). */
  amountsAgree: number;
  /** Which of the reader's clauses the other sentence covers (bit mask; not a model input). */
  readerClauses: number;
}

/** The first-stage input vector (order matters: it matches weights.json). */
export function featureVector(f: PairFeatures): number[] {
  const covMax = Math.max(f.coverageHere, f.coverageThere);
  const covMin = Math.min(f.coverageHere, f.coverageThere);
  // Verbatim runs matter in steps: a shared phrase (3+ words), a shared quote (5+), a long quote (8+).
  return [
    1,
    Math.min(f.sharedMass, 6),
    Math.min(f.softMass, 3),
    covMax,
    covMin,
    f.clauseCoverage,
    f.sharedRun >= 3 ? 1 : 0,
    f.sharedRun >= 5 ? 1 : 0,
    f.sharedRun >= 8 ? 1 : 0,
    Math.min(f.sharedNumbers, 2),
    Math.min(f.sharedMass, 6) * covMin,
    f.numbersDiffer,
    Math.min(f.predicateMass, 4),
    f.predicateCoverage,
    Math.min(f.namesMissed, 4),
    f.clausePair,
    f.quotedRun >= 3 ? 1 : 0,
    Math.min(f.quotedRun, 12) / 12,
    f.polarityDiffers,
    Math.min(f.amountsAgree, 1),
  ];
}

export const FEATURE_NAMES = [
  'bias', 'sharedMass', 'softMass', 'coverageMax', 'coverageMin', 'clauseCoverage',
  'run3', 'run5', 'run8', 'sharedNumbers', 'mass×coverageMin',
  'numbersDiffer', 'predicateMass', 'predicateCoverage', 'namesMissed', 'clausePair',
  'quoted3', 'quotedRun', 'polarityDiffers', 'amountsAgree',
];

/** Logit gaps are clipped here: beyond it a rival is simply far better. */
const GAP_FLOOR = -4;

/** Second-stage additions: the pair's first-stage logit against the best rival in each direction. */
export function contextVector(z: number, bestInOutlet: number, bestForSentence: number, via: number): number[] {
  return [
    Math.max(-8, Math.min(8, z)),
    Math.max(GAP_FLOOR, z - bestInOutlet),
    z >= bestInOutlet ? 1 : 0,
    Math.max(GAP_FLOOR, z - bestForSentence),
    z >= bestForSentence ? 1 : 0,
    via,
  ];
}

export const CONTEXT_NAMES = ['pairLogit', 'gapInOutlet', 'bestInOutlet', 'gapForSentence', 'bestForSentence', 'viaOtherOutlet'];

/** Feature groups, for ablation: name → columns of the second-stage vector. */
export const FEATURE_GROUPS: Record<string, string[]> = {
  'shared words': ['sharedMass', 'coverageMax', 'coverageMin', 'mass×coverageMin'],
  'soft (WordNet, word family)': ['softMass'],
  clauses: ['clauseCoverage', 'clausePair'],
  'verbatim runs': ['run3', 'run5', 'run8'],
  'quoted runs': ['quoted3', 'quotedRun'],
  negation: ['polarityDiffers'],
  numbers: ['sharedNumbers', 'numbersDiffer'],
  'amounts alike': ['amountsAgree'],
  'names vs predicate': ['predicateMass', 'predicateCoverage', 'namesMissed'],
  'context (competitive linking)': ['gapInOutlet', 'bestInOutlet', 'gapForSentence', 'bestForSentence'],
  'support via another outlet': ['viaOtherOutlet'],
};

export interface Model {
  /** First-stage weights over featureVector. */
  pair: readonly number[];
  /** Second-stage weights over featureVector followed by contextVector. */
  context: readonly number[];
  /** Optional boosted trees added to the second stage's logit (small interactions a linear score misses). */
  trees?: readonly Tree[];
}

/** A regression tree over the second-stage vector: a leaf value, or a split on one column. */
export type Tree = number | { f: number; t: number; l: Tree; r: Tree };

export function treeValue(tree: Tree, x: readonly number[]): number {
  let node = tree;
  while (typeof node !== 'number') node = x[node.f]! <= node.t ? node.l : node.r;
  return node;
}

/** The second-stage logit of a full vector (featureVector then contextVector). */
export function secondStage(model: Model, x: readonly number[]): number {
  let z = linear(model.context, x);
  for (const tree of model.trees ?? []) z += treeValue(tree, x);
  return z;
}

export function logistic(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

export function linear(w: readonly number[], x: readonly number[]): number {
  let z = 0;
  for (let i = 0; i < x.length; i++) z += (w[i] ?? 0) * x[i]!;
  return z;
}

export const SHIPPED_MODEL: Model = { pair: weights.pair, context: weights.context, trees: (weights as { trees?: Tree[] }).trees };
