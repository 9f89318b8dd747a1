/**
 * The browser's one shared database: DuckDB-WASM 1.28.0 (the last release with Parquet built in; 1.29+
 * fetch their Parquet reader from the internet), self-hosted under <base>duckdb/1.28.0/ and loaded only
 * when a page asks for it. Used by the Explorer and by the Ask page.
 *
 *   const db = await getDatabase({ onProgress });           // the current release (data/current.json)
 *   const db = await getDatabase({ release: "2026-11-26-67e59df2" }); // an older one, from a permalink
 *   await db.ensureTables([{ table: "line_items", fiscalYears: ["2024-25"] }, { table: "schools" }]);
 *   const rows = await db.query("SELECT CAST(sum(amount) AS VARCHAR) AS a FROM line_items WHERE fund = ?", ["01"]);
 *
 * - One engine per page (one worker, one wasm instance), shared by every caller; each getDatabase() call
 *   gets its own connection and its own schema, so two callers never replace each other's views.
 * - Files are fetched whole (no range reads: measured faster and lighter at these sizes), checked against
 *   the manifest's SHA-256 where the browser can, registered once per page with registerFileBuffer, and
 *   cached by the service worker (public/sw.js) and the HTTP cache (their names carry a content hash).
 * - Views line_items, allocations, schools, enrollment, outcomes, codes: the same names and columns as at
 *   build time (src/site/query.ts), over only the files asked for.
 * - Copies: read from Parquet, every query decodes its files again. So once they are registered, the
 *   files of allocations and of the small tables are copied, in the background (one file at a time, while
 *   no query runs or waits), into the engine's own compressed storage (a database file in the engine's
 *   memory), and each view reads the copies it can and Parquet for the rest: the same rows, columns and
 *   types, 1.5–2× faster to query. Measured on the full sample release: 3–4 s of engine time for 845k
 *   allocation lines, 45 MB more engine memory. performance.mark "duckdb:preparing" / "duckdb:prepared"
 *   say when copies are pending and when they are all done (scripts/bench-explorer.ts waits for it).
 * - Amounts: DECIMAL values reach JavaScript wrong through Arrow; cast them to VARCHAR in SQL. Use
 *   quantile_cont, not median. BIGINT values arrive as numbers when they are safe integers, else strings.
 *
 * Errors are DatabaseError with a `kind` a page can explain: "unsupported" (this browser cannot run it),
 * "engine" (the engine files could not be loaded), "release-gone" (the release is no longer published),
 * "data" (a data file could not be fetched or failed its checksum), "aborted", "query".
 */

export const DUCKDB_VERSION = "1.28.0";
/** The engine files copied into the built site (see src/client/build/duckdb-assets.ts), with their sizes. */
export const ENGINE_FILES = {
  wasm: { name: "duckdb-eh.wasm", bytes: 18_105_915 },
  worker: { name: "duckdb-browser-eh.worker.js", bytes: 265_771 },
} as const;

export type Phase = "engine" | "data";
export interface Progress {
  phase: Phase;
  loaded: number;
  total: number | null;
}
export interface GetDatabaseOptions {
  /** The site's base path ("/" or "/budget/"); defaults to the build's base. */
  base?: string;
  /** A release id; null or absent means the current release (data/current.json). */
  release?: string | null;
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
}
export interface TableRequest {
  table: string;
  /** Only these fiscal years' files (tables split by fiscal year); all of them when absent. */
  fiscalYears?: string[];
}
export interface ManifestFile {
  path: string;
  table: string;
  fiscal_year?: string | null;
  rows: number;
  bytes: number;
  sha256: string;
}
export interface ReleaseManifest {
  release: string;
  created: string;
  district: { name: string; cds_code?: string; sample?: boolean };
  fiscal_years: string[];
  files: ManifestFile[];
  [key: string]: unknown;
}
export type Param = string | number | boolean;

