/**
 * Build-time queries over the current release, with native DuckDB: every table of the release is a view
 * over its Parquet files (line_items, allocations, schools, enrollment, outcomes, codes). Pages call
 * `query(sql, params)` and keep the SQL next to the figure (it is shown in "How was this computed?").
 *
 * Amounts: cast DECIMAL sums to VARCHAR in SQL (`CAST(sum(amount) AS VARCHAR)`) and parse them with
 * money.ts, so no amount ever passes through a float.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { Db } from "../pipeline/db.ts";
import { getRelease, type Release } from "./release.ts";

let opened: Promise<{ db: Db; release: Release; tables: Set<string> }> | null = null;

/** Opens one in-memory DuckDB per build with the release's tables as views. */
async function open(): Promise<{ db: Db; release: Release; tables: Set<string> }> {
  const release = getRelease();
  const db = await Db.open();
  const byTable = new Map<string, string[]>();
  for (const f of release.manifest.files) byTable.set(f.table, [...(byTable.get(f.table) ?? []), path.join(release.releaseDir, f.path)]);
  const tables = new Set<string>();
  for (const [table, files] of byTable) {
    // A table whose files are missing is left out (hasTable says so) rather than failing the build here.
    if (!files.every((f) => existsSync(f))) continue;
    const list = files.map((f) => `'${f.replaceAll("'", "''")}'`).join(", ");
    await db.run(`CREATE VIEW "${table}" AS SELECT * FROM read_parquet([${list}])`);
    tables.add(table);
  }
  return { db, release, tables };
}

/** Runs a query on the release. Values arrive as JSON: BIGINT and DECIMAL as exact strings. */
export async function query<T = Record<string, string | number | boolean | null>>(sql: string, params?: Record<string, unknown>): Promise<T[]> {
  opened ??= open();
  const { db } = await opened;
  return db.all<T>(sql, params);
}

/** Whether the release has a table (optional inputs may be absent). */
export async function hasTable(table: string): Promise<boolean> {
  opened ??= open();
  return (await opened).tables.has(table);
}
