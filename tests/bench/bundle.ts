/**
 * Part 4 — bundle sizes (gzip) of the built extension, .output/chrome-mv3: what each entry point
 * loads, following the HTML's scripts and stylesheets and the JavaScript's static relative imports.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { repoRoot } from './pages';

export const extensionDir = path.join(repoRoot, '.output/chrome-mv3');

export interface BundleEntry {
  name: string;
  files: string[];
  rawBytes: number;
  gzipBytes: number;
  /** Gzip budget in bytes, when there is one. */
  budget: number | null;
}

export interface BundleReport {
  built: boolean;
  dir: string;
  /** Build time of the manifest, so a stale build is visible. */
  builtAt: string | null;
  entries: BundleEntry[];
}

const KB = 1024;

/** A file plus every file it loads: <script src>, <link href> in HTML; static `import … from "./x.js"` in JS. */
function closure(start: string): string[] {
  const seen = new Set<string>();
  const visit = (rel: string): void => {
    const normal = path.posix.normalize(rel.replace(/^\//, ''));
    if (seen.has(normal) || !existsSync(path.join(extensionDir, normal))) return;
    seen.add(normal);
    const text = readFileSync(path.join(extensionDir, normal), 'utf8');
    const base = path.posix.dirname(normal);
    const resolve = (ref: string): string => (ref.startsWith('/') ? ref : path.posix.join(base, ref));
    if (normal.endsWith('.html')) {
      for (const m of text.matchAll(/<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]+\.(?:js|css))"/g)) visit(resolve(m[1]!));
    } else if (normal.endsWith('.js')) {
      for (const m of text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*["'](\.{1,2}\/[^"']+\.(?:js|css))["']/g)) visit(resolve(m[1]!));
    }
  };
  visit(start);
  return [...seen];
}

function entry(name: string, files: string[], budgetKB: number | null): BundleEntry {
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const content = readFileSync(path.join(extensionDir, file));
    rawBytes += content.length;
    gzipBytes += gzipSync(content).length;
  }
  return { name, files, rawBytes, gzipBytes, budget: budgetKB === null ? null : budgetKB * KB };
}

export function bundleSizes(): BundleReport {
  const manifest = path.join(extensionDir, 'manifest.json');
  if (!existsSync(manifest)) return { built: false, dir: extensionDir, builtAt: null, entries: [] };
  const contentDir = path.join(extensionDir, 'content-scripts');
  const contentFiles = existsSync(contentDir) ? readdirSync(contentDir).map((f) => `content-scripts/${f}`) : [];
  const entries = [
    entry('content script', contentFiles.flatMap(closure), 40),
    entry('popup', closure('popup.html'), 30),
    entry('background', closure('background.js'), null),
    entry('corpus index', ['corpus-index.json'].filter((f) => existsSync(path.join(extensionDir, f))), null),
  ];
  return { built: true, dir: extensionDir, builtAt: statSync(manifest).mtime.toISOString(), entries };
}
