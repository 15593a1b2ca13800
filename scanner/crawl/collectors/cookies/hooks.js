// cookiescan: report every script cookie write (document.cookie, cookieStore) with its caller.
(() => {
  const top = globalThis;  // a window, or a service worker's global scope (cookieStore)
  const inWorker = typeof top.WorkerGlobalScope === "function" && top instanceof top.WorkerGlobalScope;
  if (top.__cookiescanHooked) return;
  Object.defineProperty(top, "__cookiescanHooked", { value: true });
  const report = (line) => {
    try {
      const stack = String(new Error().stack || "");
      const urls = stack.match(/(?:https?|file):\/\/[^\s()]+?(?=:\d+:\d+)/g) || [];
      const caller = urls.length ? urls[0] : "";
      const binding = top.__cookiescan_cookie;
      const href = inWorker ? "" : String(top.location.href);  // a worker's reporter adds its URL
      if (typeof binding === "function") binding(String(line), caller, href, Date.now());
    } catch (e) { /* never break the page */ }
  };
  const desc = top.Document && Object.getOwnPropertyDescriptor(top.Document.prototype, "cookie");
  if (desc && desc.set && desc.get) {
    Object.defineProperty(Document.prototype, "cookie", {
      configurable: true,
      enumerable: desc.enumerable,
      get() { return desc.get.call(this); },
      set(value) { report(value); return desc.set.call(this, value); },
    });
  }
  const patch = (store) => {
    if (!store || !store.set || Object.prototype.hasOwnProperty.call(store, "__cookiescanSet")) return;
    Object.defineProperty(store, "__cookiescanSet", { value: true });
    const original = store.set;
    store.set = function (first, second) {
      try {
        const o = typeof first === "object" && first ? first : { name: first, value: second };
        let line = `${o.name}=x`;
        if (o.domain) line += `; Domain=${o.domain}`;
        if (o.path) line += `; Path=${o.path}`;
        if (o.expires) line += `; Max-Age=${Math.round((Number(o.expires) - Date.now()) / 1000)}`;
        report(line);
      } catch (e) { /* ignore */ }
      return original.apply(this, arguments);
    };
  };
  if (top.CookieStore) patch(top.CookieStore.prototype);
  // A service worker has a cookieStore but no CookieStore global, and reading its getter
  // before the worker runs crashes Chromium 156: patch on the worker's own first use.
  const getter = top.ServiceWorkerGlobalScope && Object.getOwnPropertyDescriptor(top, "cookieStore");
  if (getter && getter.get && getter.configurable) {
    Object.defineProperty(top, "cookieStore", {
      ...getter,
      get() {
        const store = getter.get.call(this);
        try { patch(store && Object.getPrototypeOf(store)); } catch (e) { /* ignore */ }
        return store;
      },
    });
  }
})();
