// Keeps the atlas's files so it opens offline once it has been loaded. Network first, so a new version
// is picked up when there is a connection; the cache answers when there is none.
const CACHE = "timeatlas-v1";
const FILES = ["./", "index.html", "timeatlas.js", "timeatlas_bg.wasm", "manifest.webmanifest",
  "icon.svg", "icon-32.png", "icon-256.png", "icon-512.png"];
self.addEventListener("install", (e) => e.waitUntil(caches.open(CACHE).then((c) => c.addAll(FILES))));
self.addEventListener("fetch", (e) => {
  if (e.request.method !== "GET") return;
  e.respondWith(fetch(e.request).then((response) => {
    const copy = response.clone();
    caches.open(CACHE).then((c) => c.put(e.request, copy));
    return response;
  }).catch(() => caches.match(e.request)));
});
