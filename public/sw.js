/*
  Service worker (issue 7, "Offline"): plain JavaScript, no build step.

  Caches are versioned by the data release id (from data/current.json):
  - shell-<release>: the app shell, precached at install (home, 404, web app manifest, icons, favicon,
    current.json, and the home page's stylesheet into assets-<release>): a few KB, never data files;
  - pages-<release>: pages, cached as they are visited (network first, cache when offline) and those the
    reader saved with "Save for offline";
  - data-<release>: files under data/releases/<release>/, cached on first use (cache first; immutable);
  - assets-<release>: the site's scripts and the search index, cached on first use: _astro/ files have
    content-hashed names and duckdb/<version>/ files (the Explorer's engine) a versioned path (cache
    first, carried over to a new release); others (pagefind/) are fetched first and read from the
    cache when offline, so search and the Explorer keep working offline once used.
  A small "offline-state" cache remembers the active release and the saved pages.

  When a fetched data/current.json names another release (the SW checks it on every page load), the SW
  switches: it precaches the new shell and refetches the saved pages into the new release's caches, then
  makes the new release active, deletes every cache of other releases (old pages never mix with new
  ones), and tells open pages {type: "release", release, previous} so they can offer a reload. If the
  switch cannot finish (offline half-way), the new caches are dropped and the old release stays.
*/
const BASE = new URL(self.registration.scope).pathname; // "/" or "/base/"
const at = (p) => BASE + p;
const POINTER = at("data/current.json");
const SHELL = ["", "404.html", "manifest.webmanifest", "favicon.svg", "icons/icon-192.png", "icons/icon-512.png", "icons/maskable-192.png"].map(at);
const KINDS = ["shell", "pages", "data", "assets"];
const STATE_CACHE = "offline-state";
const STATE_KEY = at("__offline-state.json");

/* ---- state: { release, path, saved: [pathname], next? } ---- */

let state = null;
async function getState() {
  if (!state) {
    const r = await (await caches.open(STATE_CACHE)).match(STATE_KEY);
    state = r ? await r.json() : { release: null, path: null, saved: [] };
  }
  return state;
}
async function setState(s) {
  state = s;
  const body = JSON.stringify(s);
  await (await caches.open(STATE_CACHE)).put(STATE_KEY, new Response(body, { headers: { "content-type": "application/json" } }));
}

/** The current pointer from the network: { pointer: {release, path}, res }. Throws when offline. */
async function fetchPointer() {
  const res = await fetch(POINTER, { cache: "no-store" });
  if (!res.ok) throw new Error(`${POINTER}: ${res.status}`);
  const pointer = await res.clone().json();
  if (typeof pointer.release !== "string" || !pointer.release) throw new Error(`${POINTER}: no release`);
  return { pointer, res };
}

const fresh = (url) => new Request(url, { cache: "no-cache", credentials: "same-origin" });

/** Fetches `url` into `cache`; true when it was stored, false when the site has no such file (throws offline). */
async function store(cache, url) {
  const res = await fetch(fresh(url));
  if (!res.ok || res.type !== "basic") return false;
  await cache.put(url, res);
  return true;
}

/**
 * Keeps the stylesheets a cached page links (the site's shared stylesheet lives in _astro/, outside the
 * page), so the page is styled offline even if it was first loaded before this worker controlled it.
 */
async function storeStyles(pageRes, release) {
  const html = await pageRes.clone().text();
  const assets = await caches.open(`assets-${release}`);
  for (const m of html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)) {
    const url = new URL(m[1], self.location.origin);
    if (url.origin === self.location.origin && url.pathname.startsWith(at("_astro/")) && !(await assets.match(url.pathname))) {
      await store(assets, url.pathname).catch(() => false);
    }
  }
}

/** The release files a saved page needs: for now the release manifest and its rollups. */
async function saveReleaseFiles(pointer) {
  const cache = await caches.open(`data-${pointer.release}`);
  const dir = at(`data/${pointer.path || `releases/${pointer.release}/`}`);
  const manifestUrl = dir + "manifest.json";
  let res = await cache.match(manifestUrl);
  if (!res) {
    if (!(await store(cache, manifestUrl))) throw new Error(`${manifestUrl} missing`);
    res = await cache.match(manifestUrl);
  }
  const manifest = await res.json();
  const files = [manifestUrl, ...(manifest.rollups || []).map((r) => dir + r.path)];
  for (const f of files.slice(1)) if (!(await cache.match(f))) await store(cache, f);
  return files.length;
}

