/** A thin wrapper over native DuckDB (@duckdb/node-api) for the pipeline and build-time queries. */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

export type Row = Record<string, string | number | boolean | null>;

export class Db {
  readonly instance: DuckDBInstance;
  readonly conn: DuckDBConnection;

  private constructor(instance: DuckDBInstance, conn: DuckDBConnection) {
    this.instance = instance;
    this.conn = conn;
  }

  static async open(file = ':memory:'): Promise<Db> {
    const instance = await DuckDBInstance.create(file);
    const conn = await instance.connect();
    return new Db(instance, conn);
  }

  async run(sql: string): Promise<void> {
    await this.conn.run(sql);
  }

  /** Rows as plain JSON values: BIGINT and DECIMAL arrive as exact strings, never floats. */
  async all<T = Row>(sql: string, params?: Record<string, unknown> | unknown[]): Promise<T[]> {
    const reader = await this.conn.runAndReadAll(sql, params as never);
    return reader.getRowObjectsJson() as T[];
  }

  close(): void {
    this.conn.closeSync();
    this.instance.closeSync();
  }
}

/** SQL string literal. Only for values we produce (paths, names); never for user text in the browser. */
export function lit(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

/** SQL identifier, always quoted. */
export function ident(s: string): string {
  return `"${s.replaceAll('"', '""')}"`;
}
