/**
 * Pages need no JavaScript to show their content: scripts may only enhance (offline support, language
 * suggestion, search, question box, tour), so each must be a deferred ES module (`type="module"`, never
 * render-blocking), served from this site (inline, or a root-relative src — never another origin), and
 * small when inline (≤ 16 KB each, ≤ 48 KB together). Returns every script of a page that breaks these
 * rules, so tests can assert the list is empty. The first-view tests (wasm and Parquet blocked) check
 * separately that the content is there without any of them.
 */
export function nonEnhancementScripts(html: string): string[] {
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].map((m) => ({ all: m[0], attrs: m[1] ?? "", body: m[2] ?? "" }));
  const bad = scripts.filter((s) => {
    if (/type\s*=\s*"application\/(ld\+)?json"/i.test(s.attrs)) return false; // data, not code
    if (!/type\s*=\s*"module"/i.test(s.attrs)) return true;
    const src = /\ssrc\s*=\s*"([^"]*)"/i.exec(s.attrs)?.[1];
    if (src !== undefined) return !src.startsWith("/") || src.startsWith("//");
    return s.body.length > 16_000;
  });
  const inline = scripts.filter((s) => !/\ssrc=/i.test(s.attrs) && !/application\/(ld\+)?json/i.test(s.attrs)).reduce((n, s) => n + s.body.length, 0);
  if (inline > 48_000) bad.push({ all: `<!-- ${inline} bytes of inline script in all -->`, attrs: "", body: "" });
  return bad.map((s) => s.all.slice(0, 200));
}

/** The former name (pages then carried only the offline script); same rules as nonEnhancementScripts. */
export const scriptsBeyondOfflineSupport = nonEnhancementScripts;
