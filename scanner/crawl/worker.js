// cookiescan: in a worker, hand the cookie-write and API reports to the DevTools binding
// (Playwright's bindings reach frames only). The worker's URL is added by the scanner.
// Evaluated before the binding is added (the first command reaches a starting worker first).
((name) => {
  if (globalThis.__cookiescan_cookie) return;
  const stringify = JSON.stringify;
  const forward = (kind) => (...args) => {
    try { globalThis[name](stringify([kind, ...args])); } catch (e) { /* never break the worker */ }
  };
  for (const [global, kind] of [["__cookiescan_cookie", "cookie"], ["__cookiescan_api", "api"]]) {
    Object.defineProperty(globalThis, global, { value: forward(kind) });
  }
})("__cookiescan_worker");
