// Loads the current release (written by `npm run data`) at build time.
//
//   <data dir>/current.json                      {"release": "<id>", "path": "releases/<id>/", "created": "…"}
//   <data dir>/releases/<id>/manifest.json       the release manifest
//   <data dir>/releases/<id>/rollups/*.json      small pre-aggregated tables the pages render from
//
// The data directory is `public/data` unless the caller passes another one or the environment sets
// RELEASE_DIR (e.g. `RELEASE_DIR=src/site/__fixtures__/release astro build`). Relative paths are
// resolved against the current working directory (the project root when run through npm or astro).

import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseCents } from "./money.ts";

export const DEFAULT_DATA_DIR = "public/data";

export interface CurrentPointer {
  release: string;
  path: string;
  created: string;
}

export interface District {
  name: string;
  cds_code: string;
  sample: boolean;
}

/** A release file as the pipeline lists it in manifest.json. */
export type ManifestFile = import("../pipeline/release.ts").ReleaseFile;

export interface ManifestSource {
  path: string;
  layout?: string;
  rows?: number;
  bytes: number;
  sha256: string;
}

export interface ManifestRollup {
  name: string;
  path: string;
  rows: number;
}

export interface Manifest {
  release: string;
  created: string;
  pipeline_version: string;
  district: District;
  fiscal_years: string[];
  files: ManifestFile[];
  sources: ManifestSource[];
  rollups: ManifestRollup[];
}

export interface Rollup<Row> {
  name: string;
  description: string;
  sql: string;
  columns: string[];
  rows: Row[];
  /** Path of the rollup file relative to the release folder ("rollups/object_groups.json"). */
  path: string;
}

export type ColumnCode = "BB" | "IO" | "IB" | "IP" | "BE" | "IA" | "BA";

export interface ObjectGroupRow {
  fiscal_year: string;
  column_code: string;
  phase: string;
  object_class: string;
  object_group: string;
  /** Decimal string, exact to the cent. */
  amount: string;
  /** The same amount as integer cents (parsed once at load time). */
  cents: bigint;
  lines: number;
}

export interface EnrollmentRow {
  fiscal_year: string;
  schools: number;
  enrollment: number;
}

export interface Release {
  /** Absolute path of the data directory. */
  dataDir: string;
  /** Absolute path of the release folder. */
  releaseDir: string;
  current: CurrentPointer;
  manifest: Manifest;
  objectGroups: Rollup<ObjectGroupRow>;
  /** Null when the district published no enrollment.csv. */
  enrollment: Rollup<EnrollmentRow> | null;
}

/** Every problem with the release the site is built from is reported as a ReleaseError. */
export class ReleaseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReleaseError";
  }
}

export const HOW_TO_MAKE_A_RELEASE =
  "Run `npm run data` to build a data release (or `npm run sample && npm run data` if the sample district " +
  "has not been generated yet), then build the site again.";