export interface BrowserDb {
  /** The release id the views read. */
  readonly release: string;
  readonly manifest: ReleaseManifest;
  /** URL of the release folder (ends with "/"). */
  readonly releaseUrl: string;
  /** Fetches the files of these tables (only the fiscal years asked for) and (re)creates their views. */
  ensureTables(tables: TableRequest[], options?: { onProgress?: (p: Progress) => void; signal?: AbortSignal }): Promise<void>;
  /** A prepared statement with positional `?` parameters; rows as plain objects. */
  query(sql: string, params?: Param[]): Promise<Record<string, unknown>[]>;
  /** The result of a query written as a Parquet file (ZSTD), for downloads. */
  queryToParquet(sql: string, params?: Param[]): Promise<Uint8Array>;
  /** Which fiscal years of each table the views cover now. */
  loaded(): Record<string, string[] | "all">;
}

export type DatabaseErrorKind = "unsupported" | "engine" | "release-gone" | "data" | "aborted" | "query";
export class DatabaseError extends Error {
  readonly kind: DatabaseErrorKind;
  constructor(kind: DatabaseErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DatabaseError";
    this.kind = kind;
  }
}

const RELEASE_RE = /^\d{4}-\d{2}-\d{2}-[0-9a-f]{8}$/;
const TABLES = ["line_items", "allocations", "schools", "enrollment", "outcomes", "codes"] as const;

// ------------------------------------------------------------------------------------------------
// The engine: one per page.

type DuckModule = typeof import("@duckdb/duckdb-wasm");
type AsyncDuckDB = import("@duckdb/duckdb-wasm").AsyncDuckDB;
type AsyncDuckDBConnection = import("@duckdb/duckdb-wasm").AsyncDuckDBConnection;

interface Engine {
  db: AsyncDuckDB;
  /** Files registered in the engine, by name ("<release>/<path>"). */
  files: Map<string, Promise<void>>;
  copies: Copies;
}

let engine: Promise<Engine> | null = null;
const engineListeners = new Set<(p: Progress) => void>();

function defaultBase(): string {
  const env = (import.meta as { env?: { BASE_URL?: string } }).env;
  return env?.BASE_URL ?? "/";
}
const slash = (b: string) => (b.endsWith("/") ? b : `${b}/`);

/** What this browser lacks to run the engine, or null when it has everything. */
export function missingFeatures(): string | null {
  if (typeof WebAssembly !== "object" || typeof WebAssembly.instantiate !== "function") return "WebAssembly";
  if (typeof Worker !== "function") return "Web Workers";
  if (typeof BigInt64Array !== "function") return "64-bit integer arrays";
  // WebAssembly exception handling (the "eh" build): a module with one try/catch_all block validates.
  const eh = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 8, 1, 6, 0, 6, 64, 25, 11, 11]);
  try {
    if (!WebAssembly.validate(eh)) return "WebAssembly exception handling";
  } catch {
    return "WebAssembly exception handling";
  }
  return null;
}

async function loadEngine(base: string): Promise<Engine> {
  const missing = missingFeatures();
  if (missing) throw new DatabaseError("unsupported", `This browser cannot run the explorer's database engine (it lacks ${missing}).`);
  const dir = `${slash(base)}duckdb/${DUCKDB_VERSION}/`;
  let duckdb: DuckModule;
  try {
    duckdb = await import("@duckdb/duckdb-wasm");
  } catch (e) {
    throw new DatabaseError("engine", "The explorer's code could not be loaded. Check your connection and try again.", { cause: e });
  }
  const emit = (p: Progress) => {
    for (const l of engineListeners) l(p);
  };
  emit({ phase: "engine", loaded: 0, total: ENGINE_FILES.wasm.bytes });
  const worker = new Worker(`${dir}${ENGINE_FILES.worker.name}`);
  // A worker that cannot load (blocked, offline) reports only an error event: turn it into a rejection.
  const workerFailed = new Promise<never>((_, reject) => {
    worker.addEventListener("error", (ev) => {
      ev.preventDefault();
      reject(new DatabaseError("engine", "The explorer's database engine could not be loaded (its worker script did not start)."));
    });
  });
  workerFailed.catch(() => undefined);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  let blobUrl = "";
  try {
    // The wasm is fetched here, not in the worker: progress is exact, a failed request is reported at
    // once (the worker would wait forever), and the service worker and HTTP cache see a plain GET.
    const wasm = await fetchWasm(`${dir}${ENGINE_FILES.wasm.name}`, emit);
    blobUrl = URL.createObjectURL(new Blob([wasm], { type: "application/wasm" }));
    await Promise.race([workerFailed, db.instantiate(blobUrl, null)]);
    await db.open({ query: { castBigIntToDouble: false } });
  } catch (e) {
    worker.terminate();
    if (e instanceof DatabaseError) throw e;
    throw new DatabaseError("engine", "The explorer's database engine could not be loaded. Check your connection and try again.", { cause: e });
  } finally {
    if (blobUrl) URL.revokeObjectURL(blobUrl);
  }
  emit({ phase: "engine", loaded: ENGINE_FILES.wasm.bytes, total: ENGINE_FILES.wasm.bytes });
  return { db, files: new Map(), copies: new Copies(db) };
}

