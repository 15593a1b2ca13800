// cookiescan: in a worker, hand the hooks' reports to the DevTools binding (Playwright's
// bindings reach frames only): each page binding's global becomes a forwarder that sends
// [kind, ...args]. The worker's URL is added by the scanner. Evaluated before the binding is
// added (the first command reaches a starting worker first).
((name, bindings) => {
  if (!bindings.length || globalThis[bindings[0][0]]) return;
  const stringify = JSON.stringify;
  const forward = (kind) => (...args) => {
    try { globalThis[name](stringify([kind, ...args])); } catch (e) { /* never break the worker */ }
  };
  for (const [global, kind] of bindings) {
    Object.defineProperty(globalThis, global, { value: forward(kind) });
  }
})