/** Fills the caches of `pointer.release` (shell, saved pages, their data) from the network. */
async function prepare(pointer, pointerRes, saved) {
  const r = pointer.release;
  try {
    const shell = await caches.open(`shell-${r}`);
    await shell.addAll(SHELL.map(fresh));
    const home = await shell.match(at(""));
    if (home) await storeStyles(home, r);
    // Scripts with content-hashed names stay valid across releases: carry them over so interactive
    // parts (search, explorer) keep working offline after a switch.
    const prev = (await getState()).release;
    if (prev && prev !== r && (await caches.has(`assets-${prev}`))) {
      const from = await caches.open(`assets-${prev}`), to = await caches.open(`assets-${r}`);
      for (const req of await from.keys()) {
        if (/^(_astro|duckdb)\//.test(new URL(req.url).pathname.slice(BASE.length))) await to.put(req, await from.match(req));
      }
    }
    await shell.put(POINTER, pointerRes);
    if (saved.length) {
      const pages = await caches.open(`pages-${r}`);
      for (const p of saved) await store(pages, p); // a page the new release dropped is skipped
      await saveReleaseFiles(pointer);
    }
  } catch (e) {
    if ((await getState()).release !== r) await Promise.all(KINDS.map((k) => caches.delete(`${k}-${r}`)));
    throw e;
  }
}

/** Makes `pointer.release` active: deletes every other release's caches and tells open pages. */
async function commit(pointer) {
  const s = await getState();
  const previous = s.release;
  await setState({ release: pointer.release, path: pointer.path, saved: s.saved });
  const keep = new Set(KINDS.map((k) => `${k}-${pointer.release}`));
  const names = await caches.keys();
  await Promise.all(names.filter((n) => n !== STATE_CACHE && !keep.has(n)).map((n) => caches.delete(n)));
  if (previous && previous !== pointer.release) {
    const list = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
    for (const c of list) c.postMessage({ type: "release", release: pointer.release, previous });
  }
}

let switching = Promise.resolve();
/** Switches to the release `pointer` names, when it is not the active one (one switch at a time). */
function checkPointer(pointer, pointerRes) {
  switching = switching.then(async () => {
    const s = await getState();
    if (!s.release || pointer.release === s.release) return; // before the first activation: install does it
    await prepare(pointer, pointerRes, s.saved);
    await commit(pointer);
  }).catch(() => {});
  return switching;
}

const checkNow = () => fetchPointer().then(({ pointer, res }) => checkPointer(pointer, res), () => {});

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const { pointer, res } = await fetchPointer();
    const s = await getState();
    await prepare(pointer, res, s.release === pointer.release ? [] : s.saved);
    await setState({ ...s, next: pointer });
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const s = await getState();
    if (s.next) await commit(s.next);
    await self.clients.claim();
  })());
});

/* ---- fetch ---- */

const offlinePage = () => new Response(
  `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Offline</title>` +
  `<body style="font-family:system-ui,sans-serif;max-inline-size:40rem;margin-inline:auto;padding:1rem;color:#1a1a1a"><main><h1>You are offline</h1>` +
  `<p>This page has not been saved for offline reading. Pages you visited or saved still open without a connection.</p>` +
  `<p><a href="${BASE}" style="color:#0a4f96">Go to the home page</a></p></main></body></html>`,
  { status: 503, headers: { "content-type": "text/html; charset=utf-8" } });

async function cached(url, kinds, opts) {
  const { release } = await getState();
  if (!release) return undefined;
  for (const k of kinds) {
    const hit = await (await caches.open(`${k}-${release}`)).match(url, opts);
    if (hit) return hit;
  }
  return undefined;
}

async function page(event) {
  const req = event.request;
  const check = checkNow();
  event.waitUntil(check);
  try {
    const res = await fetch(req);
    if (res.ok && res.type === "basic") {
      const copy = res.clone();
      // Cached once the release check settled, into the release that is then active.
      event.waitUntil(check.then(async () => {
        const { release } = await getState();
        if (release) await (await caches.open(`pages-${release}`)).put(req.url, copy);
      }));
    }
    return res;
  } catch {
    return (await cached(req.url, ["pages", "shell"], { ignoreSearch: true })) || offlinePage();
  }
}

async function pointerFile(event) {
  try {
    const { pointer, res } = await fetchPointer();
    event.waitUntil(checkPointer(pointer, res.clone()));
    return res;
  } catch {
    return (await cached(POINTER, ["shell"])) || fetch(event.request);
  }
}

