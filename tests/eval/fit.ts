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
import { collectCandidates, contextVectors, scoreCandidates, type Candidate } from '../../lib/match';
import { articleSentences } from '../../lib/report';
import { CONTEXT_NAMES, FEATURE_GROUPS, FEATURE_NAMES, linear, logistic, treeValue, type Model, type Tree } from '../../lib/score';
import { evaluate, loadGold, loadGoldArticles, sumFigures, type Figures } from './evaluate';
import { formatFigures } from './run';

const root = resolve(import.meta.dirname, '../..');

interface Example extends Candidate {
  hereDoc: string;
  thereDoc: string;
  /** 1 same point, 0 not, null when the reader's sentence carries no annotated point (context only). */
  y: number | null;
}

/**
 * Candidate pairs exactly as the matcher sees them when it reads each seed (every sentence of the
 * article at once, boilerplate skipped), labelled by the gold where the reader's sentence carries points.
 */
export function collectExamples(corpus: CorpusIndex): Example[][] {
  const gold = loadGold();
  const articles = loadGoldArticles(gold);
  const pointsOf = new Map<string, { ids: Set<string>; text: string; boilerplate: boolean }[]>();
  for (const [doc, a] of articles) {
    const text = articleFromText(a.text).text;
    const spans = gold.points.flatMap((p) =>
      p.mentions.filter((m) => m.doc === doc).map((m) => ({ id: p.id, start: text.indexOf(m.snippet), end: text.indexOf(m.snippet) + m.snippet.length })),
    );
    const sentences = articleSentences(articleFromText(a.text));
    pointsOf.set(
      doc,
      sentences.map((s) => ({ text: s.text, boilerplate: s.boilerplate, ids: new Set(spans.filter((m) => m.start < s.end && s.start < m.end).map((m) => m.id)) })),
    );
  }
  const byDoc: Example[][] = [];
  for (const [doc, sentences] of pointsOf) {
    const self = corpus.articles.findIndex((a) => a.id === doc);
    const candidates = collectCandidates(sentences.map((s) => (s.boilerplate ? '' : s.text)), corpus, { excludeArticle: self });
    byDoc.push(
      candidates.map((c) => {
        const q = sentences[c.query]!;
        const there = corpus.sentences[c.sentence]!;
        const thereDoc = corpus.articles[c.article]!.id;
        const labelled = pointsOf.get(thereDoc)?.find((s) => s.text === there.text && !s.boilerplate);
        const y = q.ids.size === 0 ? null : labelled && [...q.ids].some((id) => labelled.ids.has(id)) ? 1 : 0;
        return { ...c, hereDoc: doc, thereDoc, y };
      }),
    );
  }
  return byDoc;
}

type Labelled = { x: number[]; y: number };

/**
 * Feature groups the shipped model leaves out (none now: the soft-match mass, left out while removing
 * it raised held-out F1, raises it since amounts are compared; see `--ablation`).
 */
export const GROUPS_LEFT_OUT: string[] = [];

const ALL_NAMES = [...FEATURE_NAMES, ...CONTEXT_NAMES];
const maskOf = (groups: string[]) => new Set(groups.flatMap((g) => FEATURE_GROUPS[g]!.map((n) => ALL_NAMES.indexOf(n))));
export const DEFAULT_MASK = maskOf(GROUPS_LEFT_OUT);

/** Fits both stages on the given documents' examples, leaving out every pair that involves `held`. */
export function fitModel(byDoc: Example[][], held: string | null, mask: Set<number> = DEFAULT_MASK, l2 = 3): Model {
  const masked = (x: number[]) => (mask.size ? x.map((v, i) => (mask.has(i) ? 0 : v)) : x);
  const usable = (e: Example) => e.y !== null && e.hereDoc !== held && e.thereDoc !== held;
  const all = byDoc.flat();
  const pair = fitLogistic(all.filter(usable).map((e) => ({ x: masked(e.base), y: e.y! })), l2);
  const train: Labelled[] = [];
  for (const examples of byDoc) {
    const first = examples.map((e) => linear(pair, masked(e.base)));
    const contexts = contextVectors(examples, first);
    examples.forEach((e, i) => {
      if (usable(e)) train.push({ x: masked([...e.base, ...contexts[i]!]), y: e.y! });
    });
  }
  const context = fitLogistic(train, l2);
  // Boosted trees on top were measured (`--trees N`) and did not raise held-out figures; off by default.
  const at = process.argv.indexOf('--trees');
  const rounds = at >= 0 ? Number(process.argv[at + 1]) : 0;
  if (!rounds) return { pair, context };
  return { pair, context, trees: fitBoostedTrees(train, train.map((e) => linear(context, e.x)), rounds) };
}

