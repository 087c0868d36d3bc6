/**
 * A function computed once per object. Sentences never change once tokenised or prepared, so neither
 * does anything derived from them; entries go with their object (a WeakMap). Memoised by the first
 * argument alone: any further argument (the corpus a sentence is weighed against) must be the same
 * for every call with that object.
 */
export function once<K extends object, A extends unknown[], V>(compute: (key: K, ...rest: A) => V): (key: K, ...rest: A) => V {
  const cache = new WeakMap<K, V>();
  return (key, ...rest) => {
    if (cache.has(key)) return cache.get(key)!;
    const value = compute(key, ...rest);
    cache.set(key, value);
    return value;
  };
}
