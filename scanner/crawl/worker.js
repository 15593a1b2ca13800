// cookiescan: in a worker, hand the cookie-write and API reports to the DevTools binding
// (Playwright's bindings reach frames only). The worker's URL is added by the scanner.
((name) => {
  const binding = globalThis[name];
  if (typeof binding !== "function" || globalThis.__cookiescan_cookie) return;
  const stringify = JSON.stringify;
  const forward = (kind) => (...args) => {
    try { binding(stringify([kind, ...args])); } catch (e) { /* never break the worker */ }
  };
  for (const [global, kind] of [["__cookiescan_cookie", "cookie"], ["__cookiescan_api", "api"]]) {
    Object.defineProperty(globalThis, global, { value: forward(kind) });
  }
})("__cookiescan_worker");
