/**
 * Ask in Node (scripts, tests, build time): opens a built release folder with native DuckDB the way the
 * site does (every table a view over its Parquet files), reads the translation files with fs, and builds
 * the options `ask()` needs. Node only; the browser has its own glue (src/components/ask/).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Db } from '../pipeline/db.ts';
import type { Messages } from '../i18n/translate.ts';
import { buildLexicon, loadLexiconData, type Lexicon, type LexiconData, type Run } from './lexicon.ts';
import type { AskOptions } from './engine.ts';

const MESSAGES_DIR = path.resolve(import.meta.dirname, '../i18n/messages');

/** Namespaces Ask reads: its own, and the glossary for definitions (when the glossary exists). */
const NAMESPACES = ['ask', 'glossary'] as const;

/** One locale's Ask messages as a flat table (`ask.ui.title`, `glossary.…`), from the JSON files. */
export function readMessages(locale: string): Messages {
  const out: Record<string, string> = {};
  for (const ns of NAMESPACES) {
    const file = path.join(MESSAGES_DIR, locale, `${ns}.json`);
    if (!existsSync(file)) continue;
    const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    for (const [k, v] of Object.entries(data)) if (typeof v === 'string') out[`${ns}.${k}`] = v;
  }
  return out;
}

/** Locales that have an ask.json. */
export function askLocales(): string[] {
  return readdirSync(MESSAGES_DIR).filter((l) => existsSync(path.join(MESSAGES_DIR, l, 'ask.json'))).sort();
}

/**
 * The message tables whose words Ask recognises in questions: English and Spanish always (people mix
 * them), plus the answer's locale.
 */
export function termSources(locale: string): Messages[] {
  const locales = [...new Set(['en', 'es', locale])];
  return locales.map(readMessages);
}

export interface OpenRelease {
  run: Run;
  release: string;
  releaseDir: string;
  tables: Set<string>;
  close(): void;
}

/** A data folder (with current.json) or a release folder (with manifest.json) → the release folder. */
export function releaseFolder(dir: string): string {
  if (existsSync(path.join(dir, 'manifest.json'))) return dir;
  const pointer = path.join(dir, 'current.json');
  if (!existsSync(pointer)) throw new Error(`${dir}: neither a release folder (manifest.json) nor a data folder (current.json)`);
  const current = JSON.parse(readFileSync(pointer, 'utf8')) as { release?: string; path?: string };
  if (!current.release) throw new Error(`${pointer} names no release`);
  return path.join(dir, current.path ?? `releases/${current.release}/`);
}

/** Opens a release with native DuckDB: views line_items, allocations, schools, enrollment, outcomes, codes. */
export async function openRelease(dir: string): Promise<OpenRelease> {
  const releaseDir = releaseFolder(dir);
  const manifest = JSON.parse(readFileSync(path.join(releaseDir, 'manifest.json'), 'utf8')) as { release: string; files: { table: string; path: string }[] };
  const db = await Db.open();
  const byTable = new Map<string, string[]>();
  for (const f of manifest.files) byTable.set(f.table, [...(byTable.get(f.table) ?? []), path.join(releaseDir, f.path)]);
  const tables = new Set<string>();
  for (const [table, files] of byTable) {
    if (!files.every((f) => existsSync(f))) continue;
    const list = files.map((f) => `'${f.replaceAll("'", "''")}'`).join(', ');
    await db.run(`CREATE VIEW "${table.replaceAll('"', '""')}" AS SELECT * FROM read_parquet([${list}])`);
    tables.add(table);
  }
  const run: Run = (sql, params) => db.all(sql, params?.length ? params : undefined);
  return { run, release: manifest.release, releaseDir, tables, close: () => db.close() };
}

export interface NodeAsk {
  options: AskOptions;
  data: LexiconData;
  lexicon: Lexicon;
  release: OpenRelease;
  close(): void;
}

/** Everything `ask()` needs for one release and locale, in Node. */
export async function openAsk(dir: string, locale = 'en'): Promise<NodeAsk> {
  const release = await openRelease(dir);
  const data = await loadLexiconData(release.run, release.release);
  const lexicon = buildLexicon(data, termSources(locale));
  const options: AskOptions = { locale, messages: readMessages(locale), fallback: readMessages('en'), lexicon, run: release.run };
  return { options, data, lexicon, release, close: () => release.close() };
}
