/**
 * `npm run bench` — the performance figures of issue 5, printed as tables (or, with --json, as one
 * JSON object for tracking). Medians over repeated runs after a warm-up, with the spread.
 *
 *   npm run bench                        all parts
 *   npm run bench -- --json              one JSON object on stdout (progress goes to stderr)
 *   npm run bench -- --sizes 1,10,100    scale part on these sizes only (default 1,10,100,1000)
 *   npm run bench -- --runs 5            repetitions per page stage (default 10)
 *   npm run bench -- --skip pages,scale,browser,bundle
 */
import os from 'node:os';
import { loadBundledCorpus } from '../../bin/corpus';
import { runPages, STAGES, type PagesResult } from './pages';
import { runScale, type ScaleReport } from './scale';
import { bundleSizes, type BundleReport } from './bundle';
import { runBrowser, type BrowserReport } from './browser';
import { bytes, collectGarbage, machine, ms, spread, table, type Machine } from './stats';

interface Options {
  json: boolean;
  sizes: number[];
  runs: number;
  skip: Set<string>;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { json: false, sizes: [1, 10, 100, 1000], runs: 10, skip: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') options.json = true;
    else if (arg === '--sizes') options.sizes = (argv[++i] ?? '').split(',').map(Number).filter((n) => n > 0);
    else if (arg === '--runs') options.runs = Math.max(1, Number(argv[++i]) || 10);
    else if (arg === '--skip') for (const part of (argv[++i] ?? '').split(',')) options.skip.add(part.trim());
    else throw new Error(`bench: unknown argument "${arg}" (see tests/bench/run.ts)`);
  }
  return options;
}

interface BenchReport {
  machine: Machine & { loadAverage: number[]; gcExposed: boolean };
  date: string;
  pages: PagesResult | null;
  scale: ScaleReport | null;
  browser: BrowserReport | null;
  bundle: BundleReport | null;
}

const ok = (met: boolean): string => (met ? 'met' : 'MISSED');

function printPages(r: PagesResult): string[] {
  const out = [`## 1. Per stage on real pages (median (min–p95) of ${r.runs} runs after ${r.warmup} warm-up; bundled corpus)`, ''];
  const header = ['page', 'KB', 'sent.', ...STAGES, 'after/extr.'];
  out.push(
    table(
      header,
      r.pages.map((p) => [
        `${p.name}${p.language && p.language !== 'en' ? ` (${p.language})` : ''}`,
        (p.htmlBytes / 1024).toFixed(0),
        `${p.matched}/${p.sentences}`,
        ...STAGES.map((s) => spread(p.stages[s])),
        p.ratio.toFixed(2),
      ]),
    ),
  );
  out.push(
    '',
    'parse = linkedom parseHtml (Node only; the browser has the DOM already) · floor = TreeWalker over the body\'s text nodes ·',
    'extraction = Readability (extractArticle) · segmentation = articleSentences · claims = judgeClaim over story sentences ·',
    'matching = findSelfInCorpus + matching the story sentences as analyze does (matchSentences) · comparison = compareSentences over the matches the report keeps ·',
    'analyze = the whole of lib/report analyze() (segmentation … comparison, for reference). sent. = story/all sentences.',
    '',
    `Budget: (segmentation + claims + matching + comparison) / extraction, median over pages = ${r.medianRatio.toFixed(2)} (≤ ${r.budget}) → ${ok(r.medianRatio <= r.budget)}`,
  );
  return out;
}

