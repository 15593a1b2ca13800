// cookiescan: read one frame's storage: web storage keys with value lengths (never values),
// IndexedDB databases and object stores with record counts, Cache Storage caches with entry
// counts. Bounded: at most MAX_KEYS items per area, each step within a time limit.
async ({ maxKeys, maxKeyLength, stepMs }) => {
  const cut = (text) => String(text).slice(0, maxKeyLength);
  const within = (promise) => Promise.race([
    promise, new Promise((_, fail) => setTimeout(() => fail(new Error("timed out")), stepMs)),
  ]);
  const problems = [];
  const webStorage = (area) => {
    const keys = [];
    try {
      const store = globalThis[area];
      for (let i = 0; i < Math.min(store.length, maxKeys); i++) {
        const key = store.key(i);
        keys.push([cut(key), (store.getItem(key) || "").length]);
      }
    } catch (e) { problems.push(`${area}: ${e && e.name}`); }
    return keys;
  };
  const request = (r) => new Promise((done, fail) => { r.onsuccess = () => done(r.result); r.onerror = () => fail(r.error); });
  const database = async (name, found) => {
    const opening = indexedDB.open(name);
    opening.onupgradeneeded = () => opening.transaction && opening.transaction.abort();  // never create
    const db = await within(request(opening));
    try {
      for (const store of Array.from(db.objectStoreNames).slice(0, maxKeys)) {
        const count = await within(request(db.transaction(store, "readonly").objectStore(store).count()));
        found.push([cut(`${name}/${store}`), count]);
      }
    } finally { db.close(); }
  };
  const indexed = async () => {
    const found = [];
    try {
      if (!globalThis.indexedDB || !indexedDB.databases) return found;
      for (const info of (await within(indexedDB.databases())).slice(0, maxKeys)) {
        try { await database(info.name, found); } catch (e) { problems.push(`indexedDB ${cut(info.name)}: ${e && e.message}`); }
      }
    } catch (e) { problems.push(`indexedDB: ${e && e.message}`); }
    return found;
  };
  const cacheStorage = async () => {
    const found = [];
    try {
      if (!globalThis.caches) return found;
      for (const name of (await within(caches.keys())).slice(0, maxKeys)) {
        const cache = await within(caches.open(name));
        found.push([cut(name), (await within(cache.keys())).length]);
      }
    } catch (e) { problems.push(`cacheStorage: ${e && e.message}`); }
    return found;
  };
  Object.defineProperty(globalThis, "__cookiescanReading", { value: true, configurable: true });
  try {
    const local = webStorage("localStorage");
    const session = webStorage("sessionStorage");
    const [idb, cached] = await Promise.all([indexed(), cacheStorage()]);
    return { origin: location.origin, local, session, idb, caches: cached, problems };
  } finally {
    delete globalThis.__cookiescanReading;
  }
}
