// A push-notification service worker: subscribes with its provider as soon as it runs,
// and stores the subscription id in a cookie through the Cookie Store API.
self.addEventListener("install", function (event) { self.skipWaiting(); });
self.addEventListener("activate", function (event) {
  event.waitUntil((async function () {
    await self.clients.claim();
    await fetch("https://push.pushvendor.test/subscribe?site=brandshop", { credentials: "include", mode: "no-cors" });
    if (self.cookieStore) {
      await self.cookieStore.set({ name: "bs_push", value: "sub-1", expires: Date.now() + 86400000 * 30 });
    }
  })());
});
