// Backstride's service worker, rendered by core/offline.py (served at /sw.js).
// Static files: kept at install, served from the cache first (their URLs change with the
// version). Signed-in pages: always asked of the network first; only the pages listed in
// keptPages are kept, in a cache named after the user the server says the page is for,
// and used only when the network fails. Everything else goes to the network untouched
// (the API, uploads, downloads). The player's logs are not handled here: the player
// queues them in localStorage and sends them when the network is back.
const CONFIG = {{ config|safe }};
const STATIC_CACHE = `backstride-static-${CONFIG.version}`;
const PAGES_PREFIX = "backstride-pages-";
const KEPT = (CONFIG.keptPages || []).map((source) => new RegExp(source));

const isKept = (url) => url.origin === self.location.origin && KEPT.some((re) => re.test(url.pathname));

/** Delete every user's kept pages except `keepUser`'s (all of them for ""). */
async function forgetPagesExcept(keepUser) {
  const names = await caches.keys();
  await Promise.all(
    names
      .filter((name) => name.startsWith(PAGES_PREFIX) && name !== PAGES_PREFIX + keepUser)
      .map((name) => caches.delete(name)),
  );
}

/** Keep a copy of a good, personal page answer; and forget anyone else's pages. */
async function remember(request, response) {
  if (response.type !== "basic") return; // a redirect the browser follows itself: nothing to learn
  const user = response.headers.get(CONFIG.userHeader) || "";
  await forgetPagesExcept(user);
  if (!user || response.status !== 200 || !isKept(new URL(request.url))) return;
  const type = response.headers.get("Content-Type") || "";
  if (!type.startsWith("text/html")) return;
  const cache = await caches.open(PAGES_PREFIX + user);
  await cache.put(request.url, response);
}

async function keptPage(request) {
  for (const name of await caches.keys()) {
    if (!name.startsWith(PAGES_PREFIX)) continue;
    const hit = await (await caches.open(name)).match(request.url);
    if (hit) return hit;
  }
  return null;
}

async function page(event) {
  const { request } = event;
  try {
    const response = await fetch(request);
    event.waitUntil(remember(request, response.clone()));
    return response;
  } catch (error) {
    const kept = await keptPage(request);
    if (kept) return kept;
    const offline = await caches.match(CONFIG.offlineUrl);
    if (offline) return offline;
    throw error;
  }
}

async function staticFile(request) {
  const cache = await caches.open(STATIC_CACHE);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok && response.type === "basic") await cache.put(request, response.clone());
  return response;
}

// One file that fails to load (a busy server, a flaky network) must not cost the whole
// install: each is kept on its own, and any that failed is fetched and kept on first use.
self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(STATIC_CACHE)
      .then((cache) => Promise.allSettled(CONFIG.precache.map((url) => cache.add(url))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith("backstride-static-") && name !== STATIC_CACHE)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "POST" && url.pathname === CONFIG.signOutUrl) {
    // Forget this person's pages before the sign-out is even answered.
    event.waitUntil(forgetPagesExcept(""));
    return;
  }
  if (request.method !== "GET") return;
  if (request.mode === "navigate") {
    event.respondWith(page(event));
  } else if (url.pathname.startsWith(CONFIG.staticPrefix)) {
    event.respondWith(staticFile(request));
  }
});

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "sign-out") {
    event.waitUntil(forgetPagesExcept(""));
  } else if (data.type === "keep" && Array.isArray(data.urls)) {
    // Links marked data-offline (the next session): fetch them now so they open offline.
    const urls = [];
    for (const href of data.urls.slice(0, 10)) {
      const url = new URL(href, self.location.origin);
      if (!isKept(url)) continue;
      urls.push(url.href);
      if (/^\/plans\/session\/[^/]+\/$/.test(url.pathname)) urls.push(new URL("play", url).href);
    }
    event.waitUntil(
      Promise.all(
        urls.map((href) =>
          fetch(href, { credentials: "same-origin", redirect: "manual" })
            .then((response) => remember(new Request(href), response))
            .catch(() => {}),
        ),
      ),
    );
  }
});
