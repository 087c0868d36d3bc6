import { loadBundledCorpus } from '../../bin/corpus';
import { collectExamples } from './fit';
import { articleSentences } from '../../lib/report';
const corpus = loadBundledCorpus();
const byDoc = collectExamples(corpus);
let pos = 0, neg = 0;
for (const e of byDoc.flat()) {
  if (e.y === null || e.base[8] !== 1) continue;
  if (e.y) { pos++; continue; }
  neg++;
  console.log(`NEG ${e.hereDoc}->${e.thereDoc}\n  T: ${corpus.sentences[e.sentence]!.text.slice(0, 220)}`);
}
console.log({ pos, neg });
