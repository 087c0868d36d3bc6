/**
 * `npm run analyze -- [--json] [--sensitivity 0..1] <file.html|file.txt>` — the same engine as the
 * extension, on a saved article. Prints a readable report, or with --json exactly one JSON Report.
 */
import { isUtf8 } from 'node:buffer';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { decodeBuffer } from 'encoding-sniffer';
import { articleFromText, extractArticle, MAX_ARTICLE_CHARS } from '../lib/extract';
import { parseHtml } from '../lib/html';
import { detectLanguage } from '../lib/language';
import { analyze } from '../lib/report';
import { formatReport, languageName } from '../lib/format';
import { parseCorpusFile } from '../lib/corpus';
import type { Article } from '../lib/types';
import { loadBundledCorpus } from './corpus';

/** Reads an article from an HTML page, a corpus file or plain text; any problem is an Error with a one-line message. */
export function readArticle(file: string): Article {
  if (!existsSync(file)) throw new Error(`cannot read ${file}: no such file`);
  if (statSync(file).isDirectory()) throw new Error(`${file} is a folder; give an .html or .txt file`);
  const bytes = readFileSync(file);
  if (bytes.length === 0) throw new Error(`${file} is empty`);
  const content = decode(bytes);
  if (content.includes('\u0000')) throw new Error(`${file} is a binary file, not an HTML page or text`);
  if (!content.trim()) throw new Error(`${file} is empty`);

  const isHtml = /\.x?html?$/i.test(file) || /^\s*<(!doctype|html|head|body)/i.test(content);
  let article: Article | null;
  if (isHtml) {
    article = extractArticle(parseHtml(content));
    if (!article || article.text.length < 200) throw new Error(`${file} does not look like an article (no article text found)`);
  } else if (content.startsWith('---')) {
    // A file in the corpus format: its metadata gives the title and URL.
    const entry = parseCorpusFile(file, content);
    article = { ...articleFromText(entry.text, { title: entry.title }), url: entry.url ?? null, published: entry.published, siteName: entry.outlet };
  } else {
    article = articleFromText(content);
  }
  if (article.text.length > MAX_ARTICLE_CHARS) {
    throw new Error(`${file} is too long to check (${article.text.length.toLocaleString('en')} characters of text; at most ${MAX_ARTICLE_CHARS.toLocaleString('en')})`);
  }
  const language = detectLanguage(article.text);
  if (language && language.language !== 'en') {
    const name = languageName(language.language);
    throw new Error(`${file} is ${name ? `in ${name}` : 'not in English'}; Corroborate only cross-references English articles for now`);
  }
  return article;
}

/**
 * A saved page's or text's characters: a byte-order mark or the page's declared charset decides (the
 * HTML standard's sniffing, by `encoding-sniffer`); undeclared bytes are UTF-8 when they are valid
 * UTF-8, else Windows-1252, as browsers read legacy pages.
 */
function decode(bytes: Buffer): string {
  return decodeBuffer(bytes, { defaultEncoding: isUtf8(bytes) ? 'utf-8' : 'windows-1252' });
}

function usage(problem: string): number {
  console.error(`analyze: ${problem} (usage: npm run analyze -- [--json] [--sensitivity 0..1] <file.html|file.txt>)`);
  return 2;
}

function main(argv: string[]): number {
  let json = false;
  let sensitivity: number | undefined;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') json = true;
    else if (arg === '--sensitivity') sensitivity = Number(argv[++i]);
    else if (arg.startsWith('--')) return usage(`unknown option ${arg}`);
    else files.push(arg);
  }
  if (files.length !== 1) return usage(files.length ? 'give one file' : 'no file given');
  if (sensitivity !== undefined && !(sensitivity >= 0 && sensitivity <= 1)) return usage('--sensitivity takes a number from 0 to 1');
  try {
    const report = analyze(readArticle(files[0]!), loadBundledCorpus(), { sensitivity });
    process.stdout.write(json ? `${JSON.stringify(report)}\n` : formatReport(report));
    return 0;
  } catch (error) {
    console.error(`analyze: ${(error as Error).message}`);
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Output piped into a reader that stops early (`| head`): stop quietly, as other command-line tools do.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  process.exitCode = main(process.argv.slice(2));
}
