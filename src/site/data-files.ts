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

const UNITS = ["kilobyte", "megabyte", "gigabyte"] as const;
const SHORT = ["kB", "MB", "GB"] as const;
const byteFormats = new Map<string, Intl.NumberFormat>();

/**
 * 1234567 → "1.2 MB" (decimal units, as downloads are usually shown; one decimal below 10). English keeps
 * "B", "kB", "MB", "GB"; other locales get their own digits and unit names from Intl.
 */
export function formatBytes(bytes: number, locale: string = "en"): string {
  let v = bytes;
  let i = -1;
  while (v >= 1000 && i < UNITS.length - 1) {
    v /= 1000;
    i++;
  }
  const digits = i >= 0 && v < 10 ? 1 : 0;
  if (locale === "en") return i < 0 ? `${bytes} B` : `${v.toFixed(digits)} ${SHORT[i]}`;
  const unit = i < 0 ? "byte" : UNITS[i]!;
  const key = `${locale}|${unit}|${digits}`;
  let nf = byteFormats.get(key);
  if (!nf) byteFormats.set(key, (nf = new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "short", minimumFractionDigits: digits, maximumFractionDigits: digits })));
  // toFixed's rounding, so every locale shows the same figure as English.
  return nf.format(Number(v.toFixed(digits)));
}
