/**
 * The command line end to end: `bin/analyze.ts` run in a child process, as `npm run analyze` runs it.
 * Node with tsx's loader rather than `npx tsx`, so that nothing but the program writes to stderr.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCorpusFolder } from '../../bin/corpus';
import { MAX_ARTICLE_CHARS } from '../../lib/extract';
import type { CorpusArticle } from '../../lib/types';

const ROOT = path.resolve(__dirname, '../..');
const SEEDS = '../shared/seeds';
const seed = (id: string): string => path.join(SEEDS, readdirSync(path.join(ROOT, SEEDS)).find((f) => f.startsWith(`${id}_`))!);

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the command line; resolves (never rejects) with its exit status and output. */
function analyze(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', 'bin/analyze.ts', ...args],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '', FORCE_COLOR: '0' } },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') reject(error); // could not run at all
        else resolve({ status: child.exitCode, stdout, stderr });
      },
    );
  });
}

/** The JSON shape the issue specifies (extra fields are allowed). */
interface JsonReport {
  article: { title: string | null; text: string; corpusId: string | null };
  sentences: {
    text: string;
    start: number;
    end: number;
    claim: boolean;
    status: string;
    matches: { articleId: string; outlet: string; text: string; score: number; conflicts: { kind: string; here: string; there: string }[] }[];
  }[];
  summary: { sentences: number; claims: number; corroborated: number; singleSource: number; conflicts: number; outlets: string[] };
}

let corpusTexts: Map<string, CorpusArticle>;
const temp = mkdtempSync(path.join(tmpdir(), 'corroborate-cli-'));
beforeAll(() => {
  corpusTexts = new Map(readCorpusFolder(path.join(ROOT, 'corpus/articles')).map((a) => [a.id, a]));
});
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Parses stdout as exactly one JSON object (one line, nothing around it) and checks the issue's shape. */
function expectJsonReport(run: Run): JsonReport {
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const lines = run.stdout.split('\n');
  expect(lines).toHaveLength(2);
  expect(lines[1]).toBe('');
  const report = JSON.parse(lines[0]!) as JsonReport;
  expect(typeof report).toBe('object');

  const { article, sentences, summary } = report;
  expect(article.title === null || typeof article.title === 'string').toBe(true);
  expect(typeof article.text).toBe('string');
  expect(article.corpusId === null || typeof article.corpusId === 'string').toBe(true);
  expect(sentences.length).toBeGreaterThan(0);
  for (const s of sentences) {
    expect(s.text).toBe(article.text.slice(s.start, s.end));
    expect(typeof s.claim).toBe('boolean');
    expect(['corroborated', 'single-source', 'unchecked']).toContain(s.status);
    expect(s.status === 'corroborated').toBe(s.matches.length > 0);
    for (const m of s.matches) {
      expect(m.articleId).not.toBe(article.corpusId);
      const other = corpusTexts.get(m.articleId);
      expect(other, `match to unknown corpus article ${m.articleId}`).toBeDefined();
      expect(m.outlet).toBe(other!.outlet);
      expect(other!.text).toContain(m.text);
      expect(typeof m.score).toBe('number');
      expect(m.score).toBeGreaterThanOrEqual(0);
      expect(m.score).toBeLessThanOrEqual(1);
      expect(Array.isArray(m.conflicts)).toBe(true);
      for (const c of m.conflicts) {
        expect(typeof c.kind).toBe('string');
        expect(typeof c.here).toBe('string');
        expect(typeof c.there).toBe('string');
      }
    }
  }
  for (const key of ['sentences', 'claims', 'corroborated', 'singleSource', 'conflicts'] as const) {
    expect(typeof summary[key]).toBe('number');
  }
  expect(summary.sentences).toBe(sentences.length);
  expect(summary.claims).toBe(sentences.filter((s) => s.claim).length);
  expect(summary.corroborated).toBe(sentences.filter((s) => s.status === 'corroborated').length);
  expect(summary.singleSource).toBe(sentences.filter((s) => s.status === 'single-source').length);
  expect(Array.isArray(summary.outlets)).toBe(true);
  for (const outlet of summary.outlets) expect(typeof outlet).toBe('string');
  return report;
}

/** A failed run: non-zero exit, nothing on stdout, one line on stderr, no stack trace. */
function expectCleanFailure(run: Run, message: RegExp): void {
  expect(run.status).not.toBe(0);
  expect(run.stdout).toBe('');
  expect(run.stderr.endsWith('\n')).toBe(true);
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(run.stderr).not.toContain('    at ');
  expect(run.stderr).toMatch(message);
}

