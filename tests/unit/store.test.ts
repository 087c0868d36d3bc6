/** The reader's corpus in IndexedDB (fake-indexeddb here): adds, duplicates, imports all or nothing, errors. */
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CORPUS_PACK_FORMAT, formatCorpusPack } from '../../lib/corpus';
import { openCorpusStore, StoreError, type CorpusStore, type NewArticle, type StoredArticle } from '../../lib/store';
import type { CorpusArticle } from '../../lib/types';
import { FIRE_ARTICLES } from '../fixtures/fire-corpus';

const [north, south, west] = FIRE_ARTICLES as [CorpusArticle, CorpusArticle, CorpusArticle];
let n = 0;
const opened: CorpusStore[] = [];

/** A new, empty store (a database of its own). */
async function fresh(options: Parameters<typeof openCorpusStore>[0] = {}): Promise<{ store: CorpusStore; name: string }> {
  const name = `test-corpus-${++n}`;
  const store = await openCorpusStore({ now: () => new Date('2031-03-07T10:00:00Z'), ...options }, name);
  opened.push(store);
  return { store, name };
}

afterEach(() => {
  for (const s of opened.splice(0)) s.close();
  vi.restoreAllMocks();
});

/** The StoreError a promise rejects with. */
async function storeError(promise: Promise<unknown>): Promise<StoreError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(StoreError);
    return error as StoreError;
  }
  throw new Error('expected a StoreError');
}

const page = (article: CorpusArticle): NewArticle => {
  const { id: _id, ...rest } = article;
  return rest;
};

describe('adding articles', () => {
  it('stores an article with its date added, and survives reopening', async () => {
    const { store, name } = await fresh();
    const result = await store.add(page(north));
    expect(result.status).toBe('added');
    if (result.status !== 'added') return;
    expect(result.article).toMatchObject({ outlet: north.outlet, title: north.title, text: north.text, added: '2031-03-07T10:00:00.000Z' });
    expect(result.article.id).toMatch(/^mine-20310307-[0-9a-z]{6}$/);
    store.close();
    const again = await openCorpusStore({}, name);
    opened.push(again);
    expect(await again.list()).toEqual([result.article]);
    expect(await again.get(result.article.id)).toEqual(result.article);
  });

  it('recognises the same URL and near-identical text as duplicates', async () => {
    const { store } = await fresh();
    await store.add(south);
    // Same URL (fragment and trailing slash aside), whatever the text.
    const sameUrl = await store.add({ ...page(west), url: `${south.url}/#comments` });
    expect(sameUrl).toEqual({ status: 'duplicate', of: { reason: 'url', id: 'south', outlet: south.outlet, title: south.title } });
    // The same text with other quotes, case and spacing, under another address.
    const retyped = south.text.replace(/[“”]/g, '"').replace(/’/g, "'").replace(/ /g, '  ').toUpperCase();
    const sameText = await store.add({ ...page(south), text: retyped, url: 'https://mirror.example/fire' });
    expect(sameText.status === 'duplicate' && sameText.of.reason).toBe('text');
    // One changed sentence in eight is not "near-identical" (7/8 < 90 %): a new article.
    const lines = south.text.split('\n');
    lines[3] = 'Mayor Tomas Reuven said he would ask the state for emergency funds.';
    const updated = await store.add({ ...page(south), text: lines.join('\n'), url: undefined });
    expect(updated.status).toBe('added');
    expect((await store.list()).length).toBe(2);
  });

  it('asks about the bundled corpus, and never takes a bundled id', async () => {
    const { store } = await fresh({
      reservedIds: new Set(['north']),
      bundled: (a) => (a.url === 'https://bundled.example/1' ? { id: '000', outlet: 'Outlet A', title: 'Bundled' } : null),
    });
    expect(await store.add({ ...north, url: 'https://bundled.example/1' })).toEqual({
      status: 'duplicate',
      of: { reason: 'bundled', id: '000', outlet: 'Outlet A', title: 'Bundled' },
    });
    const added = await store.add(north);
    expect(added.status === 'added' && added.article.id).toBe('north-2');
  });

  it('refuses an empty extraction and a malformed article with a clear message, storing nothing', async () => {
    const { store } = await fresh();
    const empty = await storeError(store.add({ ...page(north), text: '  \n ' }));
    expect(empty.kind).toBe('empty');
    expect(empty.message).toBe('No article text was found on this page, so there is nothing to add.');
    const onlyPromo = await storeError(store.add({ ...page(north), text: 'READ MORE: Other stories' }));
    expect(onlyPromo.kind).toBe('empty');
    const badDate = await storeError(store.add({ ...page(north), published: 'yesterday' }));
    expect(badDate.kind).toBe('malformed');
    expect(badDate.message).toContain('published "yesterday" is not a date');
    const noOutlet = await storeError(store.add({ ...page(north), outlet: ' ' }));
    expect(noOutlet.message).toContain('missing field "outlet"');
    expect(await store.list()).toEqual([]);
  });

  it('reports a full disk as a quota message, with nothing written', async () => {
    const { store } = await fresh();
    await store.add(north);
    const { IDBObjectStore } = globalThis as unknown as { IDBObjectStore: { prototype: { add: (...args: unknown[]) => unknown } } };
    const original = IDBObjectStore.prototype.add;
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (this: unknown, ...args: unknown[]) {
      const value = args[0] as { id: string };
      if (value.id === 'west') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return original.apply(this, args);
    });
    const error = await storeError(store.importPack(formatCorpusPack([south, west])));
    expect(error.kind).toBe('quota');
    expect(error.message).toMatch(/^The browser's storage for Corroborate is full\. Nothing was imported\./);
    vi.restoreAllMocks();
    // south was not half-written: the store holds what it held before.
    expect((await store.list()).map((a) => a.id)).toEqual(['north']);
  });
});