/** The engine's wasm, whole, with progress (its size is known: the Content-Length may be the compressed size). */
async function fetchWasm(url: string, emit: (p: Progress) => void): Promise<ArrayBuffer> {
  let res: Response;
  try {
    res = await fetch(url);
  } catch (e) {
    throw new DatabaseError("engine", "Its file could not be downloaded (the connection failed or the request was blocked).", { cause: e });
  }
  if (!res.ok) throw new DatabaseError("engine", `Its file could not be downloaded (HTTP ${res.status}).`);
  const total = ENGINE_FILES.wasm.bytes;
  if (!res.body) {
    const buf = await res.arrayBuffer();
    emit({ phase: "engine", loaded: buf.byteLength, total });
    return buf;
  }
  const out = new Uint8Array(total);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (size + value.length <= total) out.set(value, size);
      else chunks.push(value);
      size += value.length;
      emit({ phase: "engine", loaded: Math.min(size, total), total });
    }
  } catch (e) {
    throw new DatabaseError("engine", "Its download was interrupted.", { cause: e });
  }
  if (size !== total) throw new DatabaseError("engine", `Its file has ${size} bytes, expected ${total} (DuckDB-WASM ${DUCKDB_VERSION}).`);
  return out.buffer;
}

/** The shared engine, loading it on first use (a failed load is retried by the next call). */
function getEngine(base: string, onProgress?: (p: Progress) => void): Promise<Engine> {
  if (onProgress) engineListeners.add(onProgress);
  if (!engine) {
    engine = loadEngine(base);
    engine.catch(() => {
      engine = null;
    });
  }
  const e = engine;
  void e.then(
    () => onProgress && engineListeners.delete(onProgress),
    () => onProgress && engineListeners.delete(onProgress),
  );
  return e;
}

/** Whether the engine has been loaded (or is loading) on this page. */
export function engineStarted(): boolean {
  return engine !== null;
}

// ------------------------------------------------------------------------------------------------
// Releases and files.

function abortError(): DatabaseError {
  return new DatabaseError("aborted", "Stopped.");
}
function checkAbort(signal?: AbortSignal): void {
  if (signal?.aborted) throw abortError();
}
function raceAbort<T>(p: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return p;
  checkAbort(signal);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError());
    signal.addEventListener("abort", onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener("abort", onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(e);
      },
    );
  });
}

async function fetchJson<T>(url: string, signal: AbortSignal | undefined, gone: () => DatabaseError): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { signal });
  } catch (e) {
    if (signal?.aborted) throw abortError();
    throw new DatabaseError("data", `Could not fetch ${url}. Check your connection and try again.`, { cause: e });
  }
  if (res.status === 404 || res.status === 410) throw gone();
  if (!res.ok) throw new DatabaseError("data", `Could not fetch ${url} (HTTP ${res.status}).`);
  try {
    return (await res.json()) as T;
  } catch (e) {
    throw new DatabaseError("data", `${url} is not valid JSON.`, { cause: e });
  }
}

