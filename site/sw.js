// sw.js: offline use. The cache is versioned: a new VERSION (bump it when the
// list of files changes) installs a new cache and the old one is deleted on
// activation. Requests go to the network first (the server's ETags make that
// a cheap revalidation), so an updated wasm or page replaces its cached copy
// as soon as it is fetched; without network the cached copy is served.
const VERSION = "wiodlab-v4";
const FILES = [
  "./", "index.html", "embed.html", "style.css", "app.js", "embed.js", "render.js", "spec.js", "i18n.js",
  "wiodlab.mjs", "worker.js", "wasm_exec.js", "wiodlab.wasm", "manifest.webmanifest", "favicon.svg", "boot.js",
];

self.addEventListener("install", (ev) => {
  ev.waitUntil(caches.open(VERSION).then((c) => c.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (ev) => {
  ev.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith("wiodlab-") && k !== VERSION).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener("fetch", (ev) => {
  const req = ev.request;
  if (req.method !== "GET" || new URL(req.url).origin !== location.origin) return;
  ev.respondWith((async () => {
    const cache = await caches.open(VERSION);
    try {
      const resp = await fetch(req);
      if (resp.ok) {
        // Store only what changed: rewriting the 7 MB wasm into the cache on
        // every visit slowed each later start by hundreds of milliseconds.
        const old = await cache.match(req);
        const tag = resp.headers.get("ETag");
        if (!old || !tag || old.headers.get("ETag") !== tag) ev.waitUntil(cache.put(req, resp.clone()));
      }
      return resp;
    } catch (e) {
      const hit = await cache.match(req, { ignoreSearch: true });
      if (hit) return hit;
      throw e;
    }
  })());
});
