// cookiescan: dialogs, print and pop-ups never block or multiply (a scan has no one to click "OK").
(() => {
  const quiet = {
    alert: () => undefined,
    confirm: () => false,
    prompt: () => null,
    print: () => undefined,
    open: () => null,
  };
  for (const [name, replacement] of Object.entries(quiet)) {
    try {
      Object.defineProperty(window, name, { value: replacement, writable: false, configurable: false });
    } catch (e) { /* already locked by the page: the dialog handler still dismisses */ }
  }
})();