/** The release folder and manifest: the given release, or the current one. */
async function resolveRelease(base: string, release: string | null | undefined, signal?: AbortSignal): Promise<{ url: string; manifest: ReleaseManifest }> {
  const data = `${slash(base)}data/`;
  let dir: string;
  if (release) {
    if (!RELEASE_RE.test(release)) throw new DatabaseError("release-gone", `"${release.slice(0, 40)}" is not a data release id.`);
    dir = `${data}releases/${release}/`;
  } else {
    const pointer = await fetchJson<{ release?: unknown; path?: unknown }>(`${data}current.json`, signal, () => new DatabaseError("data", "This site has no current data release."));
    if (typeof pointer.release !== "string" || !RELEASE_RE.test(pointer.release)) throw new DatabaseError("data", "data/current.json does not name a release.");
    const path = typeof pointer.path === "string" && /^releases\/[0-9a-f-]+\/$/.test(pointer.path) ? pointer.path : `releases/${pointer.release}/`;
    dir = `${data}${path}`;
    release = pointer.release;
  }
  const manifest = await fetchJson<ReleaseManifest>(
    `${dir}manifest.json`,
    signal,
    () => new DatabaseError("release-gone", `Data release ${release} is no longer published on this site.`),
  );
  if (manifest.release !== release || !Array.isArray(manifest.files)) throw new DatabaseError("data", `The manifest of release ${release} does not describe it.`);
  return { url: dir, manifest };
}

function hex(buf: ArrayBuffer): string {
  return [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Fetches a file whole, reporting bytes as they arrive; checks its SHA-256 where the browser can. */
async function fetchFile(url: string, file: ManifestFile, onBytes: (n: number) => void, signal?: AbortSignal): Promise<Uint8Array> {
  let res: Response;
  try {
    res = await fetch(url, { signal });
  } catch (e) {
    if (signal?.aborted) throw abortError();
    throw new DatabaseError("data", `Could not fetch ${file.path}. Check your connection and try again.`, { cause: e });
  }
  if (!res.ok) throw new DatabaseError(res.status === 404 ? "release-gone" : "data", `Could not fetch ${file.path} (HTTP ${res.status}).`);
  const out = new Uint8Array(file.bytes);
  let size = 0;
  let overflow: Uint8Array[] | null = null;
  if (res.body) {
    const reader = res.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (!overflow && size + value.length <= out.length) out.set(value, size);
        else (overflow ??= [out.subarray(0, size)]).push(value);
        size += value.length;
        onBytes(value.length);
      }
    } catch (e) {
      if (signal?.aborted) throw abortError();
      throw new DatabaseError("data", `The download of ${file.path} was interrupted. Try again.`, { cause: e });
    }
  } else {
    const buf = new Uint8Array(await res.arrayBuffer());
    out.set(buf.subarray(0, out.length));
    size = buf.length;
    onBytes(size);
  }
  if (size !== file.bytes) throw new DatabaseError("data", `${file.path} has ${size} bytes; the release manifest says ${file.bytes}.`);
  const subtle = globalThis.crypto?.subtle;
  if (subtle && file.sha256) {
    const digest = hex(await subtle.digest("SHA-256", out));
    if (digest !== file.sha256) throw new DatabaseError("data", `${file.path} does not match its SHA-256 checksum in the release manifest.`);
  }
  return out;
}

const list = (names: string[]) => names.map((n) => `'${n.replaceAll("'", "''")}'`).join(", ");

// ------------------------------------------------------------------------------------------------
// Prepared copies.

/** Where the copies are kept: a database file in the engine's memory (DuckDB compresses what it stores). */
const COPIES = "prepared";
/**
 * The tables copied: allocations (the views that read every year of them, joined to schools and bands,
 * were the slow ones) and the small tables they join. Line items stay read from Parquet: their views are
 * fast enough there, and copying them would cost about 17 MB more memory and 2 s more engine time.
 */