/** A 206 slice of a cached full response, for range requests (Parquet readers). */
async function slice(res, range) {
  const m = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
  const buf = await res.arrayBuffer();
  if (!m || (!m[1] && !m[2])) return new Response(null, { status: 416, headers: { "content-range": `bytes */${buf.byteLength}` } });
  const start = m[1] ? Number(m[1]) : Math.max(0, buf.byteLength - Number(m[2]));
  const end = m[1] && m[2] ? Math.min(Number(m[2]), buf.byteLength - 1) : buf.byteLength - 1;
  if (start > end) return new Response(null, { status: 416, headers: { "content-range": `bytes */${buf.byteLength}` } });
  return new Response(buf.slice(start, end + 1), {
    status: 206,
    headers: { "content-type": res.headers.get("content-type") || "application/octet-stream", "content-range": `bytes ${start}-${end}/${buf.byteLength}`, "content-length": String(end - start + 1) },
  });
}

async function releaseFile(event, id) {
  const req = event.request;
  const { release } = await getState();
  if (id !== release) return fetch(req); // other releases (permalinks): network only
  const cache = await caches.open(`data-${release}`);
  const range = req.headers.get("range");
  const hit = await cache.match(req.url);
  if (hit) return range ? slice(hit, range) : hit;
  if (range) return fetch(req); // a partial read does not fill the cache
  const res = await fetch(req);
  if (res.status === 200 && res.type === "basic") event.waitUntil(cache.put(req.url, res.clone()));
  return res;
}

/** Scripts, styles, wasm and search index files: kept on first use so interactive parts work offline. */
async function asset(event, hashed) {
  const req = event.request;
  const { release } = await getState();
  const cache = release ? await caches.open(`assets-${release}`) : null;
  if (hashed && cache) {
    const hit = await cache.match(req.url);
    if (hit) return hit;
  }
  try {
    const res = await fetch(req);
    if (cache && res.status === 200 && res.type === "basic") event.waitUntil(cache.put(req.url, res.clone()));
    return res;
  } catch (e) {
    // Pagefind asks for pagefind-entry.json?ts=<now>: offline, any cached copy will do.
    const hit = cache && (await cache.match(req.url, { ignoreSearch: true }));
    if (hit) return hit;
    throw e;
  }
}

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET") return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin || !url.pathname.startsWith(BASE)) return;
  const p = url.pathname;
  if (p === POINTER) return event.respondWith(pointerFile(event));
  const rel = p.startsWith(at("data/releases/")) && p.slice(at("data/releases/").length).split("/")[0];
  if (rel) return event.respondWith(releaseFile(event, rel));
  if (req.mode === "navigate") return event.respondWith(page(event));
  if (p.startsWith(at("_astro/")) || p.startsWith(at("duckdb/"))) return event.respondWith(asset(event, true));
  if (p.startsWith(at("pagefind/"))) return event.respondWith(asset(event, false));
  if (SHELL.includes(p)) {
    event.respondWith(cached(p, ["shell"]).then((hit) => hit || fetch(req)));
  }
});

/* ---- messages from pages ---- */

async function save(path) {
  const s = await getState();
  if (!s.release) throw new Error("no release yet");
  const url = new URL(path, self.location.origin);
  if (url.origin !== self.location.origin || !url.pathname.startsWith(BASE)) throw new Error("not this site");
  const pages = await caches.open(`pages-${s.release}`);
  const ok = await store(pages, url.pathname).catch(() => false);
  const saved = await pages.match(url.pathname);
  if (!ok && !saved) throw new Error(`${url.pathname} could not be fetched`);
  if (saved) await storeStyles(saved, s.release);
  const files = await saveReleaseFiles({ release: s.release, path: s.path });
  const now = await getState();
  if (!now.saved.includes(url.pathname)) await setState({ ...now, saved: [...now.saved, url.pathname] });
  return files;
}

self.addEventListener("message", (event) => {
  const m = event.data || {};
  const reply = (msg) => event.source && event.source.postMessage(msg);
  if (m.type === "save" && typeof m.path === "string") {
    event.waitUntil(save(m.path).then(
      (files) => reply({ type: "saved", ok: true, path: m.path, files }),
      (e) => reply({ type: "saved", ok: false, path: m.path, error: String(e) }),
    ));
  } else if (m.type === "check") {
    event.waitUntil(checkNow());
  }
});