function printScale(r: ScaleReport): string[] {
  const out = [
    `## 2. Scale (synthetic corpora, seed ${r.seed}, generator v${r.generatorVersion}; index built without WordNet relations)`,
    '',
  ];
  out.push(
    table(
      ['corpus', 'articles', 'sentences', 'terms', 'build', 'JSON', 'gzip', 'JSON.parse', 'loadCorpusIndex', 'heap (index)', 'analyze/article', 'match/article', 'corrob.', 'n'],
      r.results.map((x) => [
        x.label,
        String(x.articles),
        String(x.sentences),
        String(x.terms),
        ms(x.build.median),
        bytes(x.jsonBytes),
        bytes(x.gzipBytes),
        spread(x.parse),
        spread(x.load),
        `${x.heapMB.toFixed(0)} MB (${x.indexHeapMB.toFixed(1)} MB)`,
        `${ms(x.analyze.median)} (p95 ${ms(x.analyze.p95)})`,
        `${ms(x.match.median)} (p95 ${ms(x.match.p95)})`,
        `${(x.corroborated * 100).toFixed(0)}%`,
        String(x.queries),
      ]),
    ),
  );
  out.push(
    '',
    'Per article: median and p95 over n query articles (synthetic, 40 sentences, by another outlet on events of the corpus; n < 20 when',
    'the 60 s matching time cap stopped early; for "bundled", its 5 real articles, each excluded from itself).',
    'analyze = lib/report analyze() end to end; match = matching alone (matchSentences, as analyze).',
    'heap = process heapUsed after GC with the loaded index held; (index) = what loading the index added. corrob. = share of sentences corroborated.',
  );
  const k = r.results.find((x) => x.scale === 1000);
  if (k) {
    out.push(
      '',
      `Budget at 1000×: matching ${ms(k.match.median)} per article (≤ ${r.budget.matchMedianMs} ms) → ${ok(k.match.median <= r.budget.matchMedianMs)} ` +
        `(analyze end to end, with the comparisons: ${ms(k.analyze.median)}); ` +
        `load ${ms(k.loadTotalMs)} (≤ ${r.budget.loadMs / 1000} s) → ${ok(k.loadTotalMs <= r.budget.loadMs)}; ` +
        `heap ${k.indexHeapMB.toFixed(0)} MB for the index, ${k.heapMB.toFixed(0)} MB in all (≤ ${r.budget.heapMB} MB) → ${ok(k.heapMB <= r.budget.heapMB)}`,
    );
  }
  if (r.growthExponent !== null) {
    out.push(`Per-article time grows as corpus^${r.growthExponent.toFixed(2)} from 1× to 1000× (0 = flat, 1 = linear).`);
  }
  return out;
}

function printBrowser(r: BrowserReport): string[] {
  const out = ['## 3. In the browser (Chromium and Firefox ESR, extension loaded, seed article on localhost)', ''];
  if (!r.measured) return [...out, `in-browser: not measured (${r.reason})`];
  out.push(
    table(
      ['figure', 'median (min–p95)', 'budget', ''],
      r.figures.map((f) => [f.name, f.timing ? spread(f.timing) : f.value ?? '–', f.budget, f.met === null ? '' : ok(f.met)]),
    ),
  );
  out.push('', ...r.notes);
  return out;
}

function printBundle(r: BundleReport): string[] {
  const out = ['## 4. Bundle sizes (.output/chrome-mv3, gzip)', ''];
  if (!r.built) return [...out, `not built (${r.dir} is missing; run \`npm run build\`)`];
  out.push(
    table(
      ['part', 'raw', 'gzip', 'budget', '', 'files'],
      r.entries.map((e) => [
        e.name,
        bytes(e.rawBytes),
        bytes(e.gzipBytes),
        e.budget === null ? '–' : bytes(e.budget),
        e.budget === null ? '' : ok(e.gzipBytes <= e.budget),
        e.files.join(' '),
      ]),
    ),
  );
  out.push('', `built ${r.builtAt}`);
  return out;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const report: BenchReport = {
    machine: { ...machine(), loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100), gcExposed: collectGarbage() },
    date: new Date().toISOString(),
    pages: null,
    scale: null,
    browser: null,
    bundle: null,
  };
  const m = report.machine;
  const head = [
    `# Corroborate benchmark — ${report.date}`,
    `machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, node ${m.node}, ${m.platform}; load average ${m.loadAverage.join(' ')} at start` +
      (m.gcExposed ? '' : ' (no --expose-gc: heap figures include garbage)'),
    '',
  ];
  if (!options.json) console.log(head.join('\n'));

  if (!options.skip.has('pages')) {
    log('part 1: stages on real pages…');
    report.pages = runPages(loadBundledCorpus(), options.runs, 2, log);
    if (!options.json) console.log([...printPages(report.pages), ''].join('\n'));
  }
  if (!options.skip.has('scale')) {
    log('part 2: scale…');
    report.scale = runScale({ sizes: options.sizes, log });
    if (!options.json) console.log([...printScale(report.scale), ''].join('\n'));
  }
  if (!options.skip.has('browser')) {
    log('part 3: in the browser…');
    report.browser = await runBrowser(log);
    if (!options.json) console.log([...printBrowser(report.browser), ''].join('\n'));
  }
  if (!options.skip.has('bundle')) {
    report.bundle = bundleSizes();
    if (!options.json) console.log([...printBundle(report.bundle), ''].join('\n'));
  }
  if (options.json) console.log(JSON.stringify(report, null, 2));
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