const COPIED_TABLES = new Set(["allocations", "schools", "enrollment", "codes", "outcomes"]);

/**
 * Copies of registered Parquet files in the engine's own storage, shared by every caller. Each file is
 * copied whole into a table of its own (CREATE TABLE AS, then CHECKPOINT: dictionary-compressed columns),
 * small files first, one at a time, and only when no query of any caller is running or waiting: a query
 * waits at most for the one copy under way. A file that cannot be copied stays read from Parquet.
 */
class Copies {
  private readonly db: AsyncDuckDB;
  private conn: Promise<AsyncDuckDBConnection | null> | null = null;
  /** File name → the table holding its rows. */
  readonly tables = new Map<string, string>();
  /** Bumped when a copy is added: views compare it with the version they were made with. */
  version = 0;
  /** Queries running or waiting, on every connection. */
  active = 0;
  private readonly waiting: { name: string; bytes: number }[] = [];
  private readonly seen = new Set<string>();
  private running = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private next = 0;
  /** Time spent copying so far (ms). */
  private elapsed = 0;

  constructor(db: AsyncDuckDB) {
    this.db = db;
  }

  /** Queues files for copying (each once). */
  add(files: { name: string; bytes: number }[]): void {
    let added = false;
    for (const f of files) {
      if (this.seen.has(f.name)) continue;
      this.seen.add(f.name);
      this.waiting.push(f);
      added = true;
    }
    if (!added) return;
    this.waiting.sort((a, b) => a.bytes - b.bytes);
    if (!this.running) mark("duckdb:preparing", { files: this.waiting.length });
    this.schedule();
  }

  /** Runs the next copy soon, once the queries of the moment are done (a macrotask: after their follow-ups). */
  schedule(): void {
    if (this.timer !== null || this.running || this.active > 0 || this.waiting.length === 0) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.pump();
    }, 0);
  }

  private connect(): Promise<AsyncDuckDBConnection | null> {
    this.conn ??= (async () => {
      try {
        const conn = await this.db.connect();
        await conn.query(`ATTACH '${COPIES}.duckdb' AS ${COPIES}`);
        // Dictionaries for text (the default also tries FSST, several times slower to write here).
        await conn.query("PRAGMA force_compression='dictionary'");
        return conn;
      } catch {
        return null;
      }
    })();
    return this.conn;
  }

  private async pump(): Promise<void> {
    if (this.running || this.active > 0) return;
    const file = this.waiting.shift();
    if (!file) return;
    this.running = true;
    const t0 = performance.now();
    try {
      const conn = await this.connect();
      if (!conn) {
        this.waiting.length = 0;
        return;
      }
      const table = `${COPIES}.main.f${this.next++}`;
      try {
        await conn.query(`CREATE TABLE ${table} AS SELECT * FROM read_parquet([${list([file.name])}])`);
      } catch {
        await conn.query(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
        return;
      }
      // Compresses the rows still in the write-ahead log (the copy is usable either way).
      await conn.query(`CHECKPOINT ${COPIES}`).catch(() => undefined);
      this.tables.set(file.name, table);
      this.version++;
    } finally {
      this.running = false;
      this.elapsed += performance.now() - t0;
      if (this.waiting.length === 0) mark("duckdb:prepared", { files: this.tables.size, ms: Math.round(this.elapsed) });
      this.schedule();
    }
  }
}

function mark(name: string, detail: Record<string, number>): void {
  try {
    performance.mark(name, { detail });
  } catch {
    // Marks are for measuring only.
  }
}

// ------------------------------------------------------------------------------------------------
// The per-caller database.

let nextSchema = 0;

class Database implements BrowserDb {
  readonly release: string;
  readonly manifest: ReleaseManifest;
  readonly releaseUrl: string;
  private readonly engine: Engine;
  private readonly conn: AsyncDuckDBConnection;
  private readonly schema: string;
  private readonly views = new Map<string, string[] | "all">();
  /** Each view's files (in the manifest's order) and its current definition. */
  private readonly sources = new Map<string, { files: string[]; sql: string }>();
  /** The copies' version the views were last made with. */
  private copiesSeen = -1;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(engine: Engine, conn: AsyncDuckDBConnection, schema: string, url: string, manifest: ReleaseManifest) {
    this.engine = engine;
    this.conn = conn;
    this.schema = schema;
    this.releaseUrl = url;
    this.manifest = manifest;
    this.release = manifest.release;
  }

  /** Runs one task at a time on this connection (copies wait while any task runs or waits). */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const copies = this.engine.copies;
    copies.active++;
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    const done = () => {
      copies.active--;
      copies.schedule();
    };
    run.then(done, done);
    return run;
  }

  /** A view over these files: the copies where there are copies, Parquet for the rest, in file order. */
  private viewSql(files: string[]): string {
    const parts: string[] = [];
    let parquet: string[] = [];
    const flush = () => {
      if (parquet.length) parts.push(`SELECT * FROM read_parquet([${list(parquet)}])`);
      parquet = [];
    };
    for (const name of files) {
      const copy = this.engine.copies.tables.get(name);
      if (!copy) {
        parquet.push(name);
        continue;
      }
      flush();
      parts.push(`SELECT * FROM ${copy}`);
    }
    flush();
    return parts.join("\nUNION ALL\n");
  }

  /** (Re)creates the views whose copies changed since they were made (inside a serial task). */
  private async refreshViews(): Promise<void> {
    const version = this.engine.copies.version;
    if (version === this.copiesSeen) return;
    for (const [table, src] of this.sources) {
      const sql = this.viewSql(src.files);
      if (sql === src.sql) continue;
      try {
        await this.conn.query(`CREATE OR REPLACE VIEW ${this.schema}.${table} AS ${sql}`);
        src.sql = sql;
      } catch {
        // The view still reads what it read before (the Parquet files stay registered).
      }
    }
    this.copiesSeen = version;
  }

  loaded(): Record<string, string[] | "all"> {
    return Object.fromEntries(this.views);
  }

  async ensureTables(tables: TableRequest[], options: { onProgress?: (p: Progress) => void; signal?: AbortSignal } = {}): Promise<void> {
    const { onProgress, signal } = options;
    const wanted: { table: string; key: string[] | "all"; files: ManifestFile[] }[] = [];
    for (const t of tables) {
      if (!(TABLES as readonly string[]).includes(t.table)) throw new DatabaseError("query", `Unknown table "${String(t.table).slice(0, 40)}".`);
      const all = this.manifest.files.filter((f) => f.table === t.table && f.path.endsWith(".parquet"));
      if (all.length === 0) throw new DatabaseError("data", `Data release ${this.release} has no ${t.table} table.`);
      const years = t.fiscalYears ? [...new Set(t.fiscalYears)].sort() : null;
      const files = years ? all.filter((f) => !f.fiscal_year || years.includes(f.fiscal_year)) : all;
      if (files.length === 0) throw new DatabaseError("data", `Data release ${this.release} has no ${t.table} for ${years?.join(", ")}.`);
      const split = all.some((f) => f.fiscal_year);
      wanted.push({ table: t.table, key: years && split ? years : "all", files });
    }
    // Fetch what the engine does not have yet (other callers' files are shared), with one progress total.
    const missing = wanted.flatMap((w) => w.files).filter((f, i, a) => a.indexOf(f) === i && !this.engine.files.has(this.fileName(f)));
    const total = missing.reduce((n, f) => n + f.bytes, 0);
    let loaded = 0;
    if (missing.length) onProgress?.({ phase: "data", loaded, total });
    const pending = wanted.flatMap((w) => w.files).filter((f, i, a) => a.indexOf(f) === i).map((f) => {
      const name = this.fileName(f);
      let p = this.engine.files.get(name);
      if (!p) {
        p = fetchFile(`${this.releaseUrl}${f.path}`, f, (n) => {
          loaded += n;
          onProgress?.({ phase: "data", loaded, total });
        }, signal).then((buf) => this.engine.db.registerFileBuffer(name, buf));
        this.engine.files.set(name, p);
        p.catch(() => this.engine.files.delete(name));
      }
      return p;
    });
    await raceAbort(Promise.all(pending), signal);
    await this.serial(async () => {
      for (const w of wanted) {
        const prev = this.views.get(w.table);
        if (prev !== undefined && JSON.stringify(prev) === JSON.stringify(w.key)) continue;
        const files = w.files.map((f) => this.fileName(f));
        const sql = this.viewSql(files);
        await this.conn.query(`CREATE OR REPLACE VIEW ${this.schema}.${w.table} AS ${sql}`);
        this.sources.set(w.table, { files, sql });
        this.views.set(w.table, w.key);
      }
    });
    this.engine.copies.add(wanted.filter((w) => COPIED_TABLES.has(w.table)).flatMap((w) => w.files.map((f) => ({ name: this.fileName(f), bytes: f.bytes }))));
  }

  private fileName(f: ManifestFile): string {
    return `${this.release}/${f.path}`;
  }

  query(sql: string, params: Param[] = []): Promise<Record<string, unknown>[]> {
    return this.serial(async () => {
      let table;
      try {
        await this.refreshViews();
        if (params.length === 0) table = await this.conn.query(sql);
        else {
          const stmt = await this.conn.prepare(sql);
          try {
            table = await stmt.query(...params);
          } finally {
            await stmt.close();
          }
        }
      } catch (e) {
        throw new DatabaseError("query", e instanceof Error ? e.message : String(e), { cause: e });
      }
      return table.toArray().map((row: { toJSON(): Record<string, unknown> }) => plain(row.toJSON()));
    });
  }

  queryToParquet(sql: string, params: Param[] = []): Promise<Uint8Array> {
    return this.serial(async () => {
      const name = `${this.schema}_download_${Date.now()}.parquet`;
      const tmp = `${this.schema}_download`;
      try {
        await this.refreshViews();
        const stmt = await this.conn.prepare(`CREATE OR REPLACE TEMP TABLE ${tmp} AS ${sql}`);
        try {
          await stmt.query(...params);
        } finally {
          await stmt.close();
        }
        await this.engine.db.registerEmptyFileBuffer(name);
        await this.conn.query(`COPY ${tmp} TO '${name}' (FORMAT PARQUET, COMPRESSION ZSTD)`);
        return await this.engine.db.copyFileToBuffer(name);
      } catch (e) {
        throw new DatabaseError("query", e instanceof Error ? e.message : String(e), { cause: e });
      } finally {
        await this.conn.query(`DROP TABLE IF EXISTS ${tmp}`).catch(() => undefined);
        await this.engine.db.dropFile(name).catch(() => undefined);
      }
    });
  }
}

/** Arrow values → plain JSON-friendly values (BigInt → number when safe, else string). */
function plain(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (typeof v === "bigint") out[k] = v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
    else out[k] = v;
  }
  return out;
}

/**
 * The shared database for a release (the current one unless `release` is given). Loads the engine on
 * first use, reporting progress ("engine": wasm bytes); the data is fetched by ensureTables ("data").
 */
export async function getDatabase(options: GetDatabaseOptions = {}): Promise<BrowserDb> {
  const base = options.base ?? defaultBase();
  const { signal, onProgress } = options;
  checkAbort(signal);
  // The engine and the release manifest load at the same time.
  const enginePromise = getEngine(base, onProgress);
  const releasePromise = resolveRelease(base, options.release ?? null, signal);
  enginePromise.catch(() => undefined);
  releasePromise.catch(() => undefined);
  const [eng, rel] = await raceAbort(Promise.all([enginePromise, releasePromise]), signal);
  const conn = await eng.db.connect();
  const schema = `r${nextSchema++}_${rel.manifest.release.replaceAll("-", "_")}`;
  await conn.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  await conn.query(`SET search_path = '${schema}'`);
  return new Database(eng, conn, schema, rel.url, rel.manifest);
}