/**
 * Gradient boosting (Newton steps on the logistic loss) of depth-2 trees on top of a linear logit:
 * shrinkage, a minimum leaf weight and L2 on leaf values keep them small.
 */
export function fitBoostedTrees(examples: Labelled[], offset: number[], rounds: number, depth = 2, shrink = 0.1, minHess = 5, lambda = 5): Tree[] {
  const n = examples.length;
  const dims = examples[0]?.x.length ?? 0;
  const z = [...offset];
  // Candidate thresholds per column: up to 16 quantiles.
  const cuts = Array.from({ length: dims }, (_, f) => {
    const values = [...new Set(examples.map((e) => e.x[f]!))].sort((a, b) => a - b);
    if (values.length < 2) return [];
    const step = Math.max(1, Math.floor(values.length / 16));
    const out: number[] = [];
    for (let i = step; i < values.length; i += step) out.push((values[i - 1]! + values[i]!) / 2);
    return out;
  });
  const trees: Tree[] = [];
  for (let round = 0; round < rounds; round++) {
    const g = examples.map((e, i) => e.y - logistic(z[i]!));
    const h = examples.map((_, i) => {
      const p = logistic(z[i]!);
      return Math.max(1e-6, p * (1 - p));
    });
    const build = (rows: number[], level: number): Tree => {
      let G = 0;
      let H = 0;
      for (const i of rows) {
        G += g[i]!;
        H += h[i]!;
      }
      const leaf = (shrink * G) / (H + lambda);
      if (level >= depth) return leaf;
      let best: { gain: number; f: number; t: number } | null = null;
      const base = (G * G) / (H + lambda);
      for (let f = 0; f < dims; f++) {
        for (const t of cuts[f]!) {
          let GL = 0;
          let HL = 0;
          for (const i of rows) {
            if (examples[i]!.x[f]! <= t) {
              GL += g[i]!;
              HL += h[i]!;
            }
          }
          const GR = G - GL;
          const HR = H - HL;
          if (HL < minHess || HR < minHess) continue;
          const gain = (GL * GL) / (HL + lambda) + (GR * GR) / (HR + lambda) - base;
          if (gain > 1e-9 && (!best || gain > best.gain)) best = { gain, f, t };
        }
      }
      if (!best) return leaf;
      const left = rows.filter((i) => examples[i]!.x[best.f]! <= best.t);
      const right = rows.filter((i) => examples[i]!.x[best.f]! > best.t);
      return { f: best.f, t: best.t, l: build(left, level + 1), r: build(right, level + 1) };
    };
    const tree = build(Array.from({ length: n }, (_, i) => i), 0);
    trees.push(tree);
    for (let i = 0; i < n; i++) z[i]! += treeValue(tree, examples[i]!.x);
  }
  return trees;
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
export function fitLogistic(examples: Labelled[], l2 = 1, iterations = 25): number[] {
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

/** Leave-one-outlet-out: each outlet read with a model fitted without any pair involving it. */
export function leaveOneOutletOut(corpus: CorpusIndex, byDoc: Example[][], mask?: Set<number>, sensitivity?: number): Figures {
  const docs = [...new Set(byDoc.flat().map((e) => e.hereDoc))].sort();
  return sumFigures(docs.map((held) => evaluate(corpus, { model: fitModel(byDoc, held, mask), sensitivity }, [held])));
}

/**
 * Reliability of the score, held out: each outlet's labelled candidates scored by a model fitted without
 * any pair involving it, grouped by score, against the share that report the same point.
 */
export function heldOutCalibration(byDoc: Example[][]): string {
  const scored = byDoc.flatMap((examples) => {
    const scores = scoreCandidates(examples, fitModel(byDoc, examples[0]!.hereDoc));
    return examples.flatMap((e, i) => (e.y === null ? [] : [{ p: scores[i]!, y: e.y }]));
  });
  const edges = [0, 0.1, 0.3, 0.5, 0.7, 0.9, 1];
  let ece = 0;
  const lines = edges.slice(0, -1).flatMap((from, b) => {
    const to = edges[b + 1]!;
    const bin = scored.filter((s) => s.p >= from && (s.p < to || to === 1));
    if (!bin.length) return [];
    const mean = bin.reduce((a, s) => a + s.p, 0) / bin.length;
    const share = bin.reduce((a, s) => a + s.y, 0) / bin.length;
    ece += (bin.length / scored.length) * Math.abs(mean - share);
    return [`  ${from.toFixed(1)}–${to.toFixed(1)}  ${String(bin.length).padStart(5)} candidates  mean score ${mean.toFixed(3)}  same point ${share.toFixed(3)}`];
  });
  return [...lines, `  expected calibration error ${ece.toFixed(3)} over ${scored.length} candidates`].join('\n');
}

const short = (f: Figures) =>
  `P ${f.pairPrecision.toFixed(3)}  R ${f.pairRecall.toFixed(3)}  F1 ${f.pairF1.toFixed(3)}  ssP ${f.singleSourcePrecision.toFixed(3)}  ssR ${f.singleSourceRecall.toFixed(3)}`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const corpus = loadBundledCorpus();
  const byDoc = collectExamples(corpus);
  const flat = byDoc.flat().filter((e) => e.y !== null);
  console.log(`${flat.length} labelled candidate pairs, ${flat.filter((e) => e.y).length} positive`);

  console.log('\nLeave-one-outlet-out (held-out outlet read against the corpus, model fitted without it):');
  console.log(formatFigures(leaveOneOutletOut(corpus, byDoc)));
  console.log('\nCalibration, held out (score bins against the share of candidates that report the same point):');
  console.log(heldOutCalibration(byDoc));

  if (process.argv.includes('--ablation')) {
    console.log('\nAblation (feature group removed → leave-one-outlet-out figures):');
    const row = (label: string, groups: string[]) => console.log(`  ${label.padEnd(40)} ${short(leaveOneOutletOut(corpus, byDoc, maskOf(groups)))}`);
    row('shipped (all but those left out)', GROUPS_LEFT_OUT);
    for (const group of Object.keys(FEATURE_GROUPS)) {
      if (GROUPS_LEFT_OUT.includes(group)) row(`+ ${group} (added back)`, GROUPS_LEFT_OUT.filter((g) => g !== group));
      else row(`- ${group}`, [...GROUPS_LEFT_OUT, group]);
    }
    row('every feature', []);
    console.log('  (the sensitivity is the default; figures at other sensitivities: --sensitivity)');
  }
  if (process.argv.includes('--sensitivity')) {
    console.log('\nLeave-one-outlet-out by sensitivity:');
    for (const s of [0, 0.25, 0.5, 0.75, 1]) console.log(`  ${String(s).padEnd(5)} ${short(leaveOneOutletOut(corpus, byDoc, undefined, s))}`);
  }

  const model = fitModel(byDoc, null);
  console.log('\nWeights fitted on all outlets (pair stage | context stage):');
  ALL_NAMES.forEach((name, i) => console.log(`  ${name.padEnd(18)} ${(model.pair[i]?.toFixed(3) ?? '').padStart(7)} | ${model.context[i]!.toFixed(3).padStart(7)}`));
  console.log('\nIn-sample figures with these weights:');
  console.log(formatFigures(evaluate(corpus, { model })));
  if (process.argv.includes('--write')) {
    const file = join(root, 'lib/weights.json');
    const round = (w: readonly number[]) => w.map((v) => Math.round(v * 1000) / 1000);
    writeFileSync(
      file,
      `${JSON.stringify({ note: 'Fitted by `npm run fit -- --write` (tests/eval/fit.ts).', features: ALL_NAMES, pair: round(model.pair), context: round(model.context) }, null, 2)}\n`,
    );
    console.log(`\nwrote ${file}`);
  }
}
