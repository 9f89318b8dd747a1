// The Data page's facts: every published release (newest first) with its files, sizes and checksums,
// read from each release's manifest.json at build time.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { ManifestFile } from "./release.ts";

export interface PublishedRelease {
  id: string;
  created: string;
  files: ManifestFile[];
  bytes: number;
}

/** Every release under `<dataDir>/releases/` that has a readable manifest, newest first. */
export function publishedReleases(dataDir: string): PublishedRelease[] {
  const root = path.join(dataDir, "releases");
  if (!existsSync(root)) return [];
  const out: PublishedRelease[] = [];
  for (const id of readdirSync(root)) {
    const file = path.join(root, id, "manifest.json");
    if (!existsSync(file)) continue;
    const m = JSON.parse(readFileSync(file, "utf8")) as { release: string; created: string; files: ManifestFile[] };
    out.push({ id: m.release, created: m.created, files: m.files, bytes: m.files.reduce((n, f) => n + f.bytes, 0) });
  }
  return out.sort((a, b) => b.created.localeCompare(a.created) || b.id.localeCompare(a.id));
}

/** 1234567 → "1.2 MB" (decimal units, as downloads are usually shown). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ["kB", "MB", "GB"];
  let v = bytes / 1000;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}