describe('corpus packs', () => {
  it('exports, deletes all, re-imports: the same corpus', async () => {
    const { store } = await fresh();
    for (const a of FIRE_ARTICLES) await store.add(a);
    const pack = await store.exportPack();
    expect(pack.format).toBe(CORPUS_PACK_FORMAT);
    expect(pack.articles).toEqual(FIRE_ARTICLES);
    const before = await store.list();
    await store.clear();
    expect(await store.list()).toEqual([]);
    const result = await store.importPack(JSON.stringify(pack), 'my-corpus.json');
    expect(result.added.map((a) => a.id)).toEqual(['north', 'south', 'west']);
    expect(result.duplicates).toEqual([]);
    expect(await store.list()).toEqual(before);
  });

  it('skips articles already there (in the store or twice in the pack) and renames taken ids', async () => {
    const { store } = await fresh();
    await store.add(north);
    const pack = formatCorpusPack([
      { ...north, id: 'north-again' }, // already stored (under another id)
      { ...west, id: 'north' }, // another article under a taken id
      south,
      { ...south, id: 'south-copy' }, // the same text again in the pack
    ]);
    const result = await store.importPack(pack);
    expect(result.added.map((a) => a.id)).toEqual(['north-2', 'south']);
    // (Two entries with one id are a malformed pack, as in a corpus folder.)
    expect((await storeError(store.importPack(formatCorpusPack([west, { ...south, id: 'west' }])))).kind).toBe('malformed');
    expect(result.renamed).toEqual([{ from: 'north', to: 'north-2' }]);
    expect(result.duplicates.map((d) => [d.title, d.of.reason, d.of.id])).toEqual([
      [north.title, 'text', 'north'],
      [south.title, 'url', 'south'],
    ]);
    expect((await store.list()).length).toBe(3);
  });

  it('imports all or nothing: one bad entry, a foreign file or a malformed pack changes nothing', async () => {
    const { store } = await fresh();
    await store.add(north);
    const bad = formatCorpusPack([south, west]) as unknown as { articles: Record<string, unknown>[] };
    bad.articles[1]!.published = 'last week';
    const malformed = await storeError(store.importPack(bad, 'class.json'));
    expect(malformed.kind).toBe('malformed');
    expect(malformed.message).toBe('class.json, article 2 (id west): published "last week" is not a date (YYYY-MM-DD). Nothing was imported.');

    const foreign = await storeError(store.importPack('{"bookmarks": []}', 'bookmarks.json'));
    expect(foreign.kind).toBe('foreign');
    expect(foreign.message).toContain('bookmarks.json: is not a corpus pack');
    const notJson = await storeError(store.importPack('\u0089PNG', 'photo.png'));
    expect(notJson.kind).toBe('foreign');

    expect((await store.list()).map((a) => a.id)).toEqual(['north']);
  });
});

