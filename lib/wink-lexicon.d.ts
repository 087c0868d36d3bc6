/** The one file of `wink-lexicon` the engine uses (the package ships no types). */
declare module 'wink-lexicon/src/irregular-verbs.js' {
  /** Every form of an English irregular verb (base, past, participle) → its base form. */
  const irregularVerbs: Readonly<Record<string, string>>;
  export default irregularVerbs;
}
