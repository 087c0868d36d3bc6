/**
 * `npm run fit` — fits the same-point score's weights (logistic regression over the pair features of
 * retrieved candidates, labelled by the gold standard) and reports leave-one-outlet-out figures:
 * for each outlet, weights fitted without any pair that involves it, then that outlet read against
 * the corpus. Writes lib/weights.json only with --write.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadBundledCorpus } from '../../bin/corpus';
import type { CorpusIndex } from '../../lib/corpus';
import { articleFromText } from '../../lib/extract';
import { pairFeatures, prepareSentence } from '../../lib/match';
import { articleSentences } from '../../lib/report';
import { FEATURE_NAMES, featureVector, logistic } from '../../lib/score';
import { evaluate, loadGold, loadGoldArticles, type Figures } from './evaluate';
import { formatFigures } from './run';

const root = resolve(import.meta.dirname, '../..');

interface Example {
  hereDoc: string;
  thereDoc: string;
  x: number[];
  y: number;
}

/** Candidate pairs as the matcher sees them (retrieved, then featurised), labelled by the gold. */
export function collectExamples(corpus: CorpusIndex): Example[] {
  const gold = loadGold();
  const articles = loadGoldArticles(gold);
  const examples: Example[] = [];
  const pointsOf = new Map<string, { ids: Set<string>; text: string }[]>();
  for (const [doc, a] of articles) {
    const text = articleFromText(a.text).text;
    const spans = gold.points.flatMap((p) =>
      p.mentions.filter((m) => m.doc === doc).map((m) => ({ id: p.id, start: text.indexOf(m.snippet), end: text.indexOf(m.snippet) + m.snippet.length })),
    );
    const sentences = articleSentences(articleFromText(a.text)).filter((s) => !s.boilerplate);
    pointsOf.set(
      doc,
      sentences.map((s) => ({ text: s.text, ids: new Set(spans.filter((m) => m.start < s.end && s.start < m.end).map((m) => m.id)) })),
    );
  }
  for (const [doc, sentences] of pointsOf) {
    const self = corpus.articles.findIndex((a) => a.id === doc);
    for (const q of sentences) {
      if (q.ids.size === 0) continue;
      const here = prepareSentence(q.text);
      const hits = corpus.search.search(q.text, { combineWith: 'OR', filter: (r) => corpus.sentences[r.id as number]?.article !== self }).slice(0, 40);
      for (const hit of hits) {
        const c = corpus.sentences[hit.id as number]!;
        const thereDoc = corpus.articles[c.article]!.id;
        const labelled = pointsOf.get(thereDoc)?.find((s) => s.text === c.text);
        const y = labelled && [...q.ids].some((id) => labelled.ids.has(id)) ? 1 : 0;
        examples.push({ hereDoc: doc, thereDoc, x: featureVector(pairFeatures(corpus, here, prepareSentence(c.text))), y });
      }
    }
  }
  return examples;
}

/** Solves A x = b by Gaussian elimination with partial pivoting (A is small and symmetric positive definite). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[pivot]![c]!)) pivot = r;
    [m[c], m[pivot]] = [m[pivot]!, m[c]!];
    for (let r = c + 1; r < n; r++) {
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let sum = m[r]![n]!;
    for (let k = r + 1; k < n; k++) sum -= m[r]![k]! * x[k]!;
    x[r] = sum / m[r]![r]!;
  }
  return x;
}

/** L2-regularised logistic regression by Newton's method (few features, so it converges in a few steps). */
export function fitLogistic(examples: Example[], l2 = 1, iterations = 25): number[] {
  const dims = examples[0]?.x.length ?? FEATURE_NAMES.length;
  let w = new Array<number>(dims).fill(0);
  for (let it = 0; it < iterations; it++) {
    const grad = w.map((wi, i) => (i === 0 ? 0 : l2 * wi));
    const hess = Array.from({ length: dims }, (_, i) => Array.from({ length: dims }, (_, j) => (i === j && i > 0 ? l2 : 0)));
    for (const e of examples) {
      const p = logistic(e.x.reduce((z, xi, i) => z + xi * w[i]!, 0));
      const v = p * (1 - p);
      for (let i = 0; i < dims; i++) {
        grad[i]! += (p - e.y) * e.x[i]!;
        for (let j = 0; j < dims; j++) hess[i]![j]! += v * e.x[i]! * e.x[j]!;
      }
    }
    const step = solve(hess, grad);
    w = w.map((wi, i) => wi - step[i]!);
    if (Math.max(...step.map(Math.abs)) < 1e-6) break;
  }
  return w;
}

function sumFigures(folds: Figures[]): Figures {
  const counts: Record<string, number> = {};
  for (const f of folds) for (const [k, v] of Object.entries(f.counts)) counts[k] = (counts[k] ?? 0) + v;
  const r = (n: string, d: string) => (counts[d] ? counts[n]! / counts[d]! : 0);
  const p = r('pairCorrect', 'pairMade');
  const rec = r('pairFound', 'pairUnits');
  return {
    pairPrecision: p,
    pairRecall: rec,
    pairF1: p + rec ? (2 * p * rec) / (p + rec) : 0,
    singleSourcePrecision: r('ssCorrect', 'ssFlagged'),
    singleSourceRecall: r('ssFound', 'ssUnits'),
    conflictRecall: NaN,
    counts,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const corpus = loadBundledCorpus();
  const examples = collectExamples(corpus);
  console.log(`${examples.length} candidate pairs, ${examples.filter((e) => e.y).length} positive`);
  const docs = [...new Set(examples.map((e) => e.hereDoc))].sort();
  const folds = docs.map((held) => {
    const w = fitLogistic(examples.filter((e) => e.hereDoc !== held && e.thereDoc !== held));
    return evaluate(corpus, { weights: w }, [held]);
  });
  console.log('\nLeave-one-outlet-out (held-out outlet read against the corpus, weights fitted without it):');
  console.log(formatFigures(sumFigures(folds)).split('\n').filter((l) => !l.startsWith('conflict') && !l.startsWith('seeds')).join('\n'));

  const weights = fitLogistic(examples);
  console.log('\nWeights fitted on all outlets:');
  FEATURE_NAMES.forEach((name, i) => console.log(`  ${name.padEnd(14)} ${weights[i]!.toFixed(3)}`));
  console.log('\nIn-sample figures with these weights:');
  console.log(formatFigures(evaluate(corpus, { weights })));
  if (process.argv.includes('--write')) {
    const file = join(root, 'lib/weights.json');
    const rounded = weights.map((w) => Math.round(w * 1000) / 1000);
    writeFileSync(file, `${JSON.stringify({ note: 'Fitted by `npm run fit -- --write` (tests/eval/fit.ts).', features: FEATURE_NAMES, weights: rounded }, null, 2)}\n`);
    console.log(`\nwrote ${file}`);
  }
}
