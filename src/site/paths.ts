// URLs of pages and release files, relative to the site's base path (Astro's import.meta.env.BASE_URL).

import type { CurrentPointer } from "./release.ts";

/** Joins the base path ("/" or "/budget/") and a path inside the site ("data/current.json"). */
export function withBase(base: string, path: string): string {
  const b = base.endsWith("/") ? base : `${base}/`;
  return `${b}${path.replace(/^\/+/, "")}`;
}

/** The URL of a file of the current release as the site serves it (public/data → /data). */
export function releaseFileUrl(base: string, current: CurrentPointer, file: string): string {
  return withBase(base, `data/${current.path}${file.replace(/^\/+/, "")}`);
}
