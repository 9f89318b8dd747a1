/**
 * After `astro build`: indexes the built site with Pagefind, one index per `<html lang>` (Pagefind splits
 * by language on its own), into <dist>/pagefind/. Only each page's `data-pagefind-body` region is
 * indexed (the main content; not the header, nav or footer repeated on every page).
 * Usage: node scripts/search-index.ts [dist]   (default: dist). Logs to stderr; exits 1 on any error.
 */
import path from 'node:path';
import * as pagefind from 'pagefind';

/** Indexes `dist` and returns the number of pages indexed per language. */
export async function buildSearchIndex(dist: string, log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<Record<string, number>> {
  const { index, errors } = await pagefind.createIndex({});
  if (!index || errors.length) throw new Error(`pagefind: ${errors.join('; ')}`);
  try {
    const added = await index.addDirectory({ path: dist });
    if (added.errors.length) throw new Error(`pagefind: ${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath: path.join(dist, 'pagefind') });
    if (written.errors.length) throw new Error(`pagefind: ${written.errors.join('; ')}`);
    log(`[search] indexed ${added.page_count} pages into ${path.join(dist, 'pagefind')}`);
    return { all: added.page_count };
  } finally {
    await pagefind.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dist = path.resolve(process.argv[2] ?? 'dist');
  buildSearchIndex(dist).catch((e: unknown) => {
    process.stderr.write(`[search] ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
