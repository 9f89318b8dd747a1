/**
 * Pages need no JavaScript: the only script a page may carry is the small, inline, idle-time offline
 * support module (src/components/OfflineSupport.astro). Returns every other <script> of a page (or any
 * script that loads a file), so tests can assert the list is empty.
 */
export function scriptsBeyondOfflineSupport(html: string): string[] {
  const scripts = [...html.matchAll(/<script\b[^>]*>[\s\S]*?<\/script>/gi)].map((m) => m[0]);
  return scripts.filter((s) => /\ssrc=/i.test(s) || !s.includes("serviceWorker") || s.length > 6000);
}
