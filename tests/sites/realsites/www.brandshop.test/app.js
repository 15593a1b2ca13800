// The shop's app: a service worker (push notifications), a dedicated worker (search index)
// and a shared worker (cart sync), each of which reports to a third party; plus the
// session and language cookies every shop sets.
document.cookie = "sessionid=s" + Math.random().toString(36).slice(2) + "; path=/; secure; samesite=lax";
document.cookie = "lang=en; max-age=31536000; path=/; secure; samesite=lax";
document.cookie = "bs_ab=b; max-age=2592000; path=/; secure; samesite=lax";
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("/sw.js", { scope: "/" });
}
if (window.Worker) {
  // The index is built at once; its timing is reported again once the page has loaded (a
  // worker's first request can precede the scanner's DevTools session on it: see the test).
  const search = new Worker("/search-worker.js");
  const report = () => search.postMessage("report");
  if (document.readyState === "complete") report();
  else addEventListener("load", report);
}
if (window.SharedWorker) {
  new SharedWorker("/cart-worker.js");
}
