/** `npm run corpus -- pack <folder> [out.json]`: a corpus pack from a folder of corpus files, or one line naming the bad file. */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatCorpusFile, parseCorpusPack } from '../../lib/corpus';
import { FIRE_ARTICLES } from '../fixtures/fire-corpus';

const ROOT = path.resolve(__dirname, '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'corroborate-pack-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** As `npm run corpus -- …` runs it: `corpus.ts build …`, from the repository root, typed in `cwd`. */
function corpus(cwd: string, ...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', 'bin/corpus.ts', 'build', ...args],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, INIT_CWD: cwd, NODE_OPTIONS: '', FORCE_COLOR: '0' } },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') reject(error);
        else resolve({ status: child.exitCode, stdout, stderr });
      },
    );
  });
}

describe('npm run corpus -- pack', () => {
  it('writes one pack with every article of the folder, paths relative to where it was typed', async () => {
    const folder = path.join(dir, 'fire');
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder);
    for (const a of FIRE_ARTICLES) writeFileSync(path.join(folder, `${a.id}.txt`), formatCorpusFile(a));
    const run = await corpus(dir, 'pack', 'fire');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const out = path.join(dir, 'fire.pack.json');
    expect(run.stdout.trim()).toBe(`corpus: packed 3 articles → ${out}`);
    expect(parseCorpusPack(out, readFileSync(out, 'utf8'))).toEqual(FIRE_ARTICLES);

    const named = await corpus(dir, 'pack', folder, 'class.json');
    expect(named.status).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, 'class.json'), 'utf8')).format).toBe('corroborate-corpus-pack');
  }, 60_000);

  it('stops at a malformed file with one line naming it, and writes nothing', async () => {
    const folder = path.join(dir, 'broken');
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'a.txt'), formatCorpusFile(FIRE_ARTICLES[0]!));
    writeFileSync(path.join(folder, 'b.txt'), formatCorpusFile(FIRE_ARTICLES[1]!).replace('published: 2031-03-06', 'published: soon'));
    const run = await corpus(dir, 'pack', 'broken', 'out.json');
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([`corpus: ${path.join(folder, 'b.txt')}: published "soon" is not a date (YYYY-MM-DD) (no pack written)`]);
    expect(existsSync(path.join(dir, 'out.json'))).toBe(false);
    expect(existsSync(path.join(dir, 'out.json.tmp'))).toBe(false);

    const missing = await corpus(dir, 'pack');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('pack needs a folder');
  }, 60_000);
});
