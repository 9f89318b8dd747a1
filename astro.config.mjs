// @ts-check
import { defineConfig } from "astro/config";
import { duckdbAssets } from "./src/client/build/duckdb-assets.ts";

// The site is fully static: every page is pre-rendered at build time from the current data release
// (public/data, or the folder named by RELEASE_DIR). Nothing is fetched from the internet, at build
// time or in the browser.

/** Fails fast, before anything is built, when there is no release to build from. */
function requireRelease() {
  return {
    name: "open-school-budget:require-release",
    hooks: {
      /** @param {{ command: string }} options */
      "astro:config:setup": async ({ command }) => {
        if (command !== "build" && command !== "dev") return;
        const { loadRelease } = await import("./src/site/release.ts");
        loadRelease(); // throws a ReleaseError saying to run `npm run data`
      },
    },
  };
}

export default defineConfig({
  site: process.env.SITE_URL || "http://localhost:4321",
  // Served under a sub-path (e.g. GitHub Pages project sites: /<repository>/) when BASE_PATH is set.
  base: process.env.BASE_PATH || "/",
  output: "static",
  i18n: {
    defaultLocale: "en",
    // Keep in step with src/i18n/locales.ts (a test checks).
    locales: ["en", "es", "hy", { path: "zh-hant", codes: ["zh-Hant"] }, "ko", "ru", "tl", "vi", "fa", "ja", "km", "ar"],
    routing: { prefixDefaultLocale: false },
  },
  build: {
    // The site stylesheet is one shared file (cached once by the browser, not repeated in each of ~14,000
    // pages; the published site is near GitHub Pages' 1 GB limit); only small page-specific styles are
    // inlined. The service worker precaches it with the app shell so offline pages keep their styles.
    inlineStylesheets: "auto",
  },
  devToolbar: { enabled: false },
  integrations: [requireRelease(), duckdbAssets()],
});
