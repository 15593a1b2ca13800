// cookiescan: report every script cookie write (document.cookie, cookieStore) with its caller.
(() => {
  if (window.__cookiescanHooked) return;
  Object.defineProperty(window, "__cookiescanHooked", { value: true });
  const report = (line) => {
    try {
      const stack = String(new Error().stack || "");
      const urls = stack.match(/(?:https?|file):\/\/[^\s()]+?(?=:\d+:\d+)/g) || [];
      const caller = urls.length ? urls[0] : "";
      const binding = window.__cookiescan_cookie;
      if (typeof binding === "function") binding(String(line), caller, String(location.href), Date.now());
    } catch (e) { /* never break the page */ }
  };
  const desc = Object.getOwnPropertyDescriptor(Document.prototype, "cookie");
  if (desc && desc.set && desc.get) {
    Object.defineProperty(Document.prototype, "cookie", {
      configurable: true,
      enumerable: desc.enumerable,
      get() { return desc.get.call(this); },
      set(value) { report(value); return desc.set.call(this, value); },
    });
  }
  if (window.CookieStore && CookieStore.prototype.set) {
    const original = CookieStore.prototype.set;
    CookieStore.prototype.set = function (first, second) {
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
  }
})();
