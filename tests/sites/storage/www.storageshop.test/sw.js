// A service worker that caches the offline page in Cache Storage when it installs.
self.addEventListener("install", function (event) {
  event.waitUntil(caches.open("storageshop-offline-v1").then(function (cache) {
    return cache.put("/offline.html", new Response("<p>You are offline.</p>", {
      headers: { "Content-Type": "text/html" },
    }));
  }).then(function () { return self.skipWaiting(); }));
});
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });
