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

/** SQL literals and identifiers live with the rules (browser-safe); re-exported for the pipeline. */
export { ident, lit } from '../rules/sql.ts';
