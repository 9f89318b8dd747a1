// URLs of pages and release files, relative to the site's base path (Astro's import.meta.env.BASE_URL).

import type { CurrentPointer } from "./release.ts";
import { localizePath, splitLocalePath } from "../i18n/locales.ts";

/** Joins the base path ("/" or "/budget/") and a path inside the site ("data/current.json"). */
export function withBase(base: string, path: string): string {
  const b = base.endsWith("/") ? base : `${base}/`;
  return `${b}${path.replace(/^\/+/, "")}`;
}

/** The URL of a file of the current release as the site serves it (public/data → /data). */
export function releaseFileUrl(base: string, current: CurrentPointer, file: string): string {
  return withBase(base, `data/${current.path}${file.replace(/^\/+/, "")}`);
}

/** A page's URL in a locale: ("/", "es", "schools/") → "/es/schools/". */
export function localHref(base: string, locale: string | undefined, path: string): string {
  return withBase(base, localizePath(locale, path));
}

/** The path of the current page relative to the base, without its locale: "/b/es/schools/x/" → "schools/x/". */
export function pagePathOf(base: string, pathname: string): string {
  const home = withBase(base, "");
  const rel = pathname.startsWith(home) ? pathname.slice(home.length) : pathname.replace(/^\/+/, "");
  return splitLocalePath(rel)[1];
}
