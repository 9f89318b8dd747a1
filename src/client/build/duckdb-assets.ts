/**
 * Self-hosting DuckDB-WASM: an Astro integration that copies the engine's wasm and worker from
 * node_modules/@duckdb/duckdb-wasm/dist into public/duckdb/<version>/ before every build and dev server
 * start (public/duckdb/ is git-ignored), so the built site serves them as /duckdb/<version>/… and the
 * browser never asks another site for anything. The version is in the path: the files never change under
 * one URL, and the service worker caches them per version.
 *
 * Only the "eh" build (WebAssembly exception handling: every current browser) is copied. The "mvp"
 * fallback is larger (22 MB, 4.8 MB gzip) than the eh build and only serves browsers from before 2022;
 * those get a clear message instead (src/client/db.ts, missingFeatures()).
 */
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { DUCKDB_VERSION, ENGINE_FILES } from "../db.ts";

const require = createRequire(import.meta.url);

/** The folder of @duckdb/duckdb-wasm's dist files, checking the installed version is the pinned one. */
export function duckdbDist(): string {
  const dist = path.dirname(require.resolve("@duckdb/duckdb-wasm/dist/duckdb-eh.wasm"));
  const { version } = JSON.parse(fs.readFileSync(path.join(dist, "..", "package.json"), "utf8")) as { version: string };
  if (version !== DUCKDB_VERSION) {
    throw new Error(`@duckdb/duckdb-wasm ${version} is installed; the explorer is pinned to ${DUCKDB_VERSION} (the last release with Parquet built in)`);
  }
  return dist;
}

/** Copies the engine files into `<publicDir>/duckdb/<version>/` (only when missing or changed). Returns their paths. */
export function copyDuckdbAssets(publicDir: string): string[] {
  const dist = duckdbDist();
  const out = path.join(publicDir, "duckdb", DUCKDB_VERSION);
  fs.mkdirSync(out, { recursive: true });
  const written: string[] = [];
  for (const { name, bytes } of Object.values(ENGINE_FILES)) {
    const src = path.join(dist, name);
    const size = fs.statSync(src).size;
    if (size !== bytes) throw new Error(`${src} has ${size} bytes, expected ${bytes} (src/client/db.ts ENGINE_FILES)`);
    const dest = path.join(out, name);
    if (!fs.existsSync(dest) || fs.statSync(dest).size !== size) {
      // Written under a temporary name and renamed: builds that run at the same time never see half a file.
      const tmp = `${dest}.${process.pid}.tmp`;
      fs.copyFileSync(src, tmp);
      fs.renameSync(tmp, dest);
    }
    written.push(dest);
  }
  return written;
}

/** The Astro integration (astro.config.mjs: `integrations: [duckdbAssets()]`). */
export function duckdbAssets() {
  return {
    name: "open-school-budget:duckdb-assets",
    hooks: {
      "astro:config:setup": ({ config }: { config: { publicDir: URL } }) => {
        copyDuckdbAssets(fileURLToPath(config.publicDir));
      },
    },
  };
}
