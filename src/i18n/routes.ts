// getStaticPaths helpers: every page lives under src/pages/[...locale]/ and is built once per locale.
// English has no prefix (the `locale` param is undefined), the others use their path segment.

import { LOCALE_INFO } from "./locales.ts";

type Params = Record<string, string | undefined>;

/** The `locale` param of each locale: undefined (English, the root), "es", "zh-hant", … */
export const LOCALE_PARAMS: readonly (string | undefined)[] = LOCALE_INFO.map((l) => l.path || undefined);

/** Paths for a page without other params: one per locale. */
export function localePaths(): { params: { locale: string | undefined } }[] {
  return LOCALE_PARAMS.map((locale) => ({ params: { locale } }));
}

/** Crosses a page's own paths with every locale. */
export function withLocales<P extends Params, R>(paths: { params: P; props?: R }[]): { params: P & { locale: string | undefined }; props?: R }[] {
  return LOCALE_PARAMS.flatMap((locale) => paths.map((p) => ({ ...p, params: { ...p.params, locale } })));
}
