/**
 * `npm run corpus` — reads corpus/articles/*.txt, checks every file, and writes corpus/index.json.
 * On any problem it names the file and the problem and leaves the previous index in place.
 * `npm run corpus -- pack <folder> [out.json]` — checks a folder of corpus files the same way and writes
 * them as one corpus pack (JSON) that the extension's options page imports; nothing is written on a problem.
 */
import { isUtf8 } from 'node:buffer';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { WordNet } from './wordnet';
import { buildCorpusIndex, checkCorpus, CorpusError, formatCorpusPack, loadCorpusIndex, parseCorpusFile, type BuildOptions, type CorpusIndex, type CorpusIndexData } from '../lib/corpus';
import type { CorpusArticle } from '../lib/types';

const root = resolve(import.meta.dirname, '..');

let loadedWordNet: WordNet | undefined;

/**
 * WordNet relations, loaded once (about half a second): for the corpus vocabulary, and from WordNet's common
 * words to it, since a reader's article may use a word no corpus article does.
 */
export function wordNetRelations(): BuildOptions {
  const wordNet = (loadedWordNet ??= new WordNet());
  return { relatedWords: (word) => wordNet.related(word), readerWords: wordNet.common };
}

/** Reads and checks every article file of a folder; throws CorpusError on the first problem. */
export function readCorpusFolder(folder: string): CorpusArticle[] {
  let files: string[];
  try {
    files = readdirSync(folder).filter((f) => f.endsWith('.txt')).sort();
  } catch {
    throw new CorpusError(folder, 'is not a readable folder');
  }
  if (files.length === 0) throw new CorpusError(folder, 'has no article files (*.txt)');
  const entries = files.map((name) => {
    const file = join(folder, name);
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (error) {
      throw new CorpusError(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
    // Read otherwise, a file saved in a legacy encoding would index its accented letters as "�".
    if (!bytes.includes(0) && !isUtf8(bytes)) throw new CorpusError(file, 'is not UTF-8 text (save it as UTF-8)');
    return { file, article: parseCorpusFile(file, bytes.toString('utf8')) };
  });
  checkCorpus(entries);
  return entries.map((e) => e.article);
}

/** Builds the index of a folder and writes it atomically (temp file + rename). */
export function buildIndexFile(folder: string, out: string): { articles: number; sentences: number } {
  const articles = readCorpusFolder(folder);
  const data = buildCorpusIndex(articles, wordNetRelations());
  const tmp = `${out}.tmp`;
  writeFileSync(tmp, JSON.stringify(data));
  renameSync(tmp, out);
  return { articles: articles.length, sentences: data.sentences.length };
}

/** The bundled index (corpus/index.json), or the corpus articles indexed in memory when it is not built. */
export function loadBundledCorpus(indexFile = join(root, 'corpus/index.json')): CorpusIndex {
  if (!existsSync(indexFile)) return loadCorpusIndex(buildCorpusIndex(readCorpusFolder(join(root, 'corpus/articles')), wordNetRelations()));
  let data: CorpusIndexData;
  try {
    data = JSON.parse(readFileSync(indexFile, 'utf8'));
  } catch {
    // A truncated or hand-edited file: say what to do, not where the JSON parser stopped.
    throw new Error(`The corpus index (${relative(process.cwd(), indexFile)}) is not readable JSON; run \`npm run corpus\`.`);
  }
  return loadCorpusIndex(data);
}

/** Builds a corpus pack (one JSON file) from a folder of corpus files, written atomically. */
export function buildPackFile(folder: string, out: string): { articles: number } {
  const articles = readCorpusFolder(folder);
  const tmp = `${out}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(formatCorpusPack(articles))}\n`);
  renameSync(tmp, out);
  return { articles: articles.length };
}

const USAGE = 'use: build [folder] [out.json] | pack <folder> [out.json]';

function main(argv: string[]): number {
  // `npm run corpus` is `corpus.ts build`, so `npm run corpus -- pack …` arrives as `build pack …`.
  const args = argv[0] === 'build' && argv[1] === 'pack' ? argv.slice(1) : argv;
  if (args[0] === 'pack') return pack(args.slice(1));
  const [command = 'build', folder = join(root, 'corpus/articles'), out = join(root, 'corpus/index.json')] = args;
  if (command !== 'build') {
    console.error(`corpus: unknown command "${command}" (${USAGE})`);
    return 2;
  }
  try {
    const { articles, sentences } = buildIndexFile(folder, out);
    console.log(`corpus: indexed ${sentences} sentences from ${articles} articles → ${out}`);
    return 0;
  } catch (error) {
    console.error(`corpus: ${(error as Error).message} (the previous index is unchanged)`);
    return 1;
  }
}

/** `pack <folder> [out.json]`: paths relative to where the command was typed (npm runs scripts from the root). */
function pack(args: string[]): number {
  const [folderArg, outArg, ...rest] = args;
  if (!folderArg || rest.length > 0) {
    console.error(`corpus: pack needs a folder of corpus files (${USAGE})`);
    return 2;
  }
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const folder = resolve(cwd, folderArg);
  const out = resolve(cwd, outArg ?? `${basename(folder)}.pack.json`);
  try {
    const { articles } = buildPackFile(folder, out);
    console.log(`corpus: packed ${articles} article${articles === 1 ? '' : 's'} → ${out}`);
    return 0;
  } catch (error) {
    console.error(`corpus: ${(error as Error).message} (no pack written)`);
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = main(process.argv.slice(2));
