// cookiescan: report every storage write (Storage.setItem, IndexedDB put/add, Cache Storage
// open/put/add/addAll) with the script that made it, in frames and in workers. Never values.
// Only the first write of each key is reported (the writer is its first writer), and at most
// MAX_REPORTS per frame or worker: a page writing thousands of keys is not slowed down.
(() => {
  const top = globalThis;
  if (top.__cookiescanStorageHooked) return;
  Object.defineProperty(top, "__cookiescanStorageHooked", { value: true });
  const MAX_KEY = 300;
  const MAX_REPORTS = 500;
  const reported = new Set();
  const inWorker = typeof top.WorkerGlobalScope === "function" && top instanceof top.WorkerGlobalScope;
  const stringify = JSON.stringify;
  const report = (kind, key) => {
    try {
      if (top.__cookiescanReading) return;  // the scanner's own reading opens caches
      const id = `${kind}\u0000${String(key).slice(0, MAX_KEY)}`;
      if (reported.has(id) || reported.size >= MAX_REPORTS) return;
      reported.add(id);
      const stack = String(new Error().stack || "");
      const urls = stack.match(/(?:https?|file):\/\/[^\s()]+?(?=:\d+:\d+)/g) || [];
      const caller = urls.length ? urls[0] : "";
      const href = inWorker ? "" : String(top.location.href);  // a worker's URL is added later
      const args = [kind, String(key).slice(0, MAX_KEY), caller, href, Date.now()];
      if (typeof top.__cookiescan_storage === "function") top.__cookiescan_storage(...args);
      else if (typeof top.__cookiescan_worker === "function") top.__cookiescan_worker(stringify(["storage", ...args]));
    } catch (e) { /* never break the page */ }
  };
  const wrap = (proto, name, describe) => {
    const original = proto && proto[name];
    if (typeof original !== "function") return;
    proto[name] = function () {
      try { const found = describe(this, arguments); if (found) report(found[0], found[1]); } catch (e) { /* ignore */ }
      return original.apply(this, arguments);
    };
  };
  if (!inWorker && top.Storage) {
    wrap(top.Storage.prototype, "setItem", (store, args) => {
      const kind = store === top.localStorage ? "localStorage" : "sessionStorage";
      return [kind, args[0]];
    });
  }
  if (top.IDBObjectStore) {
    const storeOf = (store) => ["indexedDB", `${store.transaction.db.name}/${store.name}`];
    wrap(top.IDBObjectStore.prototype, "put", storeOf);
    wrap(top.IDBObjectStore.prototype, "add", storeOf);
  }
  if (top.CacheStorage && top.Cache) {
    const names = new WeakMap();
    const open = top.CacheStorage.prototype.open;
    top.CacheStorage.prototype.open = function (name) {
      report("cacheStorage", name);
      const opened = open.apply(this, arguments);
      opened.then((cache) => { try { names.set(cache, String(name)); } catch (e) { /* ignore */ } }, () => {});
      return opened;
    };
    const cacheOf = (cache) => (names.has(cache) ? ["cacheStorage", names.get(cache)] : null);
    for (const method of ["put", "add", "addAll"]) wrap(top.Cache.prototype, method, cacheOf);
  }
})();