/** A news page around seed 002's paragraphs: navigation, ads, a promo box, a footer. */
function seedPage(): string {
  const paragraphs = readFileSync(path.join(ROOT, seed('002')), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Trump-Putin summit ends without a deal | Example Daily</title>
  <meta property="og:site_name" content="Example Daily">
  <meta property="article:published_time" content="2025-08-15T23:10:00Z">
  <script>window.dataLayer = [];</script>
  <style>.ad { height: 250px }</style>
</head>
<body>
  <header>
    <a href="/">Example Daily</a>
    <nav><ul><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li><li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li></ul></nav>
    <form role="search"><input name="q" placeholder="Search"><button>Go</button></form>
  </header>
  <div class="ad" id="top-banner">Advertisement</div>
  <main>
    <article>
      <h1>Trump-Putin summit ends without a deal</h1>
      <p class="byline">By Staff Reporter · 15 August 2025</p>
      <figure><img src="/summit.jpg" alt=""><figcaption>The leaders in Anchorage.</figcaption></figure>
${paragraphs.map((p) => `      <p>${escape(p)}</p>`).join('\n')}
    </article>
    <aside class="related"><h2>Most read</h2><ul><li><a href="/a">Ten gadgets for the summer</a></li><li><a href="/b">Local team wins cup final</a></li></ul></aside>
  </main>
  <div class="ad">Advertisement</div>
  <footer><p>© 2025 Example Daily. All rights reserved.</p><a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer>
</body>
</html>
`;
}

// Each run starts Node and loads the corpus: allow for a busy machine (a limit, not a speed check).
describe.concurrent('analyze (command line)', { timeout: 120_000 }, () => {
  it('prints a readable report with the summary for a seed text file', async () => {
    const run = await analyze(seed('000'));
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^Corroborate — /);
    expect(run.stdout).toContain('This article is corpus article 000; it is not compared with itself.');
    expect(run.stdout).toMatch(/\[1\] (corroborated by \d+ other outlets?|single-source claim|not a checkable claim)/);
    expect(lines).toContain('Summary');
    for (const label of ['sentences', 'claims', 'corroborated', 'single-source', 'conflicts']) {
      expect(run.stdout).toMatch(new RegExp(`^  ${label}: +\\d+$`, 'm'));
    }
    expect(run.stdout).toMatch(/^ {2}outlets covering this story: Outlet [A-Z](, Outlet [A-Z])* \(of 4 in the corpus\)$/m);
  });

  it('prints exactly one JSON report with --json, recognising the seed as corpus article 000', async () => {
    const report = expectJsonReport(await analyze('--json', seed('000')));
    expect(report.article.corpusId).toBe('000');
    expect(report.article.text).toBe(readFileSync(path.join(ROOT, seed('000')), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean).join('\n'));
    expect(report.summary.corroborated).toBeGreaterThan(0);
    expect(report.summary.outlets.length).toBeGreaterThan(0);
    expect(report.summary.outlets).not.toContain(corpusTexts.get('000')!.outlet);
  });

  it('accepts --json after the file name too', async () => {
    expect(expectJsonReport(await analyze(seed('003'), '--json')).article.corpusId).toBe('003');
  });

  it('reads an HTML news page, recognising the seed it carries (corpus article 002)', async () => {
    const file = path.join(temp, 'seed-page.html');
    writeFileSync(file, seedPage());
    const report = expectJsonReport(await analyze('--json', file));
    expect(report.article.corpusId).toBe('002');
    expect(report.article.title).toContain('Trump-Putin summit ends without a deal');
    // The page's navigation, ads and footer are not part of the article.
    for (const chrome of ['Advertisement', 'All rights reserved', 'Politics', 'Ten gadgets']) {
      expect(report.article.text).not.toContain(chrome);
    }
    expect(report.summary.corroborated).toBeGreaterThan(0);

    const text = await analyze(file);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('This article is corpus article 002; it is not compared with itself.');
    expect(text.stdout).toMatch(/^Summary$/m);
  });

  it('reads a page in the charset it declares, UTF-16 with a byte-order mark, and undeclared legacy bytes', async () => {
    const story =
      'The city council of Saint-Étienne voted on Tuesday to rebuild the old café on the river bank, at a cost of £45 million. ' +
      'The mayor said work would begin in March, après a delay of two years caused by a dispute over the design. ' +
      'Residents who opposed the plan said they would appeal against the decision to the regional court.';
    const page = `<!DOCTYPE html><html><head><meta charset="windows-1252"><title>Café to be rebuilt</title></head><body><article><h1>Café to be rebuilt</h1>${story
      .split('. ')
      .map((p) => `<p>${p}.</p>`)
      .join('')}</article></body></html>`;
    const declared = path.join(temp, 'legacy.html');
    writeFileSync(declared, Buffer.from(page, 'latin1')); // windows-1252 agrees with Latin-1 on these characters
    const fromPage = expectJsonReport(await analyze('--json', declared));
    expect(fromPage.article.text).toContain('cost of £45 million');
    expect(fromPage.article.text).toContain('après a delay');

    const undeclared = path.join(temp, 'legacy.txt');
    writeFileSync(undeclared, Buffer.from(story, 'latin1'));
    expect(expectJsonReport(await analyze('--json', undeclared)).article.text).toContain('Saint-Étienne');

    const utf16 = path.join(temp, 'utf16.txt');
    const seedText = readFileSync(path.join(ROOT, seed('003')), 'utf8');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(seedText, 'utf16le')]));
    expect(expectJsonReport(await analyze('--json', utf16)).article.corpusId).toBe('003');
  });

  it('stops quietly when the reader of its output stops early (`| head`)', async () => {
    // Output well beyond a pipe's buffer, so that writing to the closed pipe fails.
    const file = path.join(temp, 'long.txt');
    const story = readFileSync(path.join(ROOT, seed('003')), 'utf8');
    writeFileSync(file, Array.from({ length: 12 }, () => story).join('\n'));
    const run = await new Promise<Run>((resolve) => {
      const child = execFile(
        '/bin/sh',
        ['-c', `"${process.execPath}" --import tsx bin/analyze.ts --json "${file}" | head -c 20`],
        { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '', FORCE_COLOR: '0' } },
        (_error, stdout, stderr) => resolve({ status: child.exitCode, stdout, stderr }),
      );
    });
    expect(run.stdout).toBe('{"article":{"title":');
    expect(run.stderr).toBe('');
  });

  describe('bad input: one line on stderr, non-zero exit, nothing on stdout', () => {
    it('a missing file', async () => {
      expectCleanFailure(await analyze(path.join(temp, 'no-such-file.txt')), /no-such-file\.txt.*no such file/);
    });

    it('a folder', async () => {
      expectCleanFailure(await analyze(temp), /is a folder/);
    });

    it('an unknown option', async () => {
      expectCleanFailure(await analyze('--frobnicate', seed('000')), /unknown option --frobnicate/);
    });

    it('an empty file', async () => {
      const file = path.join(temp, 'empty.txt');
      writeFileSync(file, '');
      expectCleanFailure(await analyze(file), /empty\.txt is empty/);
    });

    it('a file of blank lines', async () => {
      const file = path.join(temp, 'blank.txt');
      writeFileSync(file, '\n   \n\t\n');
      expectCleanFailure(await analyze(file), /blank\.txt is empty/);
    });

    it('a binary file', async () => {
      const file = path.join(temp, 'image.txt');
      writeFileSync(file, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]));
      expectCleanFailure(await analyze('--json', file), /image\.txt is a binary file/);
    });

    it('an HTML page that is not an article', async () => {
      const file = path.join(temp, 'login.html');
      writeFileSync(
        file,
        '<!DOCTYPE html><html><head><title>Sign in</title></head><body><form><label>Email <input name="email"></label>' +
          '<label>Password <input type="password" name="password"></label><button>Sign in</button></form>' +
          '<a href="/forgot">Forgot your password?</a></body></html>',
      );
      expectCleanFailure(await analyze(file), /login\.html does not look like an article/);
    });

    it('a text too long to check', async () => {
      const file = path.join(temp, 'huge.txt');
      const story = readFileSync(path.join(ROOT, seed('002')), 'utf8');
      writeFileSync(file, Array.from({ length: Math.ceil(MAX_ARTICLE_CHARS / story.length) + 1 }, () => story).join('\n'));
      expectCleanFailure(await analyze('--json', file), /huge\.txt is too long to check \([\d,]+ characters of text; at most 200,000\)/);
    });

    it('a French article', async () => {
      expectCleanFailure(await analyze('--json', '../shared/pages/lemonde-1/source.html'), /is in French/);
    });

    it('an article in another script, or in a language it cannot name', async () => {
      const chinese = path.join(temp, 'chinese.txt');
      writeFileSync(chinese, '特朗普和普京周五在阿拉斯加举行峰会，但没有达成任何协议。双方会谈持续了将近三个小时。\n会后两人没有回答记者的问题。\n');
      expectCleanFailure(await analyze('--json', chinese), /chinese\.txt is in Chinese/);
      const turkish = path.join(temp, 'turkish.txt');
      writeFileSync(
        turkish,
        'Trump ve Putin Cuma günü Alaska’da bir araya geldi ancak Ukrayna konusunda herhangi bir anlaşma sağlanamadı.\n' +
          'İki lider yaklaşık üç saat görüştü ve ardından gazetecilerin sorularını yanıtlamadan salondan ayrıldı.\n',
      );
      expectCleanFailure(await analyze(turkish), /turkish\.txt is not in English/);
    });

    it('no file', async () => {
      const run = await analyze();
      expectCleanFailure(run, /^analyze: .*usage: npm run analyze/);
      expect((await analyze('--json')).stderr).toMatch(/^analyze: .*usage: npm run analyze/);
    });

    it('two files, or a sensitivity out of range', async () => {
      expectCleanFailure(await analyze(seed('000'), seed('001')), /^analyze: .*usage: npm run analyze/);
      expectCleanFailure(await analyze('--sensitivity', '5', seed('000')), /^analyze: .*usage: npm run analyze/);
    });
  });
});