describe('managing the corpus', () => {
  it('removes articles, clears everything, and tells the storage used', async () => {
    const { store } = await fresh();
    for (const a of FIRE_ARTICLES) await store.add(a);
    const use = await store.usage();
    expect(use.articles).toBe(3);
    expect(use.textBytes).toBeGreaterThan(FIRE_ARTICLES.reduce((sum, a) => sum + a.text.length, 0));
    expect(await store.remove(['south', 'nope'])).toBe(1);
    expect((await store.list()).map((a) => a.id).sort()).toEqual(['north', 'west']);
    await store.clear();
    expect(await store.list()).toEqual([]);
    expect((await store.usage()).articles).toBe(0);
  });
});

describe('any sequence of changes (property, against a model of the corpus)', () => {
  // Articles made of the fire corpus's sentences, so that some repeat others nearly or wholly (duplicates).
  const lines = FIRE_ARTICLES.flatMap((a) => a.text.split('\n'));
  const newArticle: fc.Arbitrary<NewArticle> = fc
    .record({
      picks: fc.uniqueArray(fc.nat(lines.length - 1), { minLength: 2, maxLength: 6 }),
      outlet: fc.constantFrom('Outlet One', 'Outlet Two'),
      url: fc.option(fc.constantFrom('https://one.example/a', 'https://two.example/b'), { nil: undefined, freq: 2 }),
    })
    .map(({ picks, outlet, url }) => ({ outlet, title: lines[picks[0]!]!.slice(0, 60), language: 'en', published: '2031-03-06', url, text: picks.map((i) => lines[i]).join('\n') }));
  const operation = fc.oneof(
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('add' as const), article: newArticle }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('remove' as const), picks: fc.array(fc.nat(9), { maxLength: 3 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('export, clear, import' as const, 'import own export' as const, 'reopen' as const) }) },
  );

  it('keeps exactly the articles added and not removed, through exports, re-imports and reopening', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 16 }), async (operations) => {
        let { store, name } = await fresh();
        const model = new Map<string, StoredArticle>();
        const byId = (list: StoredArticle[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
        for (const op of operations) {
          if (op.kind === 'add') {
            const result = await store.add(op.article);
            if (result.status === 'added') {
              expect(model.has(result.article.id)).toBe(false);
              model.set(result.article.id, result.article);
            } else {
              expect(model.has(result.of.id)).toBe(true);
            }
          } else if (op.kind === 'remove') {
            const ids = [...model.keys()];
            const wanted = op.picks.map((i) => ids[i] ?? `missing-${i}`);
            expect(await store.remove(wanted)).toBe(new Set(wanted.filter((id) => model.has(id))).size);
            for (const id of wanted) model.delete(id);
          } else if (op.kind !== 'reopen' && model.size === 0) {
            // The options page offers export only when there is something to export (an empty pack is refused).
            continue;
          } else if (op.kind === 'export, clear, import') {
            const pack = JSON.stringify(await store.exportPack());
            await store.clear();
            const result = await store.importPack(pack);
            expect([result.added.length, result.duplicates.length, result.renamed.length]).toEqual([model.size, 0, 0]);
          } else if (op.kind === 'import own export') {
            const result = await store.importPack(await store.exportPack());
            expect([result.added.length, result.duplicates.length]).toEqual([0, model.size]);
          } else {
            store.close();
            store = await openCorpusStore({ now: () => new Date('2031-03-07T10:00:00Z') }, name);
            opened.push(store);
          }
          expect(byId(await store.list())).toEqual(byId([...model.values()]));
        }
      }),
      { seed: 11, numRuns: 60 },
    );
  });
});
