// cookiescan: which one-shot timers and idle callbacks the page has pending, and when each is due.
(() => {
  const KEY = "__cookiescanTimers";
  if (Object.prototype.hasOwnProperty.call(window, KEY)) return;
  const MAX = 2000;
  const IDLE_MS = 50; // an idle callback runs as soon as the page is idle
  const pending = new Map(); // "t<id>" / "i<id>" -> due, in performance.now() ms
  const now = () => performance.now();
  const setT = window.setTimeout, clearT = window.clearTimeout;
  const idle = window.requestIdleCallback, cancelIdle = window.cancelIdleCallback;
  let firing = null; // the delay of the timer whose callback runs now: re-arming it is a poll
  const track = (key, due) => { if (pending.size < MAX) pending.set(key, due); };
  const hide = (fake, real) => {
    try { Object.defineProperty(fake, "toString", { value: () => Function.prototype.toString.call(real) }); } catch (e) { }
    return fake;
  };
  window.setTimeout = hide(function setTimeout(fn, delay, ...rest) {
    if (typeof fn !== "function") return setT.call(window, fn, delay, ...rest);
    let id = 0;
    const ms = Math.max(0, Number(delay) || 0);
    const run = function () {
      pending.delete("t" + id);
      const outer = firing;
      firing = ms;
      try { return fn.apply(this, arguments); } finally { firing = outer; }
    };
    id = setT.call(window, run, delay, ...rest);
    if (firing !== ms) track("t" + id, now() + ms); // a timer re-armed with its own delay polls
    return id;
  }, setT);
  window.clearTimeout = hide(function clearTimeout(id) {
    pending.delete("t" + id);
    return clearT.call(window, id);
  }, clearT);
  if (typeof idle === "function") {
    window.requestIdleCallback = hide(function requestIdleCallback(fn, options) {
      let id = 0;
      const run = function () {
        pending.delete("i" + id);
        const outer = firing;
        firing = -1;
        try { return fn.apply(this, arguments); } finally { firing = outer; }
      };
      id = idle.call(window, typeof fn === "function" ? run : fn, options);
      if (typeof fn === "function" && firing !== -1) track("i" + id, now() + IDLE_MS);
      return id;
    }, idle);
    window.cancelIdleCallback = hide(function cancelIdleCallback(id) {
      pending.delete("i" + id);
      return cancelIdle.call(window, id);
    }, cancelIdle);
  }
  // The next due within horizonMs (ms from now, or null) and how many are due only later.
  Object.defineProperty(window, KEY, {
    enumerable: false,
    value: (horizonMs) => {
      const t = now();
      let next = null, later = 0;
      for (const due of pending.values()) {
        const wait = Math.max(0, due - t);
        if (wait > horizonMs) later += 1;
        else if (next === null || wait < next) next = wait;
      }
      return { next, later };
    },
  });
})();
