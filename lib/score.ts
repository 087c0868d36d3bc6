/**
 * The same-point score: a logistic combination of pair features, so the result is a probability-like
 * confidence in [0, 1]. The weights are fitted by `npm run fit` (logistic regression on the gold
 * annotation, checked with leave-one-outlet-out cross-validation) and kept in weights.json.
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
}

/** The feature vector the weights apply to (order matters: it matches weights.json). */
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
  ];
}

export const FEATURE_NAMES = [
  'bias', 'sharedMass', 'softMass', 'coverageMax', 'coverageMin', 'clauseCoverage',
  'run3', 'run5', 'run8', 'sharedNumbers', 'mass×coverageMin',
];

export function logistic(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

export function scoreWith(w: readonly number[], f: PairFeatures): number {
  const x = featureVector(f);
  let z = 0;
  for (let i = 0; i < x.length; i++) z += (w[i] ?? 0) * x[i]!;
  return logistic(z);
}

export const SHIPPED_WEIGHTS: readonly number[] = weights.weights;
