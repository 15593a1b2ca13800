// A push service worker: on activation it stores its subscription id in a cookie through the
// Cookie Store API and fingerprints the browser.
importScripts("/fp.js");
self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) {
  event.waitUntil((async function () {
    await self.clients.claim();
    await self.cookieStore.set({ name: "ws_push", value: "sub-1", expires: Date.now() + 86400000 * 30 });
    await fingerprint("service");
  })());
});