/** The data directory to read: the argument, else $RELEASE_DIR, else public/data; made absolute. */
export function resolveDataDir(dataDir?: string): string {
  const dir = dataDir ?? (process.env["RELEASE_DIR"] || DEFAULT_DATA_DIR);
  return path.resolve(process.cwd(), dir);
}

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new ReleaseError(`Cannot read ${what} at ${file}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new ReleaseError(`${what} at ${file} is not valid JSON: ${(e as Error).message}`);
  }
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function str(o: Obj, key: string, where: string): string {
  const v = o[key];
  if (typeof v !== "string") throw new ReleaseError(`${where}: "${key}" must be a string, found ${JSON.stringify(v)}`);
  return v;
}

function num(o: Obj, key: string, where: string): number {
  const v = o[key];
  if (typeof v === "number" && Number.isFinite(v)) return v;
  // Counts may be written as strings by SQL engines that widen integers (BIGINT/HUGEINT).
  if (typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  throw new ReleaseError(`${where}: "${key}" must be a number, found ${JSON.stringify(v)}`);
}

function arr(o: Obj, key: string, where: string): unknown[] {
  const v = o[key];
  if (!Array.isArray(v)) throw new ReleaseError(`${where}: "${key}" must be an array`);
  return v;
}

function objects(o: Obj, key: string, where: string): Obj[] {
  return arr(o, key, where).map((item, i) => {
    if (!isObj(item)) throw new ReleaseError(`${where}: ${key}[${i}] must be an object`);
    return item;
  });
}

/** Keeps a path from the release inside its folder (no absolute paths, no `..`). */
function inside(base: string, relative: string, where: string): string {
  const full = path.resolve(base, relative);
  const rel = path.relative(base, full);
  if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) {
    throw new ReleaseError(`${where}: path ${JSON.stringify(relative)} points outside ${base}`);
  }
  return full;
}

function parseCurrent(v: unknown, where: string): CurrentPointer {
  if (!isObj(v)) throw new ReleaseError(`${where} must be a JSON object`);
  const release = str(v, "release", where);
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(release)) {
    throw new ReleaseError(`${where}: release id ${JSON.stringify(release)} is not a plain folder name`);
  }
  const p = typeof v["path"] === "string" ? v["path"] : `releases/${release}/`;
  const created = typeof v["created"] === "string" ? v["created"] : "";
  return { release, path: p.endsWith("/") ? p : `${p}/`, created };
}

function parseManifest(v: unknown, where: string): Manifest {
  if (!isObj(v)) throw new ReleaseError(`${where} must be a JSON object`);
  const d = v["district"];
  if (!isObj(d)) throw new ReleaseError(`${where}: "district" must be an object`);
  const district: District = {
    name: str(d, "name", `${where} district`),
    cds_code: typeof d["cds_code"] === "string" ? d["cds_code"] : "",
    sample: d["sample"] === true,
  };
  const fiscal_years = arr(v, "fiscal_years", where).map((fy, i) => {
    if (typeof fy !== "string") throw new ReleaseError(`${where}: fiscal_years[${i}] must be a string`);
    return fy;
  });
  const files = objects(v, "files", where).map((f, i): ManifestFile => {
    const w = `${where} files[${i}]`;
    const file: ManifestFile = {
      path: str(f, "path", w),
      table: str(f, "table", w),
      rows: num(f, "rows", w),
      bytes: num(f, "bytes", w),
      sha256: str(f, "sha256", w),
    };
    if (typeof f["fiscal_year"] === "string") file.fiscal_year = f["fiscal_year"];
    return file;
  });
  const sources = (Array.isArray(v["sources"]) ? objects(v, "sources", where) : []).map((s, i): ManifestSource => {
    const w = `${where} sources[${i}]`;
    const source: ManifestSource = { path: str(s, "path", w), bytes: num(s, "bytes", w), sha256: str(s, "sha256", w) };
    if (typeof s["layout"] === "string") source.layout = s["layout"];
    if (s["rows"] !== undefined) source.rows = num(s, "rows", w);
    return source;
  });
  const rollups = objects(v, "rollups", where).map(
    (r, i): ManifestRollup => ({
      name: str(r, "name", `${where} rollups[${i}]`),
      path: str(r, "path", `${where} rollups[${i}]`),
      rows: num(r, "rows", `${where} rollups[${i}]`),
    }),
  );
  return {
    release: str(v, "release", where),
    created: str(v, "created", where),
    pipeline_version: typeof v["pipeline_version"] === "string" ? v["pipeline_version"] : "",
    district,
    fiscal_years,
    files,
    sources,
    rollups,
  };
}

function parseRollup<Row>(v: unknown, relPath: string, where: string, row: (o: Obj, where: string) => Row): Rollup<Row> {
  if (!isObj(v)) throw new ReleaseError(`${where} must be a JSON object`);
  return {
    name: str(v, "name", where),
    description: typeof v["description"] === "string" ? v["description"] : "",
    sql: typeof v["sql"] === "string" ? v["sql"] : "",
    columns: arr(v, "columns", where).map(String),
    rows: objects(v, "rows", where).map((o, i) => row(o, `${where} rows[${i}]`)),
    path: relPath,
  };
}

function objectGroupRow(o: Obj, where: string): ObjectGroupRow {
  const amount = str(o, "amount", where);
  let cents: bigint;
  try {
    cents = parseCents(amount, `${where} amount`);
  } catch (e) {
    throw new ReleaseError((e as Error).message);
  }
  const group = o["object_group"];
  return {
    fiscal_year: str(o, "fiscal_year", where),
    column_code: str(o, "column_code", where),
    phase: typeof o["phase"] === "string" ? o["phase"] : "",
    object_class: str(o, "object_class", where),
    // An object code outside every group may come through as null.
    object_group: typeof group === "string" && group !== "" ? group : "unclassified",
    amount,
    cents,
    lines: o["lines"] === undefined ? 0 : num(o, "lines", where),
  };
}

function enrollmentRow(o: Obj, where: string): EnrollmentRow {
  return {
    fiscal_year: str(o, "fiscal_year", where),
    schools: o["schools"] === undefined || o["schools"] === null ? 0 : num(o, "schools", where),
    enrollment: num(o, "enrollment", where),
  };
}

function rollupPath(manifest: Manifest, name: string): { relPath: string; listed: boolean } {
  const entry = manifest.rollups.find((r) => r.name === name);
  return entry ? { relPath: entry.path, listed: true } : { relPath: `rollups/${name}.json`, listed: false };
}

/** Reads and checks the current release. Throws a ReleaseError saying what to do when there is none. */
export function loadRelease(dataDir?: string): Release {
  const dir = resolveDataDir(dataDir);
  const currentFile = path.join(dir, "current.json");
  if (!existsSync(currentFile)) {
    throw new ReleaseError(`No data release found: ${currentFile} does not exist. ${HOW_TO_MAKE_A_RELEASE}`);
  }
  const current = parseCurrent(readJson(currentFile, "current.json"), currentFile);
  const releaseDir = inside(dir, current.path, currentFile);
  const manifestFile = path.join(releaseDir, "manifest.json");
  if (!existsSync(manifestFile)) {
    throw new ReleaseError(
      `current.json points to release ${current.release}, but ${manifestFile} does not exist. ${HOW_TO_MAKE_A_RELEASE}`,
    );
  }
  const manifest = parseManifest(readJson(manifestFile, "release manifest"), manifestFile);
  if (manifest.release !== current.release) {
    throw new ReleaseError(
      `${manifestFile} is for release ${manifest.release}, but current.json names ${current.release}. ${HOW_TO_MAKE_A_RELEASE}`,
    );
  }

  const og = rollupPath(manifest, "object_groups");
  const ogFile = inside(releaseDir, og.relPath, manifestFile);
  if (!existsSync(ogFile)) {
    throw new ReleaseError(`Release ${current.release} has no object_groups rollup (${ogFile}). ${HOW_TO_MAKE_A_RELEASE}`);
  }
  const objectGroups = parseRollup(readJson(ogFile, "object_groups rollup"), og.relPath, ogFile, objectGroupRow);

  // Enrollment is optional: a district without enrollment.csv has no enrollment rollup.
  const en = rollupPath(manifest, "enrollment");
  const enFile = inside(releaseDir, en.relPath, manifestFile);
  let enrollment: Rollup<EnrollmentRow> | null = null;
  if (existsSync(enFile)) {
    enrollment = parseRollup(readJson(enFile, "enrollment rollup"), en.relPath, enFile, enrollmentRow);
  } else if (en.listed) {
    throw new ReleaseError(`${manifestFile} lists an enrollment rollup at ${en.relPath}, but ${enFile} does not exist`);
  }

  return { dataDir: dir, releaseDir, current, manifest, objectGroups, enrollment };
}

const cache = new Map<string, Release>();

/** loadRelease, read once per data directory per build. */
export function getRelease(dataDir?: string): Release {
  const dir = resolveDataDir(dataDir);
  let release = cache.get(dir);
  if (!release) {
    release = loadRelease(dir);
    cache.set(dir, release);
  }
  return release;
}
